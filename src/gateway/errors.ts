import { CloseCodes } from '../protocol/index.js';
import type { ParseIssue } from '../models/index.js';

export type GatewayErrorKind =
  /** A frame that is not JSON, not an object, or has no usable op/type. Skipped. */
  | 'malformed_frame'
  /** Event data that did not fit its model: fatal (skipped) or defaulted (still dispatched). */
  | 'invalid_data'
  /** The WebSocket reported an error. */
  | 'socket'
  /** The server rejected IDENTIFY: token or intents are bad. */
  | 'auth'
  /** The connection ended for good (fatal close code, attempts exhausted). */
  | 'closed'
  /** An op was sent while not connected. */
  | 'not_connected'
  /** disconnect() was called while connect() was still waiting. */
  | 'aborted'
  /** The transport tried a move its state table forbids: a bug in accordkit, never in the caller. */
  | 'illegal_transition'
  /** The session store failed to load, save or clear (or held something that is not a session). */
  | 'session_store';

export interface GatewayErrorDetails {
  eventType?: string;
  code?: number;
  issues?: readonly ParseIssue[];
}

/**
 * Every error the transport reports or throws. Messages are built from already-redacted text;
 * the token is never part of one.
 */
export class GatewayError extends Error {
  readonly kind: GatewayErrorKind;
  readonly reason: string;
  readonly eventType: string | undefined;
  readonly code: number | undefined;
  readonly issues: readonly ParseIssue[];

  constructor(kind: GatewayErrorKind, reason: string, details: GatewayErrorDetails = {}) {
    super(details.eventType ? `gateway ${kind} (${details.eventType}): ${reason}` : `gateway ${kind}: ${reason}`);
    this.name = 'GatewayError';
    this.kind = kind;
    this.reason = reason;
    this.eventType = details.eventType;
    this.code = details.code;
    this.issues = details.issues ?? [];
  }
}

/** IDENTIFY was refused (op 7) again on retry: re-authenticate before connecting again. */
export class GatewayAuthError extends GatewayError {
  constructor(reason: string) {
    super('auth', reason, { code: CloseCodes.AUTH_FAILED });
    this.name = 'GatewayAuthError';
  }
}

export class GatewayNotConnectedError extends GatewayError {
  constructor(
    readonly op: number,
    readonly state: string,
  ) {
    super('not_connected', `cannot send op ${op} while ${state}`);
    this.name = 'GatewayNotConnectedError';
  }
}

export class GatewayClosedError extends GatewayError {
  constructor(code: number, reason: string, kind: 'closed' | 'aborted' = 'closed') {
    super(kind, `${reason} (${code})`, { code });
    this.name = 'GatewayClosedError';
  }
}

/** Thrown when the transport tries a move its state table forbids (a bug in the transport itself). */
export class GatewayStateError extends GatewayError {
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super('illegal_transition', `illegal state change ${from} -> ${to}`);
    this.name = 'GatewayStateError';
  }
}
