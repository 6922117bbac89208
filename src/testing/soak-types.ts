import type { ConvergeStats, Divergence } from './converge.js';
import type { FaultKind } from './fault-schedule.js';
import type { SeqAuditStats } from './seq-audit.js';

export interface SoakOptions {
  /** Everything random (faults, traffic, frames) derives from it (default 'soak'). */
  seed?: string;
  /** Faults to inject (default 200). */
  faults?: number;
  /** Stores (K, default 8), each signed in as a different demo user. */
  stores?: number;
  /** How many of the stores also connect to a second server (default 3; 0 = one server). */
  dualServerStores?: number;
  /**
   * How many of the last stores also sign in a second account on the first server, which shares
   * spaces with the first (default 1): each space is then read from one of the two.
   */
  sharedSpaceStores?: number;
  /** Server heartbeat interval (default 300 ms); the server times out after 3 of them. */
  heartbeatIntervalMs?: number;
  /** How long a dropped session stays resumable (default 4000 ms). */
  resumeWindowMs?: number;
  /** Replay buffer per session (default 64), so replay overflows are cheap to provoke. */
  replayBufferLimit?: number;
  /** Simulated actions per second per server (default 20). */
  trafficRate?: number;
  /** A convergence check after every this many faults (default 25). */
  checkpointEvery?: number;
  /** Messages compared per channel (default 50, the store's cap). */
  messageLimit?: number;
  /** Backoff and INVALID_SESSION waits run this many times faster on the clients (default 10). */
  timeScale?: number;
  /** SQLite files go here (default: a fresh temp dir, removed afterwards). Null: in memory. */
  dataDir?: string | null;
  /** Heap and timers are sampled after every this many reconnects (default 100). */
  heapSampleEvery?: number;
  /** Progress lines (also captured and scanned for tokens). */
  log?: (line: string) => void;
  /** Give up waiting for a quiescent point after this long (default 30 000 ms). */
  settleTimeoutMs?: number;
  /**
   * Where the servers run: 'child' (default) is a separate Node process, so the heap samples are
   * the stores' alone and the servers' memory is measured on its own; 'inline' shares the process.
   */
  serverProcess?: 'child' | 'inline';
  /** A hostile-peer round (oversized frames, then a paused reader, alternately) every this many faults (default 100; 0 = none). */
  hostileEvery?: number;
  /** The servers' memory (heap + external after a full gc, child mode) must stay under this (default 64 MB). */
  serverHeapBoundMb?: number;
  /** Store actions (sendMessage, edits, deletes, reactions, markRead) per second over all stores (default 6; 0 = none). */
  actionRate?: number;
  /** Share of those actions whose REST request gets a fault (lost answer, reset, 503) armed first (default 0.25). */
  actionRestFaultShare?: number;
}

/** What the soak did through the stores' actions, and how its sends ended on the server. */
export interface ActionReport {
  /** sendMessage calls; made while the connection was recovering from a fault; with a REST fault armed. */
  sends: number;
  sendsDuringFaults: number;
  sendsWithRestFaults: number;
  /** How the sends ended: confirmed; refused (by the server, or the store before any request) then discarded; */
  confirmed: number;
  refused: number;
  /** failed after the app's one retrySend; ended with their connection removed (store gave up). */
  failed: number;
  abandoned: number;
  /** Sends that failed after every automatic retry and were retried once with retrySend. */
  retried: number;
  /** Sends checked against the server's search after they ended. */
  verified: number;
  /** Confirmed sends the server does not have. */
  lost: number;
  /** Sends the server has (or the store lists) more than once. */
  duplicated: number;
  /** [done, failed] of the other actions (a failure rolls back; the checkpoints compare the result). */
  edits: { done: number; failed: number };
  deletes: { done: number; failed: number };
  reactions: { done: number; failed: number };
  markReads: { done: number; failed: number };
  /** REST faults armed on the actions' requests. */
  restFaults: number;
  /** Sends not settled at a checkpoint, left failed, refused yet posted, confirmed under another id. */
  problems: string[];
}

export interface ServerHeapSample {
  /** When it was taken (e.g. "checkpoint 3", "paused reader 2: 400 messages"). */
  at: string;
  heapUsedMb: number;
  externalMb: number;
}

/** The servers' process memory, sampled through the child (null in the report for inline servers). */
export interface ServerHeapReport {
  boundMb: number;
  samples: ServerHeapSample[];
  /** The largest heap + external seen. */
  maxMb: number;
}

/** What the hostile peers did and what the server made of it. */
export interface HostileReport {
  rounds: number;
  oversized: {
    rounds: number;
    /** IDENTIFYs whose presence was over the limits, and how many still got READY (presence ignored). */
    identifyPresences: number;
    identifyReady: number;
    /** op 8 frames with an activity over 4 KiB, and how many reached an honest store. */
    presencesSent: number;
    presencesRelayed: number;
    /** Rounds where the peer's connection still answered a heartbeat after its oversized frames. */
    stillServed: number;
    /** REST messages with oversized embeds: refused (400/413), accepted, and embeds an honest store received. */
    restSent: number;
    restRefused: number;
    restAccepted: number;
    embedsRelayed: number;
  };
  pausedReaders: {
    rounds: number;
    /** Readers the server dropped (their session parked) for lagging. */
    dropped: number;
    /** Messages (and MB of them) posted to the reader's channel in all, and per round until the drop. */
    floodMessages: number;
    floodMb: number;
    dropAfterMb: number[];
    /** How the dropped reader came back: RESUME accepted, or op 7 then a fresh IDENTIFY. */
    resumed: number;
    reidentified: number;
  };
  /** Anything that did not go as it must (a reader not dropped, an oversized frame served, ...). */
  problems: string[];
}

export interface RecoveryCounts {
  resumed: number;
  reidentified: number;
  none: number;
}

export interface HeapSample {
  reconnects: number;
  heapUsedMb: number;
  /** Active Timeout handles in the process (timers left behind would make this grow). */
  timers: number;
  /** Sockets and other handles. */
  handles: number;
  /** Listeners on the connections' clients and gateways. */
  listeners: number;
}

export interface SoakReport {
  seed: string;
  durationMs: number;
  stores: number;
  connections: number;
  servers: number;
  faultsInjected: number;
  faultsByKind: Partial<Record<FaultKind, number>>;
  /** How the connections hit by each kind came back. */
  recoveryByKind: Partial<Record<FaultKind, RecoveryCounts>>;
  /** Fault kinds whose recovery differed from EXPECTED_RECOVERY (e.g. a drop that did not resume). */
  unexpectedRecoveries: string[];
  recoveries: { resumed: number; reidentified: number; replayedEvents: number };
  recoverMs: { samples: number; median: number; p99: number; max: number };
  checkpoints: number;
  /** What the convergence checks compared, summed over all checkpoints and connections. */
  compared: ConvergeStats;
  divergences: Divergence[];
  /** Divergences seen at a first look that were gone on a later look at the same checkpoint. */
  transientDivergences: number;
  seq: SeqAuditStats;
  heap: HeapSample[];
  /** Malformed frames injected by faults, and how many the client reported through `error`. */
  malformed: { injected: number; mustReport: number; reported: number };
  /** Permission probes run during the soak, and any that were not refused. */
  permissions: { probes: number; violations: string[] };
  /** Unhandled rejections, uncaught exceptions, and handler/listener errors that were swallowed. */
  crashes: string[];
  /**
   * REST loads the stores logged as failed (e.g. refused with 429 while reconnecting fast): a
   * store that does not retry them keeps stale data, which shows up as divergences.
   */
  storeRestFailures: { count: number; examples: string[] };
  /** Lines of captured output that contained a token (token masked). */
  tokenLeaks: string[];
  linesScanned: number;
  tokensChecked: number;
  trafficActions: number;
  /** Where the servers ran: 'child' (the heap samples are the stores' alone) or 'inline'. */
  serverProcess: 'child' | 'inline';
  serverHeap: ServerHeapReport | null;
  hostile: HostileReport;
  /** Traffic through the stores' actions, with faults in flight. */
  actions: ActionReport;
  /** Timers and handles left after everything was closed, compared with before the run. */
  leftBehind: { timersBefore: number; timersAfter: number; handlesBefore: number; handlesAfter: number };
}
