import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

const KEY_LENGTH = 32;
/** scrypt cost for real accounts. Demo accounts use a lower one (their passwords are public). */
export const DEFAULT_SCRYPT_COST = 16384;

export function hashPassword(password: string, cost = DEFAULT_SCRYPT_COST): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, KEY_LENGTH, { N: cost });
  return `scrypt:${cost}:${salt.toString('hex')}:${hash.toString('hex')}`;
}

export function verifyPassword(password: string, stored: string | null): boolean {
  if (!stored) return false;
  const [scheme, costText, saltHex, hashHex] = stored.split(':');
  if (scheme !== 'scrypt' || !costText || !saltHex || !hashHex) return false;
  const expected = Buffer.from(hashHex, 'hex');
  const actual = scryptSync(password, Buffer.from(saltHex, 'hex'), expected.length, { N: Number(costText) });
  return timingSafeEqual(actual, expected);
}
