import { AccordClient } from '../client/index.js';
import type { GatewayError } from '../gateway/index.js';
import type { OutputCapture } from './capture.js';
import { EXPECTED_RECOVERY } from './fault-schedule.js';
import type { FaultKind } from './fault-schedule.js';
import { resourceCounts } from './soak-process.js';
import type { Watched } from './soak-setup.js';
import type { HeapSample, RecoveryCounts, SoakReport } from './soak-types.js';

const LISTENED_EVENTS = ['raw', 'ready', 'resumed', 'recovered', 'error', 'disconnected', 'reconnecting', 'stateChange', 'message.create', 'presence.update'] as const;

export interface RecoveryWatchDeps {
  capture: OutputCapture;
  /** Heap and timers are sampled after every this many reconnects. */
  heapSampleEvery: number;
  gc: (() => void) | null;
  /** Every watched connection, for the listener count of heap samples. */
  watched: readonly Watched[];
}

export type RecoverySummary = Pick<SoakReport, 'recoveryByKind' | 'unexpectedRecoveries' | 'recoveries' | 'recoverMs' | 'heap'>;

/**
 * Listens to every watched connection: barriers and sentinels it received, errors it reported,
 * and each recovery (resume or re-identify), matched with the fault that caused it; samples the
 * heap as reconnects add up.
 */
export class RecoveryWatch {
  reconnects = 0;
  private resumed = 0;
  private reidentified = 0;
  private replayedEvents = 0;
  private readonly recoverSamples: number[] = [];
  private readonly recoveryByKind = new Map<FaultKind, RecoveryCounts>();
  private readonly unexpected: string[] = [];
  private readonly heap: HeapSample[] = [];

  constructor(private readonly deps: RecoveryWatchDeps) {}

  watch(w: Watched): void {
    const client = w.conn.client;
    if (!(client instanceof AccordClient)) throw new Error('the soak needs the default AccordClient');
    const onRaw = (type: string, data: unknown) => {
      const n = typeof data === 'object' && data !== null ? (data as { n?: unknown }).n : undefined;
      if (typeof n !== 'number') return;
      if (type === 'soak.barrier') w.lastBarrier = Math.max(w.lastBarrier, n);
      if (type === 'soak.sentinel') w.lastSentinel = Math.max(w.lastSentinel, n);
    };
    const onRecovered = (info: { kind: 'resumed'; replayed: number } | { kind: 'reidentified' }) => {
      w.readyAwaitingRecovery = false;
      this.recovered(w, info.kind, info.kind === 'resumed' ? info.replayed : 0);
    };
    const onMemberJoin = (data: { space_id: string; user?: { id: string }; user_id?: string }) => {
      const subject = data.user?.id ?? data.user_id;
      if (subject === w.userId) w.rejoinedSinceReady.add(data.space_id);
      else if (subject) w.othersJoinedSinceReady.add(subject);
    };
    const onReady = () => {
      w.rejoinedSinceReady.clear();
      w.othersJoinedSinceReady.clear();
      if (w.conn.readyCount <= 1) return;
      // An escalated login (after a fatal close) brings READY without a `recovered` event.
      w.readyAwaitingRecovery = true;
      queueMicrotask(() => {
        if (!w.readyAwaitingRecovery) return;
        w.readyAwaitingRecovery = false;
        this.recovered(w, 'reidentified', 0);
      });
    };
    const onReconnecting = () => {
      if (w.pending) return;
      w.pending = { kind: Date.now() < w.slowUntil ? 'slow_consumer' : 'other', at: Date.now() };
    };
    const onError = (error: GatewayError) => {
      if (error.kind === 'malformed_frame' || error.kind === 'invalid_data') w.reportedErrors++;
      // Errors are output too: they are scanned for tokens with everything else.
      this.deps.capture.record(`${w.label}:error`, `${error.kind} ${error.message}`);
    };
    client.on('raw', onRaw);
    client.on('recovered', onRecovered);
    client.on('ready', onReady);
    client.on('reconnecting', onReconnecting);
    client.on('error', onError);
    client.on('member.join', onMemberJoin);
    w.detach.push(() => {
      client.off('member.join', onMemberJoin);
      client.off('raw', onRaw);
      client.off('recovered', onRecovered);
      client.off('ready', onReady);
      client.off('reconnecting', onReconnecting);
      client.off('error', onError);
    });
  }

  /** Counts how a connection hit by `kind` came back (`none`: a fault that costs no connection). */
  tally(kind: FaultKind, how: keyof RecoveryCounts): void {
    let counts = this.recoveryByKind.get(kind);
    if (!counts) {
      counts = { resumed: 0, reidentified: 0, none: 0 };
      this.recoveryByKind.set(kind, counts);
    }
    counts[how]++;
  }

  summary(): RecoverySummary {
    const sorted = [...this.recoverSamples].sort((a, b) => a - b);
    return {
      recoveryByKind: Object.fromEntries(this.recoveryByKind),
      unexpectedRecoveries: this.unexpected,
      recoveries: { resumed: this.resumed, reidentified: this.reidentified, replayedEvents: this.replayedEvents },
      recoverMs: { samples: sorted.length, median: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: sorted[sorted.length - 1] ?? 0 },
      heap: this.heap,
    };
  }

  private recovered(w: Watched, kind: 'resumed' | 'reidentified', replayed: number): void {
    this.reconnects++;
    if (kind === 'resumed') {
      this.resumed++;
      this.replayedEvents += replayed;
    } else {
      this.reidentified++;
    }
    const pending = w.pending;
    w.pending = null;
    if (pending) {
      this.recoverSamples.push(Date.now() - pending.at);
      if (pending.kind !== 'other') {
        this.tally(pending.kind, kind);
        const expected = EXPECTED_RECOVERY[pending.kind];
        if (expected !== 'either' && expected !== kind) {
          this.unexpected.push(`${w.label}: ${pending.kind} was expected to be ${expected}, it ${kind}`);
        }
      }
    }
    if (this.reconnects % this.deps.heapSampleEvery === 0) this.sampleHeap();
  }

  private sampleHeap(): void {
    this.deps.gc?.();
    const resources = resourceCounts();
    this.heap.push({
      reconnects: this.reconnects,
      heapUsedMb: Math.round((process.memoryUsage().heapUsed / 1048576) * 10) / 10,
      timers: resources.timers,
      handles: resources.handles,
      listeners: this.listenerCount(),
    });
  }

  /** Listeners on every connection's client and gateway (a leak would grow with reconnects). */
  private listenerCount(): number {
    let total = 0;
    for (const w of this.deps.watched) {
      const client = w.conn.client;
      if (!(client instanceof AccordClient)) continue;
      for (const event of LISTENED_EVENTS) total += client.listenerCount(event) + client.gateway.listenerCount(event);
    }
    return total;
  }
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? 0;
}
