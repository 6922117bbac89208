import { CloseCodes } from '../protocol/index.js';
import { Prng } from './prng.js';

/**
 * Every fault the soak knows how to inflict. Each one ends the live socket (or disturbs it)
 * in a way the client must survive without losing or duplicating anything.
 */
export const FAULT_KINDS = [
  'drop', // socket dropped with no Close frame: the session is parked and resumable
  'zombie', // the server keeps the socket but stops acking heartbeats
  'close_fatal', // Close 4004: the client must stop; the application signs in again
  'close_rate_limited', // Close 4008: the session is discarded, the client re-identifies
  'close_other', // Close 4000 (any other code): reconnect and try to resume
  'invalid_session', // op 7 then drop
  'reconnect', // op 6
  'restart', // the whole server restarts: every session lost, data kept
  'replay_overflow', // more events missed while away than the replay buffer holds
  'malformed', // malformed frames injected into a live session
  'slow_consumer', // the client processes inbound frames slowly for a while
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

/** How a connection hit by the fault is expected to come back. */
export type ExpectedRecovery = 'resumed' | 'reidentified' | 'either' | 'none';

export const EXPECTED_RECOVERY: Readonly<Record<FaultKind, ExpectedRecovery>> = {
  drop: 'resumed',
  // The server may not have noticed the abandoned socket yet when the RESUME arrives (op 7).
  zombie: 'either',
  close_fatal: 'reidentified',
  close_rate_limited: 'reidentified',
  close_other: 'either',
  invalid_session: 'reidentified',
  reconnect: 'either',
  restart: 'reidentified',
  replay_overflow: 'reidentified',
  malformed: 'none',
  // Frames queued behind a slow reader can delay heartbeat acks into a zombie verdict.
  slow_consumer: 'either',
};

export interface FaultParams {
  /** close_*: the code the server closes with. */
  closeCode?: number;
  /** zombie: how long acks are withheld; slow_consumer: how long frames are delayed. */
  durationMs?: number;
  /** slow_consumer: delay added before each inbound frame reaches the client. */
  perFrameDelayMs?: number;
  /** replay_overflow: events published while the client is away, beyond the buffer limit. */
  overflowBy?: number;
  /** malformed: how many bad frames are injected. */
  frames?: number;
}

export interface FaultStep {
  index: number;
  kind: FaultKind;
  /** Index of the connection hit (modulo the number of connections); ignored for `restart`. */
  target: number;
  /** Which server (index) the fault is applied to, for soaks with more than one. */
  server: number;
  /** Pause before applying this step, after the previous one was applied. */
  delayMs: number;
  params: FaultParams;
  /** Compare every store with the server's truth after this step settles. */
  checkpoint: boolean;
}

export interface FaultScheduleOptions {
  seed: string;
  count: number;
  /** Number of store connections that can be targeted. */
  targets: number;
  /** Number of servers (default 1). */
  servers?: number;
  kinds?: readonly FaultKind[];
  /** Relative weights; kinds not listed get 1. Every kind still appears at least once. */
  weights?: Partial<Record<FaultKind, number>>;
  /** A checkpoint after every this many faults (default 20), and always after the last. */
  checkpointEvery?: number;
  /** Pause between faults, drawn uniformly (default 40..160 ms). */
  gapMs?: readonly [number, number];
  /** Durations below are drawn in multiples of this (default 300 ms). */
  heartbeatIntervalMs?: number;
}

const DEFAULT_WEIGHTS: Readonly<Record<FaultKind, number>> = {
  drop: 5,
  zombie: 2,
  close_fatal: 1,
  close_rate_limited: 1,
  close_other: 2,
  invalid_session: 2,
  reconnect: 2,
  restart: 0.4,
  replay_overflow: 1,
  malformed: 3,
  slow_consumer: 1.5,
};

/** A reproducible list of faults: same options, same schedule. */
export function generateFaultSchedule(options: FaultScheduleOptions): FaultStep[] {
  const rng = new Prng(`faults:${options.seed}`);
  const kinds = options.kinds ?? FAULT_KINDS;
  if (kinds.length === 0 || options.count <= 0) return [];
  const servers = Math.max(1, options.servers ?? 1);
  const checkpointEvery = Math.max(1, options.checkpointEvery ?? 20);
  const [gapMin, gapMax] = options.gapMs ?? [40, 160];
  const beat = options.heartbeatIntervalMs ?? 300;

  // Every kind at least once (when the count allows), the rest by weight, then shuffled.
  const drawn: FaultKind[] = rng.shuffle(kinds).slice(0, options.count);
  const weighted = kinds.map((kind) => [kind, options.weights?.[kind] ?? DEFAULT_WEIGHTS[kind]] as const);
  while (drawn.length < options.count) drawn.push(rng.weighted(weighted));
  const order = rng.shuffle(drawn);

  return order.map((kind, index) => ({
    index,
    kind,
    target: rng.int(0, Math.max(0, options.targets - 1)),
    server: rng.int(0, servers - 1),
    delayMs: rng.int(gapMin, gapMax),
    params: paramsFor(kind, rng, beat),
    checkpoint: (index + 1) % checkpointEvery === 0 || index === order.length - 1,
  }));
}

function paramsFor(kind: FaultKind, rng: Prng, beat: number): FaultParams {
  switch (kind) {
    case 'close_fatal':
      return { closeCode: CloseCodes.AUTH_FAILED };
    case 'close_rate_limited':
      return { closeCode: CloseCodes.RATE_LIMITED };
    case 'close_other':
      return { closeCode: rng.pick([CloseCodes.UNKNOWN_ERROR, CloseCodes.SESSION_TIMED_OUT, 1011, 1001]) };
    case 'zombie':
      return { durationMs: beat * rng.int(3, 5) };
    case 'slow_consumer':
      return { durationMs: beat * rng.int(2, 6), perFrameDelayMs: rng.int(5, 40) };
    case 'replay_overflow':
      return { overflowBy: rng.int(1, 40) };
    case 'malformed':
      return { frames: rng.int(1, 12) };
    default:
      return {};
  }
}

/** Counts per kind, for reports and for asserting coverage. */
export function countByKind(steps: readonly FaultStep[]): Map<FaultKind, number> {
  const counts = new Map<FaultKind, number>();
  for (const step of steps) counts.set(step.kind, (counts.get(step.kind) ?? 0) + 1);
  return counts;
}
