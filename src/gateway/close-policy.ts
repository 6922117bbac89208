import { CloseCodes, closeCodeName } from '../protocol/index.js';

/**
 * What a close code means for the session:
 * - fatal:    stop; reconnecting cannot help (auth, version, intents).
 * - identify: reconnect after the backoff, but the session is gone (server destroyed it).
 * - resume:   reconnect after the backoff and RESUME.
 */
export type CloseAction = 'fatal' | 'identify' | 'resume';

/** Codes not listed here reconnect and resume (a network drop arrives as 1006). */
export const CLOSE_POLICY: ReadonlyMap<number, CloseAction> = new Map<number, CloseAction>([
  [CloseCodes.NOT_AUTHENTICATED, 'fatal'],
  [CloseCodes.AUTH_FAILED, 'fatal'],
  [CloseCodes.INVALID_VERSION, 'fatal'],
  [CloseCodes.INVALID_INTENT, 'fatal'],
  [CloseCodes.DISALLOWED_INTENT, 'fatal'],
  // accordserver sends these two and discards the session with them (docs/protocol.md §1.12, §7.3).
  [CloseCodes.ALREADY_AUTHENTICATED, 'identify'],
  [CloseCodes.RATE_LIMITED, 'identify'],
]);

export function closeAction(code: number): CloseAction {
  return CLOSE_POLICY.get(code) ?? 'resume';
}

/** A readable reason for a close that came without one. */
export function describeClose(code: number, reason: string): string {
  if (reason) return reason;
  return closeCodeName(code)?.toLowerCase().replace(/_/g, ' ') ?? (code === 1006 ? 'connection lost' : `closed with ${code}`);
}
