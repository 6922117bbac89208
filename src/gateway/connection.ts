import type { ReadyData } from '../models/index.js';
import { GatewayStateError } from './errors.js';
import type { Deferred } from './deferred.js';
import type { HandshakePhase } from './recovery-plan.js';
import type { ActiveSession } from './session.js';
import { canTransition } from './state.js';
import type { GatewayState } from './state.js';
import type { WebSocketLike } from './websocket-like.js';

/** Where a socket is in its handshake: waiting for HELLO, or HELLO answered with IDENTIFY or RESUME. */
export type HandshakeStep = 'hello' | 'identify' | 'resume';

/**
 * What a connect cycle carries from one socket to the next, from `connect()` (or a loss) until the
 * connection is live again or stops.
 */
export interface ConnectCycle {
  /** Reconnect attempts used since the connection was last live (0 for the first socket). */
  readonly attempt: number;
  /** A live connection was lost in this cycle: going live again is a recovery (`recovered`). */
  readonly recovering: boolean;
  /** A loss in this cycle happened while the page was hidden: becoming visible skips the wait. */
  readonly lostWhileHidden: boolean;
  /** `connect()` callers waiting for READY (or `resumed`). */
  readonly login: Deferred<ReadyData | null> | null;
  /** The session the next handshake RESUMEs; null: it IDENTIFYs. */
  readonly session: ActiveSession | null;
}

/**
 * The transport's whole state: one value, each variant carrying exactly the data that exists in it.
 * - idle:      nothing open, nothing scheduled (initial, after disconnect(), after a final stop).
 * - opening:   about to open a socket: the WebSocket implementation (or the stored session) loads.
 * - waiting:   backing off before the next socket.
 * - handshake: a socket is open and HELLO is awaited or answered; `replayed` counts a RESUME's replay.
 * - live:      READY or `resumed` arrived on this socket.
 */
export type Connection =
  | { readonly kind: 'idle' }
  | ({ readonly kind: 'opening' } & ConnectCycle)
  | ({ readonly kind: 'waiting' } & ConnectCycle)
  | ({ readonly kind: 'handshake'; readonly socket: WebSocketLike; readonly step: HandshakeStep; replayed: number } & ConnectCycle)
  | { readonly kind: 'live'; readonly socket: WebSocketLike; readonly session: ActiveSession | null };

export type ConnectionKind = Connection['kind'];

export const IDLE: Connection = { kind: 'idle' };

/**
 * The only moves between kinds. A move to the same kind replaces its data (a handshake step, a
 * second `connect()` caller, a READY on a live socket); idle never moves to idle.
 */
const MOVES: ReadonlyMap<ConnectionKind, ReadonlySet<ConnectionKind>> = new Map<ConnectionKind, ReadonlySet<ConnectionKind>>([
  ['idle', new Set<ConnectionKind>(['opening'])],
  ['opening', new Set<ConnectionKind>(['opening', 'handshake', 'waiting', 'idle'])],
  ['waiting', new Set<ConnectionKind>(['waiting', 'opening', 'idle'])],
  ['handshake', new Set<ConnectionKind>(['handshake', 'live', 'waiting', 'idle'])],
  ['live', new Set<ConnectionKind>(['live', 'waiting', 'idle'])],
]);

export function canMove(from: ConnectionKind, to: ConnectionKind): boolean {
  return MOVES.get(from)?.has(to) ?? false;
}

/** The public state a connection shows: a socket that will RESUME is 'resuming'. */
export function publicState(connection: Connection): GatewayState {
  switch (connection.kind) {
    case 'idle':
      return 'disconnected';
    case 'live':
      return 'connected';
    default:
      return connection.session !== null ? 'resuming' : 'connecting';
  }
}

/**
 * Checks a move against both tables (the kinds here, the public states in `state.ts`); an illegal
 * one is a bug in the transport and throws `GatewayStateError`.
 */
export function checkMove(from: Connection, to: Connection): void {
  if (!canMove(from.kind, to.kind)) throw new GatewayStateError(from.kind, to.kind);
  const prev = publicState(from);
  const next = publicState(to);
  if (prev !== next && !canTransition(prev, next)) throw new GatewayStateError(`${from.kind} (${prev})`, `${to.kind} (${next})`);
}

export function socketOf(connection: Connection): WebSocketLike | null {
  return connection.kind === 'handshake' || connection.kind === 'live' ? connection.socket : null;
}

export function sessionOf(connection: Connection): ActiveSession | null {
  return connection.kind === 'idle' ? null : connection.session;
}

/** The cycle a connection is in; a live connection starts a fresh one when it is lost. */
export function cycleOf(connection: Connection): ConnectCycle {
  if (connection.kind === 'idle' || connection.kind === 'live') {
    return { attempt: 0, recovering: false, lostWhileHidden: false, login: null, session: sessionOf(connection) };
  }
  // Only the cycle's own fields: a spread would carry a handshake's socket into the next variant.
  const { attempt, recovering, lostWhileHidden, login, session } = connection;
  return { attempt, recovering, lostWhileHidden, login, session };
}

/** The handshake phase `planRecovery` judges a loss by. */
export function phaseOf(connection: Connection): HandshakePhase {
  switch (connection.kind) {
    case 'live':
      return 'live';
    case 'handshake':
      return connection.step === 'identify' ? 'identify_sent' : connection.step === 'resume' ? 'resume_sent' : 'awaiting_hello';
    default:
      return 'awaiting_hello';
  }
}
