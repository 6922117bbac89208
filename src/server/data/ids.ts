import { createHash, randomBytes } from 'node:crypto';

/** Orders decimal id strings numerically (shorter = smaller), so ids of any length compare right. */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

export const maxId = (a: string | null, b: string | null): string | null =>
  a === null ? b : b === null ? a : compareIds(a, b) >= 0 ? a : b;

/** A fresh token: 64 lowercase hex characters. */
export const newToken = (): string => randomBytes(32).toString('hex');

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

const INVITE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** An 8-character invite code. */
export function newInviteCode(): string {
  const bytes = randomBytes(8);
  let code = '';
  for (const byte of bytes) code += INVITE_ALPHABET[byte % INVITE_ALPHABET.length];
  return code;
}
