import { newToken, sha256Hex } from '../ids.js';
import type { ServiceContext } from './context.js';

const USER_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;
const MAX_USER_TOKENS = 25;

/** Issues a 30-day user token (only its sha256 is stored); the 26th evicts the oldest. */
export function issueUserToken(ctx: ServiceContext, userId: string, token = newToken()): string {
  const { userTokens } = ctx.data.tables;
  const now = ctx.data.clock.now();
  userTokens.put({ hash: sha256Hex(token), user_id: userId, created_at_ms: now, expires_at_ms: now + USER_TOKEN_TTL_MS });
  const live = userTokens.where('user', userId).sort((a, b) => a.created_at_ms - b.created_at_ms);
  for (const old of live.slice(0, Math.max(0, live.length - MAX_USER_TOKENS))) {
    userTokens.delete(old.hash);
    ctx.gateway.endSessionsForToken(old.hash);
  }
  return token;
}

/** Revokes one user token and ends the gateway sessions opened with it. */
export function revokeUserToken(ctx: ServiceContext, tokenHash: string): void {
  ctx.data.tables.userTokens.delete(tokenHash);
  ctx.gateway.endSessionsForToken(tokenHash);
}
