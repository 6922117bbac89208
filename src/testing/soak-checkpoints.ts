import { compareStoreWithServer, emptyConvergeStats } from './converge.js';
import type { ConvergeStats, Divergence, StoreView } from './converge.js';
import { probeRestPermissions } from './security-probes.js';
import type { ProbeWorld } from './security-probes.js';
import { sleep } from './soak-process.js';
import { isLive, type SoakSetup } from './soak-setup.js';
import type { SoakReport } from './soak-types.js';

const REJOIN_SCOPES: ReadonlySet<string> = new Set(['presence', 'voice', 'unread']);

export interface ConvergenceCheckpointsDeps {
  setup: SoakSetup;
  /** The store-action traffic: drained and its sends checked once the connections are settled. */
  actions?: { drain(): Promise<void>; verify(): Promise<void>; traceOf(id: string): string };
  messageLimit: number;
  settleTimeoutMs: number;
  log: (line: string) => void;
}

export type CheckpointSummary = Pick<SoakReport, 'checkpoints' | 'compared' | 'divergences' | 'transientDivergences' | 'permissions'>;

/**
 * A checkpoint: traffic stops, every connection settles at a barrier, every store is compared
 * with its server's truth (a few looks, so a divergence still in flight is not counted), and the
 * permission probes run; then traffic resumes.
 */
export class ConvergenceCheckpoints {
  private checkpoints = 0;
  private barrierSeq = 0;
  private readonly divergences: Divergence[] = [];
  private transient = 0;
  /** The same divergence still there at a later checkpoint is reported once. */
  private readonly seenDivergences = new Set<string>();
  private readonly compared: ConvergeStats = emptyConvergeStats();
  private readonly permissions = { probes: 0, violations: [] as string[] };

  constructor(private readonly deps: ConvergenceCheckpointsDeps) {}

  /** Checkpoints run so far. */
  get count(): number {
    return this.checkpoints;
  }

  /** `progress` is what happened so far, for the log line (e.g. "40 faults, 35 reconnects"). */
  async run(progress: string): Promise<void> {
    const { setup } = this.deps;
    this.checkpoints++;
    await setup.stopTraffic();
    await this.settle();
    if (this.deps.actions) {
      // Queued sends go out once their connection is back: drain after the settle, then settle
      // again (a send's read mark, a rolled-back edit's refresh) before comparing.
      await this.deps.actions.drain();
      await this.deps.actions.verify();
      await this.settle();
    }
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
    this.deps.log(
      `checkpoint ${this.checkpoints}: ${progress}, ` +
        `${remaining.length} divergences (${found.length} at first look), ${probes} permission probes`,
    );
    for (const divergence of remaining.slice(0, 10)) this.deps.log(`  ${divergence.connection} ${divergence.scope} ${divergence.id}: ${divergence.detail}`);
    await setup.startTraffic();
  }

  summary(): CheckpointSummary {
    return {
      checkpoints: this.checkpoints,
      compared: this.compared,
      divergences: this.divergences,
      transientDivergences: this.transient,
      permissions: this.permissions,
    };
  }

  /** Waits until every connection is live and has seen a barrier published after it got there. */
  private async settle(): Promise<void> {
    const { servers, watched } = this.deps.setup;
    const deadline = Date.now() + this.deps.settleTimeoutMs;
    while (Date.now() < deadline) {
      await this.reviveGivenUp();
      if (!watched.every(isLive)) {
        await sleep(30);
        continue;
      }
      const barrier = ++this.barrierSeq;
      await Promise.all(servers.map((server) => server.publish('soak.barrier', { n: barrier })));
      const until = Date.now() + 2000;
      while (Date.now() < until && !watched.every((w) => w.lastBarrier >= barrier)) await sleep(10);
      if (watched.every((w) => w.lastBarrier >= barrier && isLive(w))) {
        // READY's REST fill-ins (message refresh after a rebuild) finish right after it.
        await sleep(100);
        return;
      }
    }
    const stuck = watched.filter((w) => !isLive(w)).map((w) => `${w.label}=${w.conn.status}`);
    this.divergences.push({ connection: stuck.join(',') || 'all', scope: 'truth', id: 'settle', detail: 'no quiescent point reached' });
  }

  /** A connection the store gave up on is a failure to recover; count it and start it again. */
  private async reviveGivenUp(): Promise<void> {
    for (const w of this.deps.setup.watched) {
      if (w.conn.status !== 'error' || w.conn.removed) continue;
      this.divergences.push({ connection: w.label, scope: 'truth', id: 'connection', detail: 'the store gave up on the connection' });
      await this.deps.setup.revive(w);
    }
  }

  private async compareAll(): Promise<Divergence[]> {
    const { watched, servers } = this.deps.setup;
    const presences = new Map(await Promise.all(servers.map(async (server) => [server, await server.presences()] as const)));
    const results = await Promise.all(
      watched.map((w) =>
        compareStoreWithServer({
          label: w.label,
          store: w.store as unknown as StoreView,
          truth: w.truth,
          // A space two accounts of the store share is read from the one it is routed to.
          spaceIds: w.conn.spaceIds.filter((spaceId) => w.store.connectionOfSpace(spaceId) === w.conn),
          storeSpaceIds: w.conn.spaceIds,
          userId: w.userId,
          messageLimit: this.deps.messageLimit,
          presence: (userId) => presences.get(w.server)?.get(userId) ?? 'offline',
          stats: this.compared,
        }),
      ),
    );
    // Say when a connection re-joined a space since its READY: only READY carries presences,
    // voice states and read states, so that is where such divergences come from.
    // Likewise when the user whose presence differs joined a space after this connection's READY:
    // no event tells the space a joiner's presence.
    return results.flat().map((found) => {
      // A message the store actions touched: say what they did to it.
      const trace = this.deps.actions?.traceOf(found.id);
      const divergence = trace ? { ...found, detail: `${found.detail} (store actions on it: ${trace})` } : found;
      const w = watched.find((candidate) => candidate.label === divergence.connection);
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
    const server = this.deps.setup.servers[0];
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
}
