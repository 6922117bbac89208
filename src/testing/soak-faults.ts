import type { FaultKind, FaultStep } from './fault-schedule.js';
import { classifyInboundFrame, mustNotChangeState, mustReport } from './frame-oracle.js';
import { sleep } from './soak-process.js';
import { isLive, type SoakSetup, type Watched } from './soak-setup.js';
import type { SoakServerHandle } from './soak-servers.js';
import type { RecoveryCounts, SoakReport } from './soak-types.js';
import type { WireTap } from './wire-tap.js';

export interface FaultInjectorDeps {
  setup: SoakSetup;
  tap: WireTap;
  heartbeatIntervalMs: number;
  replayBufferLimit: number;
  /** Counts a fault that costs no connection as recovered with `none`. */
  tally: (kind: FaultKind, how: keyof RecoveryCounts) => void;
  log: (line: string) => void;
}

export type FaultSummary = Pick<SoakReport, 'faultsInjected' | 'faultsByKind' | 'malformed'>;

/**
 * Injects one scheduled fault: on a whole server (restart) or on one live connection through the
 * server's fault API or the wire tap. Marks the connection as pending recovery from that fault.
 */
export class FaultInjector {
  injected = 0;
  private readonly faultsByKind = new Map<FaultKind, number>();
  private readonly malformed = { injected: 0, mustReport: 0, reported: 0 };
  private sentinelSeq = 0;

  constructor(private readonly deps: FaultInjectorDeps) {}

  async inject(step: FaultStep): Promise<void> {
    const { servers, watched } = this.deps.setup;
    const server = servers[step.server % servers.length];
    if (!server) return;
    if (step.kind === 'restart') {
      const at = Date.now();
      for (const w of watched) {
        if (w.server !== server) continue;
        // A restart on top of a recovery in progress: the recovery belongs to neither fault alone.
        w.pending = w.pending ? { kind: 'other', at: w.pending.at } : { kind: 'restart', at };
      }
      await server.restart();
      this.count(step.kind);
      return;
    }
    const w = await this.connectedTarget(server, step.target);
    if (!w) {
      this.deps.log(`fault ${step.index} (${step.kind}) skipped: nothing connected on ${server.name}`);
      return;
    }
    const target = w.userId;
    const expectsLoss = step.kind !== 'malformed' && step.kind !== 'slow_consumer';
    if (expectsLoss) w.pending = { kind: step.kind, at: Date.now() };
    switch (step.kind) {
      case 'drop':
        await server.fault({ kind: 'drop', target });
        break;
      case 'zombie': {
        const ms = step.params.durationMs ?? this.deps.heartbeatIntervalMs * 4;
        w.quietUntil = Date.now() + ms + this.deps.heartbeatIntervalMs * 3;
        await server.fault({ kind: 'stopAcking', ms, target });
        break;
      }
      case 'close_fatal':
      case 'close_rate_limited':
      case 'close_other': {
        const code = step.params.closeCode ?? 4000;
        w.pending = { kind: step.kind, at: Date.now(), closeCode: code };
        await server.fault({ kind: 'closeWith', code, reason: 'soak fault', target });
        break;
      }
      case 'invalid_session':
        await server.fault({ kind: 'invalidate', target });
        break;
      case 'reconnect':
        await server.fault({ kind: 'reconnect', target });
        break;
      case 'replay_overflow':
        await server.fault({ kind: 'overflow', target, events: this.deps.replayBufferLimit + (step.params.overflowBy ?? 1) });
        break;
      case 'malformed':
        await this.injectMalformed(w, step.params.frames ?? 4);
        break;
      case 'slow_consumer': {
        const duration = step.params.durationMs ?? this.deps.heartbeatIntervalMs * 3;
        w.slowUntil = Date.now() + duration;
        w.quietUntil = w.slowUntil + this.deps.heartbeatIntervalMs * 3;
        this.deps.tap.live(w.label)?.slowDown(step.params.perFrameDelayMs ?? 20, duration);
        break;
      }
    }
    this.count(step.kind);
  }

  /**
   * A store's socket closed with `code`. When a close fault is pending on it and the code is not the
   * fault's, the connection was lost to something else first (the soak process stalled past the
   * server's heartbeat timeout, say): the recovery that follows is not the fault's.
   */
  socketClosed(label: string, code: number): void {
    const w = this.deps.setup.watched.find((candidate) => candidate.label === label);
    const pending = w?.pending;
    if (!w || !pending || pending.closeCode === undefined) return;
    // Only the first close after the fault tells: the RESUME that follows may well be refused and dropped.
    if (pending.closeCode === code) {
      w.pending = { kind: pending.kind, at: pending.at };
      return;
    }
    this.deps.log(`${label}: ${pending.kind} (close ${pending.closeCode}) pending, but the socket closed with ${code}: not the fault's loss`);
    w.pending = { kind: 'other', at: pending.at };
  }

  summary(): FaultSummary {
    return { faultsInjected: this.injected, faultsByKind: Object.fromEntries(this.faultsByKind), malformed: this.malformed };
  }

  private count(kind: FaultKind): void {
    this.injected++;
    this.faultsByKind.set(kind, (this.faultsByKind.get(kind) ?? 0) + 1);
    if (kind === 'malformed' || kind === 'slow_consumer') this.deps.tally(kind, 'none');
  }

  /** The step's target if it is connected, else the next connected one on that server. */
  private async connectedTarget(server: SoakServerHandle, index: number): Promise<Watched | undefined> {
    const candidates = this.deps.setup.watched.filter((w) => w.server === server);
    const deadline = Date.now() + 3000;
    while (Date.now() < deadline) {
      for (let i = 0; i < candidates.length; i++) {
        const w = candidates[(index + i) % candidates.length];
        // Not one still recovering from (or about to notice) an earlier fault: one cause per recovery.
        // Nor one whose slow or zombie spell may still cost it its connection: the fault is applied
        // a message away (the servers run in another process), and the loss must be the fault's.
        if (w && isLive(w) && !w.pending && Date.now() >= w.quietUntil) return w;
      }
      await sleep(25);
    }
    return undefined;
  }

  /** Malformed frames that must change nothing, over the real server socket; then a sentinel. */
  private async injectMalformed(w: Watched, count: number): Promise<void> {
    const mutator = this.deps.setup.mutator;
    if (!mutator) return;
    const before = w.reportedErrors;
    let expected = 0;
    for (let sent = 0; sent < count; ) {
      const frame = mutator.next();
      const verdict = classifyInboundFrame(frame.payload);
      if (!mustNotChangeState(verdict)) continue;
      sent++;
      if (mustReport(verdict)) expected++;
      if (typeof frame.payload === 'string') await w.server.fault({ kind: 'injectRaw', frame: frame.payload, target: w.userId });
      else this.deps.tap.live(w.label)?.inject(frame.payload);
    }
    const sentinel = ++this.sentinelSeq;
    await w.server.fault({ kind: 'injectRaw', frame: JSON.stringify({ op: 0, type: 'soak.sentinel', data: { n: sentinel } }), target: w.userId });
    const deadline = Date.now() + 2000;
    while (w.lastSentinel < sentinel && Date.now() < deadline) await sleep(5);
    if (w.lastSentinel < sentinel) return; // the socket went away meanwhile: not counted
    this.malformed.injected += count;
    this.malformed.mustReport += expected;
    this.malformed.reported += w.reportedErrors - before;
  }
}
