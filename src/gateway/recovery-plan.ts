import { CloseCodes } from '../protocol/index.js';
import { closeAction, describeClose } from './close-policy.js';

/** Where the current socket was in its handshake when it was lost. */
export type HandshakePhase = 'awaiting_hello' | 'identify_sent' | 'resume_sent' | 'live';

/** Every way the live socket can be lost without the user asking for it. */
export type LossCause =
  | { kind: 'closed'; code: number; reason: string }
  | { kind: 'zombie' }
  | { kind: 'hello_timeout' }
  | { kind: 'reconnect_requested' }
  | { kind: 'invalid_session'; resumable: boolean }
  /** A READY that does not parse (fields of the wrong type): ignored, and a fresh IDENTIFY asks again. */
  | { kind: 'bad_ready' };

export type RecoveryPlan =
  | { action: 'stop'; code: number; reason: string; failure: 'auth' | 'close' }
  | {
      action: 'retry';
      session: 'resume' | 'identify';
      /** `now`: a stored session refused at login is no failure to back off from. */
      wait: 'backoff' | 'invalid_session' | 'now';
      /** What `disconnected` reports if this retry would exceed the attempt budget. */
      giveUpCode: number;
      giveUpReason: string;
    };

export const AUTH_FAILED_REASON = 'authentication failed: the server rejected IDENTIFY (token or intents)';
export const SESSION_INVALID_REASON = 'session invalid after max attempts';

/** What the loss happened to besides its phase. */
export interface LossContext {
  /** The RESUME in flight was of a session loaded from the session store at login. */
  storedSession?: boolean;
}

/** The single decision for every unexpected loss. */
export function planRecovery(cause: LossCause, phase: HandshakePhase, context: LossContext = {}): RecoveryPlan {
  // A RESUME that got no answer cannot be trusted: the next attempt starts a new session.
  const resumeUnanswered = phase === 'resume_sent';
  switch (cause.kind) {
    case 'closed': {
      const action = closeAction(cause.code);
      const reason = describeClose(cause.code, cause.reason);
      if (action === 'fatal') return { action: 'stop', code: cause.code, reason, failure: 'close' };
      const session = action === 'resume' && !resumeUnanswered ? 'resume' : 'identify';
      return { action: 'retry', session, wait: 'backoff', giveUpCode: cause.code, giveUpReason: reason };
    }
    case 'zombie':
    case 'hello_timeout':
    case 'reconnect_requested':
      // No verdict on the session from the server: resume it, unless the RESUME itself went unanswered.
      return {
        action: 'retry',
        session: resumeUnanswered ? 'identify' : 'resume',
        wait: 'backoff',
        giveUpCode: 1006,
        giveUpReason: describeLoss(cause),
      };
    case 'bad_ready':
      return { action: 'retry', session: 'identify', wait: 'backoff', giveUpCode: CloseCodes.DECODE_ERROR, giveUpReason: describeLoss(cause) };
    case 'invalid_session': {
      // op 7 answering IDENTIFY: the token or the intents are bad (docs/protocol.md §1.10, §7.1), and a
      // retry fails the same way, so the first rejection stops the client.
      if (phase === 'identify_sent') {
        return { action: 'stop', code: CloseCodes.AUTH_FAILED, reason: AUTH_FAILED_REASON, failure: 'auth' };
      }
      const session = cause.resumable && phase === 'resume_sent' ? 'resume' : 'identify';
      // A stored session the server no longer knows (its window passed, it restarted): IDENTIFY at once.
      const refusedStored = session === 'identify' && phase === 'resume_sent' && context.storedSession === true;
      return {
        action: 'retry',
        session,
        wait: refusedStored ? 'now' : 'invalid_session',
        giveUpCode: CloseCodes.AUTH_FAILED,
        giveUpReason: SESSION_INVALID_REASON,
      };
    }
  }
}

/** A short description of a loss, for debug output and for the reason `disconnected` reports. */
export function describeLoss(cause: LossCause): string {
  switch (cause.kind) {
    case 'closed':
      return `close ${cause.code}${cause.reason ? ` ${cause.reason}` : ''}`;
    case 'zombie':
      return 'heartbeat not acknowledged';
    case 'hello_timeout':
      return 'no HELLO from the server';
    case 'reconnect_requested':
      return 'server requested reconnect';
    case 'invalid_session':
      return `invalid session, resumable=${cause.resumable}`;
    case 'bad_ready':
      return 'READY did not parse';
  }
}
