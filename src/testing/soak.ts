import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { AccordClient } from '../client/index.js';
import type { GatewayError } from '../gateway/index.js';
import { AccordStore } from '../state/index.js';
import type { ServerConnection } from '../state/index.js';
import { OutputCapture, CrashGuard, findSecretsIn } from './capture.js';
import { compareStoreWithServer, emptyConvergeStats } from './converge.js';
import type { ConvergeStats, Divergence, StoreView } from './converge.js';
import { EXPECTED_RECOVERY, generateFaultSchedule } from './fault-schedule.js';
import type { FaultKind, FaultStep } from './fault-schedule.js';
import { FrameMutator } from './frame-mutator.js';
import { classifyInboundFrame, mustNotChangeState, mustReport } from './frame-oracle.js';
import { RestTruth } from './rest-truth.js';
import { scaledClock } from './scaled-clock.js';
import { probeRestPermissions } from './security-probes.js';
import type { ProbeWorld } from './security-probes.js';
import { SeqAuditor } from './seq-audit.js';
import { SoakServer, loginToken, serverOptions } from './soak-world.js';
import type { HeapSample, RecoveryCounts, SoakOptions, SoakReport } from './soak-types.js';
import { WireTap } from './wire-tap.js';

export type { SoakOptions, SoakReport } from './soak-types.js';

/** One store connection the soak watches: which store, which server, as whom. */
interface Watched {
  label: string;
  store: AccordStore;
  conn: ServerConnection;
  server: SoakServer;
  userId: string;
  username: string;
  password: string;
  token: string;
  truth: RestTruth;
  lastBarrier: number;
  lastSentinel: number;
  /** The fault this connection is recovering from, and when it was injected. */
  pending: { kind: FaultKind | 'other'; at: number } | null;
  readyAwaitingRecovery: boolean;
  slowUntil: number;
  reportedErrors: number;
  /** Spaces this connection re-joined (own member.join) since its last READY. */
  rejoinedSinceReady: Set<string>;
  /** Other users this connection saw join a space since its last READY. */
  othersJoinedSinceReady: Set<string>;
  detach: (() => void)[];
}

const TRUTH_TOKENS = 2;
const REJOIN_SCOPES: ReadonlySet<string> = new Set(['presence', 'voice', 'unread']);
const LISTENED_EVENTS = ['raw', 'ready', 'resumed', 'recovered', 'error', 'disconnected', 'reconnecting', 'stateChange', 'message.create', 'presence.update'] as const;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The chaos soak: servers with persistence, K stores (some on two servers), simulated traffic,
 * and a seeded schedule of faults; at checkpoints every store is compared with the server's
 * truth. See SoakReport for what is measured.
 */
export async function runSoak(options: SoakOptions = {}): Promise<SoakReport> {
  const run = new SoakRun(options);
  return run.execute();
}

class SoakRun {
  private readonly seed: string;
  private readonly faultCount: number;
  private readonly storeCount: number;
  private readonly dualStores: number;
  private readonly heartbeatIntervalMs: number;
  private readonly resumeWindowMs: number;
  private readonly replayBufferLimit: number;
  private readonly trafficRate: number;
  private readonly checkpointEvery: number;
  private readonly messageLimit: number;
  private readonly timeScale: number;
  private readonly heapSampleEvery: number;
  private readonly settleTimeoutMs: number;
  private readonly log: (line: string) => void;

  private readonly capture = new OutputCapture();
  private readonly guard = new CrashGuard();
  private readonly audit = new SeqAuditor();
  private readonly tap = new WireTap({ frame: (label, _socket, frame) => this.audit.observe(label, frame) });
  private readonly servers: SoakServer[] = [];
  private readonly stores: AccordStore[] = [];
  private readonly watched: Watched[] = [];
  private readonly secrets = new Set<string>();
  private dataDir: string | null = null;
  private ownsDataDir = false;

  private barrierSeq = 0;
  private sentinelSeq = 0;
  private reconnects = 0;
  private readonly recoverSamples: number[] = [];
  private readonly recoveryByKind = new Map<FaultKind, RecoveryCounts>();
  private readonly unexpected: string[] = [];
  private resumed = 0;
  private reidentified = 0;
  private replayedEvents = 0;
  private readonly heap: HeapSample[] = [];
  private readonly divergences: Divergence[] = [];
  private transient = 0;
  /** The same divergence still there at a later checkpoint is reported once. */
  private readonly seenDivergences = new Set<string>();
  private checkpoints = 0;
  private readonly compared: ConvergeStats = emptyConvergeStats();
  private readonly faultsByKind = new Map<FaultKind, number>();
  private injected = 0;
  private malformed = { injected: 0, mustReport: 0, reported: 0 };
  private permissions = { probes: 0, violations: [] as string[] };
  private readonly gc: (() => void) | null = exposeGc();
  private mutator: FrameMutator | null = null;

  constructor(options: SoakOptions) {
    this.seed = options.seed ?? 'soak';
    this.faultCount = options.faults ?? 200;
    this.storeCount = Math.max(1, Math.min(options.stores ?? 8, 8));
    this.dualStores = Math.max(0, Math.min(options.dualServerStores ?? 3, this.storeCount));
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 300;
    this.resumeWindowMs = options.resumeWindowMs ?? 4000;
    this.replayBufferLimit = options.replayBufferLimit ?? 64;
    this.trafficRate = options.trafficRate ?? 20;
    this.checkpointEvery = options.checkpointEvery ?? 25;
    this.messageLimit = options.messageLimit ?? 50;
    this.timeScale = options.timeScale ?? 10;
    this.heapSampleEvery = options.heapSampleEvery ?? 100;
    this.settleTimeoutMs = options.settleTimeoutMs ?? 30_000;
    const sink = options.log;
    this.log = (line) => {
      this.capture.record('soak', line);
      sink?.(line);
    };
    if (options.dataDir === null) this.dataDir = null;
    else if (options.dataDir !== undefined) this.dataDir = options.dataDir;
    else {
      this.dataDir = mkdtempSync(join(tmpdir(), 'accordkit-soak-'));
      this.ownsDataDir = true;
    }
  }

  async execute(): Promise<SoakReport> {
    const started = Date.now();
    const before = resourceCounts();
    this.guard.install();
    const restoreConsole = this.capture.patchConsole(false);
    let after = before;
    try {
      await this.setUp();
      const schedule = generateFaultSchedule({
        seed: this.seed,
        count: this.faultCount,
        targets: this.watched.length,
        servers: this.servers.length,
        checkpointEvery: this.checkpointEvery,
        heartbeatIntervalMs: this.heartbeatIntervalMs,
      });
      this.log(`soak ${this.seed}: ${schedule.length} faults over ${this.watched.length} connections on ${this.servers.length} server(s)`);
      for (const step of schedule) {
        await sleep(step.delayMs);
        await this.inject(step);
        if (step.checkpoint) await this.checkpoint();
      }
    } catch (error) {
      this.guard.errors.push(`soak aborted: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    } finally {
      await this.tearDown();
      // Idle keep-alive HTTP sockets (fetch) hold a timer for a few seconds after their last use:
      // give them that long to go before counting what was left behind.
      const settleBy = Date.now() + 6000;
      do {
        await sleep(50);
        this.gc?.();
        after = resourceCounts();
      } while (after.timers > before.timers && Date.now() < settleBy);
      restoreConsole();
      this.guard.dispose();
      if (this.ownsDataDir && this.dataDir) rmSync(this.dataDir, { recursive: true, force: true });
    }
    return this.report(Date.now() - started, before, after);
  }

  // ---- set-up and tear-down --------------------------------------------------------------

  private async setUp(): Promise<void> {
    const names = this.dualStores > 0 ? ['A', 'B'] : ['A'];
    for (const name of names) {
      const options = serverOptions({
        heartbeatIntervalMs: this.heartbeatIntervalMs,
        resumeWindowMs: this.resumeWindowMs,
        replayBufferLimit: this.replayBufferLimit,
        db: this.dataDir ? join(this.dataDir, `server-${name}.sqlite`) : undefined,
        logger: this.capture.logger(`server-${name}`),
      });
      this.servers.push(await SoakServer.start(name, options, this.seed));
    }
    const clock = scaledClock(this.timeScale);
    for (let i = 0; i < this.storeCount; i++) {
      const store = new AccordStore({ clock, logger: this.capture.logger(`store${i}`) });
      this.stores.push(store);
      const serversOfStore = i < this.dualStores ? this.servers : this.servers.slice(0, 1);
      for (const server of serversOfStore) await this.connect(store, i, server);
    }
    await Promise.all(this.watched.map((w) => w.conn.ready));
    for (const w of this.watched) {
      for (const spaceId of w.conn.spaceIds) {
        for (const channel of w.store.channels(spaceId)) {
          if (channel.type !== 'voice' && channel.type !== 'category') await w.store.fetchMessages(channel.id);
        }
      }
    }
    const seeded = this.servers[0]?.seeded;
    if (seeded) {
      this.mutator = new FrameMutator({
        seed: `${this.seed}:malformed`,
        ids: {
          spaceIds: seeded.spaces.map((space) => space.id),
          channelIds: seeded.spaces.flatMap((space) => space.channels.map((channel) => channel.id)),
          userIds: seeded.users.map((user) => user.id),
          messageIds: [],
          roleIds: [],
        },
        realIdShare: 0.8,
        limits: { maxStringLength: 20_000, maxArrayLength: 2_000, maxDepth: 2_000 },
      });
    }
    for (const server of this.servers) server.startTraffic(this.trafficRate);
  }

  private async connect(store: AccordStore, storeIndex: number, server: SoakServer): Promise<Watched> {
    const user = server.seeded.users[storeIndex];
    if (!user) throw new Error(`no demo user #${storeIndex}`);
    const label = `store${storeIndex}@${server.name}`;
    const conn = store.addServer({
      baseUrl: server.url,
      token: user.token,
      WebSocket: this.tap.constructorFor(label),
      maxReconnectAttempts: 20,
    });
    // Separate tokens for the truth reads, so they never share anything with the store's session.
    const truthTokens: string[] = [];
    for (let i = 0; i < TRUTH_TOKENS; i++) truthTokens.push(await loginToken(server.url, user.username, user.password));
    this.secrets.add(user.token);
    for (const token of truthTokens) this.secrets.add(token);
    const w: Watched = {
      label,
      store,
      conn,
      server,
      userId: user.id,
      username: user.username,
      password: user.password,
      token: user.token,
      truth: new RestTruth({ baseUrl: server.url, token: truthTokens }),
      lastBarrier: 0,
      lastSentinel: 0,
      pending: null,
      readyAwaitingRecovery: false,
      slowUntil: 0,
      reportedErrors: 0,
      rejoinedSinceReady: new Set(),
      othersJoinedSinceReady: new Set(),
      detach: [],
    };
    this.watch(w);
    this.watched.push(w);
    return w;
  }

  private watch(w: Watched): void {
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
      this.capture.record(`${w.label}:error`, `${error.kind} ${error.message}`);
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

  private async tearDown(): Promise<void> {
    for (const server of this.servers) server.stopTraffic();
    for (const w of this.watched) for (const detach of w.detach.splice(0)) detach();
    for (const store of this.stores) {
      try {
        await store.close();
      } catch (error) {
        this.guard.errors.push(`store close failed: ${String(error)}`);
      }
    }
    for (const server of this.servers) {
      try {
        await server.close();
      } catch (error) {
        this.guard.errors.push(`server close failed: ${String(error)}`);
      }
    }
  }

  // ---- faults ----------------------------------------------------------------------------

  private async inject(step: FaultStep): Promise<void> {
    const server = this.servers[step.server % this.servers.length];
    if (!server) return;
    if (step.kind === 'restart') {
      const at = Date.now();
      for (const w of this.watched) {
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
      this.log(`fault ${step.index} (${step.kind}) skipped: nothing connected on ${server.name}`);
      return;
    }
    const faults = server.server.faults;
    const target = w.userId;
    const expectsLoss = step.kind !== 'malformed' && step.kind !== 'slow_consumer';
    if (expectsLoss) w.pending = { kind: step.kind, at: Date.now() };
    switch (step.kind) {
      case 'drop':
        faults.drop(target);
        break;
      case 'zombie':
        faults.stopAcking(step.params.durationMs ?? this.heartbeatIntervalMs * 4, target);
        break;
      case 'close_fatal':
      case 'close_rate_limited':
      case 'close_other':
        faults.closeWith(step.params.closeCode ?? 4000, 'soak fault', target);
        break;
      case 'invalid_session':
        faults.invalidate(target);
        break;
      case 'reconnect':
        faults.reconnect(target);
        break;
      case 'replay_overflow': {
        faults.drop(target);
        const extra = this.replayBufferLimit + (step.params.overflowBy ?? 1);
        for (let n = 0; n < extra; n++) server.server.publish({ type: 'soak.filler', data: { n }, targetUserIds: [target] });
        break;
      }
      case 'malformed':
        await this.injectMalformed(w, step.params.frames ?? 4);
        break;
      case 'slow_consumer': {
        const duration = step.params.durationMs ?? this.heartbeatIntervalMs * 3;
        w.slowUntil = Date.now() + duration;
        this.tap.live(w.label)?.slowDown(step.params.perFrameDelayMs ?? 20, duration);
        break;
      }
    }
    this.count(step.kind);
  }

  private count(kind: FaultKind): void {
    this.injected++;
    this.faultsByKind.set(kind, (this.faultsByKind.get(kind) ?? 0) + 1);
    if (kind === 'malformed' || kind === 'slow_consumer') this.tally(kind, 'none');
  }

  /** The step's target if it is connected, else the next connected one on that server. */
  private async connectedTarget(server: SoakServer, index: number): Promise<Watched | undefined> {
    const candidates = this.watched.filter((w) => w.server === server);
    const deadline = Date.now() + 3000;
    while (Date.now() < deadline) {
      for (let i = 0; i < candidates.length; i++) {
        const w = candidates[(index + i) % candidates.length];
        // Not one still recovering from (or about to notice) an earlier fault: one cause per recovery.
        if (w && isLive(w) && !w.pending) return w;
      }
      await sleep(25);
    }
    return undefined;
  }

  /** Malformed frames that must change nothing, over the real server socket; then a sentinel. */
  private async injectMalformed(w: Watched, count: number): Promise<void> {
    const mutator = this.mutator;
    if (!mutator) return;
    const before = w.reportedErrors;
    let expected = 0;
    for (let sent = 0; sent < count; ) {
      const frame = mutator.next();
      const verdict = classifyInboundFrame(frame.payload);
      if (!mustNotChangeState(verdict)) continue;
      sent++;
      if (mustReport(verdict)) expected++;
      if (typeof frame.payload === 'string') w.server.server.faults.injectRaw(frame.payload, w.userId);
      else this.tap.live(w.label)?.inject(frame.payload);
    }
    const sentinel = ++this.sentinelSeq;
    w.server.server.faults.injectRaw(JSON.stringify({ op: 0, type: 'soak.sentinel', data: { n: sentinel } }), w.userId);
    const deadline = Date.now() + 2000;
    while (w.lastSentinel < sentinel && Date.now() < deadline) await sleep(5);
    if (w.lastSentinel < sentinel) return; // the socket went away meanwhile: not counted
    this.malformed.injected += count;
    this.malformed.mustReport += expected;
    this.malformed.reported += w.reportedErrors - before;
  }

  // ---- recoveries ------------------------------------------------------------------------

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
    if (this.reconnects % this.heapSampleEvery === 0) this.sampleHeap();
  }

  private tally(kind: FaultKind, how: keyof RecoveryCounts): void {
    let counts = this.recoveryByKind.get(kind);
    if (!counts) {
      counts = { resumed: 0, reidentified: 0, none: 0 };
      this.recoveryByKind.set(kind, counts);
    }
    counts[how]++;
  }

  private sampleHeap(): void {
    this.gc?.();
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
    for (const w of this.watched) {
      const client = w.conn.client;
      if (!(client instanceof AccordClient)) continue;
      for (const event of LISTENED_EVENTS) total += client.listenerCount(event) + client.gateway.listenerCount(event);
    }
    return total;
  }

  // ---- checkpoints -----------------------------------------------------------------------

  private async checkpoint(): Promise<void> {
    this.checkpoints++;
    for (const server of this.servers) server.stopTraffic();
    await this.settle();
    const found = await this.compareAll();
    let remaining = found;
    for (let attempt = 0; attempt < 4 && remaining.length > 0; attempt++) {
      await sleep(400);
      await this.settle();
      remaining = await this.compareAll();
    }
    this.transient += Math.max(0, found.length - remaining.length);
    for (const divergence of remaining) {
      const key = `${divergence.connection}|${divergence.scope}|${divergence.id}|${divergence.detail}`;
      if (this.seenDivergences.has(key)) continue;
      this.seenDivergences.add(key);
      this.divergences.push(divergence);
    }
    const probes = await this.probe();
    this.log(
      `checkpoint ${this.checkpoints}: ${this.injected} faults, ${this.reconnects} reconnects, ` +
        `${remaining.length} divergences (${found.length} at first look), ${probes} permission probes`,
    );
    for (const divergence of remaining.slice(0, 10)) this.log(`  ${divergence.connection} ${divergence.scope} ${divergence.id}: ${divergence.detail}`);
    for (const server of this.servers) server.startTraffic(this.trafficRate);
  }

  /** Waits until every connection is live and has seen a barrier published after it got there. */
  private async settle(): Promise<void> {
    const deadline = Date.now() + this.settleTimeoutMs;
    while (Date.now() < deadline) {
      await this.reviveGivenUp();
      if (!this.watched.every(isLive)) {
        await sleep(30);
        continue;
      }
      const barrier = ++this.barrierSeq;
      for (const server of this.servers) server.server.publish({ type: 'soak.barrier', data: { n: barrier } });
      const until = Date.now() + 2000;
      while (Date.now() < until && !this.watched.every((w) => w.lastBarrier >= barrier)) await sleep(10);
      if (this.watched.every((w) => w.lastBarrier >= barrier && isLive(w))) {
        // READY's REST fill-ins (message refresh after a rebuild) finish right after it.
        await sleep(100);
        return;
      }
    }
    const stuck = this.watched.filter((w) => !isLive(w)).map((w) => `${w.label}=${w.conn.status}`);
    this.divergences.push({ connection: stuck.join(',') || 'all', scope: 'truth', id: 'settle', detail: 'no quiescent point reached' });
  }

  /** A connection the store gave up on is a failure to recover; count it and start it again. */
  private async reviveGivenUp(): Promise<void> {
    for (const w of this.watched) {
      if (w.conn.status !== 'error' || w.conn.removed) continue;
      this.divergences.push({ connection: w.label, scope: 'truth', id: 'connection', detail: 'the store gave up on the connection' });
      for (const detach of w.detach.splice(0)) detach();
      await w.store.removeServer(w.conn);
      const conn = w.store.addServer({ baseUrl: w.server.url, token: w.token, WebSocket: this.tap.constructorFor(w.label), maxReconnectAttempts: 20 });
      w.conn = conn;
      w.pending = null;
      this.watch(w);
    }
  }

  private async compareAll(): Promise<Divergence[]> {
    const results = await Promise.all(
      this.watched.map((w) =>
        compareStoreWithServer({
          label: w.label,
          store: w.store as unknown as StoreView,
          truth: w.truth,
          spaceIds: w.conn.spaceIds,
          storeSpaceIds: w.conn.spaceIds,
          userId: w.userId,
          messageLimit: this.messageLimit,
          presence: (userId) => w.server.presenceOf(userId),
          stats: this.compared,
        }),
      ),
    );
    // Say when a connection re-joined a space since its READY: only READY carries presences,
    // voice states and read states, so that is where such divergences come from.
    // Likewise when the user whose presence differs joined a space after this connection's READY:
    // no event tells the space a joiner's presence.
    return results.flat().map((divergence) => {
      const w = this.watched.find((candidate) => candidate.label === divergence.connection);
      if (!w || !REJOIN_SCOPES.has(divergence.scope)) return divergence;
      if (w.rejoinedSinceReady.size > 0) {
        return { ...divergence, detail: `${divergence.detail} (after re-joining ${[...w.rejoinedSinceReady].join(', ')})` };
      }
      if (divergence.scope === 'presence' && w.othersJoinedSinceReady.has(divergence.id)) {
        return { ...divergence, detail: `${divergence.detail} (the user joined the space after this connection's READY)` };
      }
      return divergence;
    });
  }

  private async probe(): Promise<number> {
    const server = this.servers[0];
    if (!server) return 0;
    const seeded = server.seeded;
    const dev = seeded.spaces[1];
    const lounge = seeded.spaces[0];
    if (!dev || !lounge) return 0;
    const world: ProbeWorld = {
      baseUrl: server.url,
      users: seeded.users,
      privateSpace: {
        id: dev.id,
        channelIds: dev.channels.filter((c) => c.type === 'text').map((c) => c.id),
        outsiders: ['carol', 'frank'],
      },
      publicSpace: {
        id: lounge.id,
        textChannelIds: lounge.channels.filter((c) => c.type === 'text').map((c) => c.id).slice(0, 1),
        unprivileged: ['grace', 'heidi'],
      },
    };
    try {
      const result = await probeRestPermissions(world);
      this.permissions.probes += result.probes;
      this.permissions.violations.push(...result.violations);
      return result.probes;
    } catch (error) {
      this.permissions.violations.push(`probe failed: ${String(error)}`);
      return 0;
    }
  }

  // ---- report ----------------------------------------------------------------------------

  private report(durationMs: number, before: ResourceCounts, after: ResourceCounts): SoakReport {
    for (const server of this.servers) {
      const seeded = server.server.seeded;
      if (!seeded) continue;
      for (const user of seeded.users) this.secrets.add(user.token);
      this.secrets.add(seeded.bot.token);
    }
    const secrets = [...this.secrets];
    const crashes = [...this.guard.errors, ...this.capture.findSwallowedErrors()];
    const restFailures = this.capture.lines.filter((line) => /^\[store\d+\] warn accordkit store: .* failed/.test(line));
    const leaks = findSecretsIn(this.capture.lines, secrets).map((leak) => `token #${leak.secret}: ${leak.line}`);
    const sorted = [...this.recoverSamples].sort((a, b) => a - b);
    return {
      seed: this.seed,
      durationMs,
      stores: this.storeCount,
      connections: this.watched.length,
      servers: this.servers.length,
      faultsInjected: this.injected,
      faultsByKind: Object.fromEntries(this.faultsByKind),
      recoveryByKind: Object.fromEntries(this.recoveryByKind),
      unexpectedRecoveries: this.unexpected,
      recoveries: { resumed: this.resumed, reidentified: this.reidentified, replayedEvents: this.replayedEvents },
      recoverMs: { samples: sorted.length, median: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: sorted[sorted.length - 1] ?? 0 },
      checkpoints: this.checkpoints,
      compared: this.compared,
      divergences: this.divergences,
      transientDivergences: this.transient,
      seq: this.audit.total(),
      heap: this.heap,
      malformed: this.malformed,
      permissions: this.permissions,
      crashes,
      storeRestFailures: { count: restFailures.length, examples: restFailures.slice(0, 10) },
      tokenLeaks: leaks,
      linesScanned: this.capture.lines.length,
      tokensChecked: secrets.length,
      trafficActions: this.servers.reduce((sum, server) => sum + server.actions, 0),
      leftBehind: { timersBefore: before.timers, timersAfter: after.timers, handlesBefore: before.handles, handlesAfter: after.handles },
    };
  }
}

function isLive(w: Watched): boolean {
  const client = w.conn.client;
  return w.conn.status === 'connected' && client instanceof AccordClient && client.gateway.state === 'connected';
}

interface ResourceCounts {
  timers: number;
  handles: number;
}

function resourceCounts(): ResourceCounts {
  const resources = process.getActiveResourcesInfo();
  const timers = resources.filter((name) => name === 'Timeout').length;
  return { timers, handles: resources.length - timers };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? 0;
}

/** `gc()` without --expose-gc on the command line (heap samples should follow a collection). */
function exposeGc(): (() => void) | null {
  try {
    setFlagsFromString('--expose_gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? () => (gc as () => void)() : null;
  } catch {
    return null;
  }
}
