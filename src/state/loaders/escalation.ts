import type { ServerConnection } from '../connection.js';
import { describeError, type StateContext } from '../context.js';

/** REST refused the credentials (401/403), or the gateway refused IDENTIFY (GatewayAuthError). */
export function isAuthFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { status, kind } = error as { status?: unknown; kind?: unknown };
  return status === 401 || status === 403 || kind === 'auth';
}

/**
 * The gateway gave up (a fatal close code, or reconnects exhausted): one full reconnect with
 * re-authentication per disconnect cycle (the cycle ends at READY). Refused credentials
 * (users/@me 401/403) → reauthNeeded.
 */
export function escalate(ctx: StateContext, conn: ServerConnection): void {
  if (conn.removed) return;
  if (conn.escalated) {
    conn.status = 'error';
    return;
  }
  conn.escalated = true;
  conn.status = 'reconnecting';
  const refused = (): void => {
    conn.status = 'error';
    ctx.emit('reauthNeeded', conn.index);
  };
  void (async () => {
    try {
      await conn.client.rest.getCurrentUser();
    } catch (error) {
      if (conn.removed) return;
      if (isAuthFailure(error)) return refused();
      ctx.logger.warn('accordkit store: re-authentication check failed; reconnecting anyway', { error: describeError(error) });
    }
    if (conn.removed) return;
    try {
      await conn.client.login();
    } catch (error) {
      if (conn.removed || conn.status === 'connected') return;
      if (isAuthFailure(error)) return refused();
      conn.status = 'error';
      ctx.logger.warn('accordkit store: full reconnect failed', { error: describeError(error) });
    }
  })();
}
