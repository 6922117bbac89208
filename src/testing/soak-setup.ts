import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccordClient } from '../client/index.js';
import { AccordStore } from '../state/index.js';
import type { ServerConnection } from '../state/index.js';
import type { CrashGuard, OutputCapture } from './capture.js';
import type { FaultKind } from './fault-schedule.js';
import { FrameMutator } from './frame-mutator.js';
import { RestTruth } from './rest-truth.js';
import { scaledClock } from './scaled-clock.js';
import { startChildHost } from './soak-child-host.js';
import { startInlineHost, type SoakServerHandle, type SoakServerHost } from './soak-servers.js';
import { loginToken } from './soak-world.js';
import type { SoakOptions } from './soak-types.js';
import type { WireTap } from './wire-tap.js';

/** SoakOptions with every default filled in. */
export interface SoakSettings {
  seed: string;
  faultCount: number;
  storeCount: number;
  dualStores: number;
  sharedStores: number;
  heartbeatIntervalMs: number;
  resumeWindowMs: number;
  replayBufferLimit: number;
  trafficRate: number;
  checkpointEvery: number;
  messageLimit: number;
  timeScale: number;
  heapSampleEvery: number;
  settleTimeoutMs: number;
  serverProcess: 'child' | 'inline';
  hostileEvery: number;
  serverHeapBoundMb: number;
  actionRate: number;
  actionRestFaultShare: number;
}

export function soakSettings(options: SoakOptions): SoakSettings {
  const storeCount = Math.max(1, Math.min(options.stores ?? 8, 8));
  return {
    seed: options.seed ?? 'soak',
    faultCount: options.faults ?? 200,
    storeCount,
    dualStores: Math.max(0, Math.min(options.dualServerStores ?? 3, storeCount)),
    sharedStores: Math.max(0, Math.min(options.sharedSpaceStores ?? 1, storeCount)),
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 300,
    resumeWindowMs: options.resumeWindowMs ?? 4000,
    replayBufferLimit: options.replayBufferLimit ?? 64,
    trafficRate: options.trafficRate ?? 20,
    checkpointEvery: options.checkpointEvery ?? 25,
    messageLimit: options.messageLimit ?? 50,
    timeScale: options.timeScale ?? 10,
    heapSampleEvery: options.heapSampleEvery ?? 100,
    settleTimeoutMs: options.settleTimeoutMs ?? 30_000,
    serverProcess: options.serverProcess ?? 'child',
    hostileEvery: Math.max(0, options.hostileEvery ?? 100),
    serverHeapBoundMb: options.serverHeapBoundMb ?? DEFAULT_SERVER_HEAP_BOUND_MB,
    actionRate: Math.max(0, options.actionRate ?? 6),
    actionRestFaultShare: Math.min(1, Math.max(0, options.actionRestFaultShare ?? 0.25)),
  };
}

/** The servers' heap (V8 heap + external, after a full gc) must stay under this by default. */
export const DEFAULT_SERVER_HEAP_BOUND_MB = 64;

/** One store connection the soak watches: which store, which server, as whom. */
export interface Watched {
  label: string;
  store: AccordStore;
  conn: ServerConnection;
  server: SoakServerHandle;
  userId: string;
  username: string;
  password: string;
  token: string;
  truth: RestTruth;
  lastBarrier: number;
  lastSentinel: number;
  /** The fault this connection is recovering from, and when it was injected. */
  pending: { kind: FaultKind | 'other'; at: number; closeCode?: number } | null;
  readyAwaitingRecovery: boolean;
  slowUntil: number;
  /** Not a fault target before this: a slow or zombie spell may still cost it its connection. */
  quietUntil: number;
  reportedErrors: number;
  /** Spaces this connection re-joined (own member.join) since its last READY. */
  rejoinedSinceReady: Set<string>;
  /** Other users this connection saw join a space since its last READY. */
  othersJoinedSinceReady: Set<string>;
  detach: (() => void)[];
}

/** Whether the store's connection and its gateway are both connected. */
export function isLive(w: Watched): boolean {
  const client = w.conn.client;
  return w.conn.status === 'connected' && client instanceof AccordClient && client.gateway.state === 'connected';
}

const TRUTH_TOKENS = 2;

export interface SoakSetupDeps {
  settings: SoakSettings;
  capture: OutputCapture;
  guard: CrashGuard;
  tap: WireTap;
  /** Starts listening to a connection (again, after a revive). */
  watch: (w: Watched) => void;
}

/**
 * The world of a soak: servers with persistence, K stores (the first `dualStores` on two servers),
 * their connections with separate truth tokens, and the mutator for malformed-frame faults.
 */
export class SoakSetup {
  servers: readonly SoakServerHandle[] = [];
  host: SoakServerHost | null = null;
  readonly stores: AccordStore[] = [];
  readonly watched: Watched[] = [];
  /** Every token the run handed out: none may appear in captured output. */
  readonly secrets = new Set<string>();
  mutator: FrameMutator | null = null;
  private readonly dataDir: string | null;
  private readonly ownsDataDir: boolean;

  constructor(
    private readonly deps: SoakSetupDeps,
    dataDir: string | null | undefined,
  ) {
    if (dataDir === undefined) {
      this.dataDir = mkdtempSync(join(tmpdir(), 'accordkit-soak-'));
      this.ownsDataDir = true;
    } else {
      this.dataDir = dataDir;
      this.ownsDataDir = false;
    }
  }

  async setUp(): Promise<void> {
    const { settings, capture } = this.deps;
    const config = {
      names: settings.dualStores > 0 ? ['A', 'B'] : ['A'],
      seed: settings.seed,
      heartbeatIntervalMs: settings.heartbeatIntervalMs,
      resumeWindowMs: settings.resumeWindowMs,
      replayBufferLimit: settings.replayBufferLimit,
      dataDir: this.dataDir,
    };
    this.host =
      settings.serverProcess === 'child'
        ? await startChildHost(config, { log: (source, line) => capture.record(source, line), crash: (text) => this.deps.guard.errors.push(text) })
        : await startInlineHost(config, (source) => capture.logger(source));
    this.servers = this.host.servers;
    const clock = scaledClock(settings.timeScale);
    for (let i = 0; i < settings.storeCount; i++) {
      const store = new AccordStore({ clock, logger: capture.logger(`store${i}`) });
      this.stores.push(store);
      const serversOfStore = i < settings.dualStores ? this.servers : this.servers.slice(0, 1);
      for (const server of serversOfStore) await this.connect(store, i, server);
      // A second account (the next store's user) shares the first server's spaces with the first.
      const first = this.servers[0];
      if (first && i >= settings.storeCount - settings.sharedStores) await this.connect(store, i, first, (i + 1) % first.seeded.users.length);
    }
    await Promise.all(this.watched.map((w) => w.conn.ready));
    for (const w of this.watched) {
      for (const spaceId of w.conn.spaceIds) {
        for (const channel of w.store.channels(spaceId)) {
          if (channel.type !== 'voice' && channel.type !== 'category') await w.store.fetchMessages(channel.id);
        }
      }
    }
    this.mutator = this.malformedFrames();
    await this.collectSeededSecrets();
  }

  async startTraffic(): Promise<void> {
    for (const server of this.servers) await server.startTraffic(this.deps.settings.trafficRate);
  }

  async stopTraffic(): Promise<void> {
    for (const server of this.servers) await server.stopTraffic();
  }

  private async connect(store: AccordStore, storeIndex: number, server: SoakServerHandle, userIndex = storeIndex): Promise<Watched> {
    const user = server.seeded.users[userIndex];
    if (!user) throw new Error(`no demo user #${userIndex}`);
    const label = userIndex === storeIndex ? `store${storeIndex}@${server.name}` : `store${storeIndex}+${user.username}@${server.name}`;
    const conn = store.addServer({
      baseUrl: server.url,
      token: user.token,
      WebSocket: this.deps.tap.constructorFor(label),
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
      quietUntil: 0,
      reportedErrors: 0,
      rejoinedSinceReady: new Set(),
      othersJoinedSinceReady: new Set(),
      detach: [],
    };
    this.deps.watch(w);
    this.watched.push(w);
    return w;
  }

  /** Frames for the malformed faults, using the first server's real ids most of the time. */
  private malformedFrames(): FrameMutator | null {
    const seeded = this.servers[0]?.seeded;
    if (!seeded) return null;
    return new FrameMutator({
      seed: `${this.deps.settings.seed}:malformed`,
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

  /** Replaces a connection the store gave up on with a fresh one, watched again. */
  async revive(w: Watched): Promise<void> {
    for (const detach of w.detach.splice(0)) detach();
    await w.store.removeServer(w.conn);
    w.conn = w.store.addServer({ baseUrl: w.server.url, token: w.token, WebSocket: this.deps.tap.constructorFor(w.label), maxReconnectAttempts: 20 });
    w.pending = null;
    this.deps.watch(w);
  }

  async tearDown(): Promise<void> {
    const { guard } = this.deps;
    try {
      await this.stopTraffic();
    } catch (error) {
      guard.errors.push(`stopping traffic failed: ${String(error)}`);
    }
    for (const w of this.watched) for (const detach of w.detach.splice(0)) detach();
    for (const store of this.stores) {
      try {
        await store.close();
      } catch (error) {
        guard.errors.push(`store close failed: ${String(error)}`);
      }
    }
    try {
      await this.host?.close();
    } catch (error) {
      guard.errors.push(`server close failed: ${String(error)}`);
    }
  }

  /** Removes the temp data directory if the setup made it. */
  removeDataDir(): void {
    if (this.ownsDataDir && this.dataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** Adds every seeded user's and bot's token of the servers (call while they run). */
  async collectSeededSecrets(): Promise<void> {
    for (const server of this.servers) for (const token of await server.seededTokens()) this.secrets.add(token);
  }

  /** Every token the run handed out or the servers seeded. */
  allSecrets(): string[] {
    return [...this.secrets];
  }

  /** Simulated actions all servers performed so far. */
  trafficActions(): number {
    return this.servers.reduce((sum, server) => sum + server.actions, 0);
  }
}
