import type { Message } from '../models/index.js';
import { StoreActionError } from '../state/index.js';
import { failureKind } from '../state/actions/failures.js';
import { Prng } from './prng.js';
import { verifySends, type SendCheckCounts, type TrackedSend } from './soak-action-audit.js';
import { sleep } from './soak-process.js';
import { isLive, type SoakSetup, type Watched } from './soak-setup.js';
import type { RestFaultSpec } from './soak-servers.js';
import type { ActionReport } from './soak-types.js';

export interface ActionTrafficDeps {
  setup: SoakSetup;
  seed: string;
  /** Actions per second over all stores (0: none). */
  rate: number;
  /** Share of actions whose REST request gets a fault armed first (lost answer, reset, 503). */
  restFaultShare: number;
  /** How long a checkpoint waits for the actions in flight to end. */
  drainTimeoutMs: number;
  log: (line: string) => void;
}

/** A confirmed send of mine, checked on the server: what edits and deletes may touch. */
interface MyMessage {
  w: Watched;
  channelId: string;
  messageId: string;
}

interface ActionCounts {
  done: number;
  failed: number;
}

const EMOJIS = ['👍', '🎉', '👀'];
const MINE_KEPT = 200;

/**
 * Traffic through the stores' actions (sendMessage, editMessage, deleteMessage, add/removeReaction,
 * markRead) while the faults go on: connections recovering from a fault are picked often, and some
 * requests get a REST fault armed first. Every send is tracked to its end; at each checkpoint the
 * actions drain (an app's retry of a failed send, a discard of a refused one), and every send that
 * ended is checked against the server's search (soak-action-audit.ts): exactly once, or not at all.
 */
export class ActionTraffic {
  private readonly rng: Prng;
  private running = false;
  private loop: Promise<void> | null = null;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly unchecked: TrackedSend[] = [];
  private readonly mine: MyMessage[] = [];
  private batch = 1;
  private counter = 0;
  private sends = 0;
  private sendsDuringFaults = 0;
  private sendsWithRestFaults = 0;
  private retried = 0;
  private readonly outcomes = { confirmed: 0, refused: 0, failed: 0, abandoned: 0 };
  private readonly checks: SendCheckCounts = { verified: 0, lost: 0, duplicated: 0 };
  private readonly edits: ActionCounts = { done: 0, failed: 0 };
  private readonly deletes: ActionCounts = { done: 0, failed: 0 };
  private readonly reactions: ActionCounts = { done: 0, failed: 0 };
  private readonly markReads: ActionCounts = { done: 0, failed: 0 };
  private restFaults = 0;
  private readonly problems: string[] = [];
  /** The last actions on each message id (with the REST fault armed, if any), for divergence details. */
  private readonly traces = new Map<string, string[]>();

  constructor(private readonly deps: ActionTrafficDeps) {
    this.rng = new Prng(`actions:${deps.seed}`);
  }

  start(): void {
    if (this.running || this.deps.rate <= 0) return;
    this.running = true;
    const interval = 1000 / this.deps.rate;
    this.loop = (async () => {
      while (this.running) {
        await sleep(interval * (0.5 + this.rng.next()));
        if (this.running) await this.issue();
      }
    })();
  }

  /**
   * Stops new actions and waits for those in flight to end, failed sends retried once (as an app
   * would) and refused ones discarded; then disarms the REST faults nobody used.
   */
  async drain(): Promise<void> {
    await this.stop();
    const deadline = Date.now() + this.deps.drainTimeoutMs;
    while (this.inFlight.size > 0 && Date.now() < deadline) await Promise.race([...this.inFlight, sleep(50)]);
    await Promise.all(this.deps.setup.servers.map((server) => server.fault({ kind: 'clearRestFaults' })));
  }

  /** Stops new actions (those in flight go on). */
  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    this.loop = null;
  }

  /** Checks every send that ended since the last check against the server (after drain). */
  async verify(): Promise<void> {
    const ended = this.unchecked.filter((send) => send.outcome !== 'pending');
    const stillPending = this.unchecked.filter((send) => send.outcome === 'pending');
    for (const send of stillPending) this.problems.push(`${send.w.label} ${send.tag}: not settled ${this.deps.drainTimeoutMs} ms into a checkpoint`);
    this.unchecked.length = 0;
    this.unchecked.push(...stillPending);
    const problemsBefore = this.problems.length;
    const confirmedOk = await verifySends(ended, this.deps.setup.watched, this.checks, this.problems);
    for (const send of confirmedOk) if (send.messageId) this.mine.push({ w: send.w, channelId: send.channelId, messageId: send.messageId });
    if (this.mine.length > MINE_KEPT) this.mine.splice(0, this.mine.length - MINE_KEPT);
    this.batch++;
    this.deps.log(
      `  actions: ${ended.length} sends checked (${this.checks.lost} lost, ${this.checks.duplicated} duplicated so far), ` +
        `${this.problems.length - problemsBefore} new problems`,
    );
  }

  /** What the actions did to message `id` (empty when they never touched it). */
  traceOf(id: string): string {
    return (this.traces.get(id) ?? []).join(', ');
  }

  private trace(w: Watched, id: string, what: string, fault: string | null, promise: Promise<unknown>): void {
    let list = this.traces.get(id);
    if (!list) {
      if (this.traces.size >= 5000) this.traces.delete(this.traces.keys().next().value ?? '');
      list = [];
      this.traces.set(id, list);
    }
    const entry = `${w.label} ${what}${fault ? ` [${fault}]` : ''}${w.pending !== null || !isLive(w) ? ' while recovering' : ''}`;
    const at = list.push(entry) - 1;
    if (list.length > 8) list.shift();
    promise.then(
      () => undefined,
      (error: unknown) => {
        const index = list.indexOf(entry, Math.max(0, at - 8));
        if (index >= 0) list[index] = `${entry} -> ${error instanceof Error ? error.message.slice(0, 60) : 'failed'}`;
      },
    );
  }

  summary(): ActionReport {
    return {
      sends: this.sends,
      sendsDuringFaults: this.sendsDuringFaults,
      sendsWithRestFaults: this.sendsWithRestFaults,
      ...this.outcomes,
      retried: this.retried,
      ...this.checks,
      edits: this.edits,
      deletes: this.deletes,
      reactions: this.reactions,
      markReads: this.markReads,
      restFaults: this.restFaults,
      problems: this.problems,
    };
  }

  private async issue(): Promise<void> {
    const w = this.pickConnection();
    if (!w) return;
    const channels = textChannelsOf(w);
    if (channels.length === 0) return;
    const target = this.rng.pick(channels);
    const kind = this.rng.weighted<'send' | 'edit' | 'delete' | 'react' | 'read'>([
      ['send', 55],
      ['react', 20],
      ['edit', 12],
      ['delete', 6],
      ['read', 7],
    ]);
    try {
      if (kind === 'send') await this.send(w, target.channelId, target.spaceId);
      else if (kind === 'react') await this.react(w, target.channelId);
      else if (kind === 'read') this.track(w.store.markRead(target.channelId), this.markReads);
      else await this.editOrDelete(w, kind);
    } catch (error) {
      this.problems.push(`${w.label} ${kind} threw synchronously: ${String(error)}`);
    }
  }

  /** Any connection, but one recovering from a fault (or not live) a third of the time when there is one. */
  private pickConnection(): Watched | undefined {
    const watched = this.deps.setup.watched;
    if (watched.length === 0) return undefined;
    const recovering = watched.filter((w) => w.pending !== null || !isLive(w));
    if (recovering.length > 0 && this.rng.chance(0.35)) return this.rng.pick(recovering);
    return this.rng.pick(watched);
  }

  private async send(w: Watched, channelId: string, spaceId: string): Promise<void> {
    const tag = `act:${this.batch}:${++this.counter};`;
    const content = `${tag} ${w.label} says hello`;
    if ((await this.maybeFault(w, 'POST', `/channels/${channelId}/messages`)) !== null) this.sendsWithRestFaults++;
    const send: TrackedSend = { tag, batch: this.batch, w, channelId, spaceId, localId: null, outcome: 'pending', messageId: null, retried: false, error: '' };
    this.sends++;
    if (w.pending !== null || !isLive(w)) this.sendsDuringFaults++;
    this.unchecked.push(send);
    const promise = w.store.sendMessage(channelId, content);
    const entry = w.store.messages(channelId).find((message) => message.pending !== undefined && message.content === content);
    send.localId = entry?.id ?? null;
    this.follow(send, promise);
  }

  private follow(send: TrackedSend, promise: Promise<Message>): void {
    this.track(
      promise.then(
        (message) => {
          send.outcome = 'confirmed';
          send.messageId = message.id;
          this.outcomes.confirmed++;
        },
        (error: unknown) => this.sendFailed(send, error),
      ),
    );
  }

  private sendFailed(send: TrackedSend, error: unknown): void {
    send.error = error instanceof Error ? error.message : String(error);
    if (error instanceof StoreActionError && error.code === 'connection_removed') return this.end(send, 'abandoned');
    // The store refused it before any request (the space was left meanwhile), or the server did.
    if (error instanceof StoreActionError || failureKind(error) === 'refused') {
      if (send.localId !== null) this.discard(send);
      return this.end(send, 'refused');
    }
    if (send.retried || send.localId === null) return this.end(send, 'failed');
    send.retried = true;
    this.retried++;
    this.follow(send, send.w.store.retrySend(send.localId));
  }

  private discard(send: TrackedSend): void {
    if (send.localId === null) return;
    try {
      send.w.store.discardSend(send.localId);
    } catch (error) {
      this.problems.push(`${send.w.label} ${send.tag}: discarding the refused send failed: ${String(error)}`);
    }
  }

  private end(send: TrackedSend, outcome: 'refused' | 'failed' | 'abandoned'): void {
    send.outcome = outcome;
    this.outcomes[outcome]++;
  }

  private async react(w: Watched, channelId: string): Promise<void> {
    const candidates = w.store.messages(channelId).filter((message) => message.pending === undefined).slice(-10);
    if (candidates.length === 0) return;
    const message = this.rng.pick(candidates);
    const emoji = this.rng.pick(EMOJIS);
    const mine = (message.reactions ?? []).some((reaction) => reaction.me && (typeof reaction.emoji === 'string' ? reaction.emoji : reaction.emoji.name) === emoji);
    const fault = await this.maybeFault(w, mine ? 'DELETE' : 'PUT', `/messages/${message.id}/reactions`);
    const promise = mine ? w.store.removeReaction(message.id, emoji) : w.store.addReaction(message.id, emoji);
    this.trace(w, message.id, `${mine ? 'remove' : 'add'} ${emoji}`, fault, promise);
    this.track(promise, this.reactions);
  }

  private async editOrDelete(w: Watched, kind: 'edit' | 'delete'): Promise<void> {
    const index = this.mine.findIndex((candidate) => candidate.w === w && w.store.messages(candidate.channelId).some((m) => m.id === candidate.messageId));
    const target = index >= 0 ? this.mine[index] : undefined;
    if (!target) return;
    const path = `/channels/${target.channelId}/messages/${target.messageId}`;
    if (kind === 'delete') {
      this.mine.splice(index, 1);
      const fault = await this.maybeFault(w, 'DELETE', path);
      const promise = w.store.deleteMessage(target.messageId);
      this.trace(w, target.messageId, 'delete', fault, promise);
      this.track(promise, this.deletes);
      return;
    }
    const fault = await this.maybeFault(w, 'PATCH', path);
    const promise = w.store.editMessage(target.messageId, `edited by ${w.label} (${++this.counter})`);
    this.trace(w, target.messageId, 'edit', fault, promise);
    this.track(promise, this.edits);
  }

  /** Arms a REST fault for the action's request now and then; its action when it did. */
  private async maybeFault(w: Watched, method: string, path: string): Promise<string | null> {
    if (!this.rng.chance(this.deps.restFaultShare)) return null;
    const rule: RestFaultSpec = { action: this.rng.pick(['lose', 'drop', 'fail'] as const), method, path, times: 1, status: 503 };
    await w.server.fault({ kind: 'failRest', rule });
    this.restFaults++;
    return rule.action;
  }

  private track(promise: Promise<unknown>, counts?: ActionCounts): void {
    const settled = promise.then(
      () => {
        if (counts) counts.done++;
      },
      () => {
        // A refused or lost action rolls back in the store: the checkpoints compare the result.
        if (counts) counts.failed++;
      },
    );
    const done = settled.finally(() => this.inFlight.delete(done));
    this.inFlight.add(done);
  }
}

/** The text channels of the spaces routed to this connection. */
function textChannelsOf(w: Watched): { channelId: string; spaceId: string }[] {
  const out: { channelId: string; spaceId: string }[] = [];
  for (const spaceId of w.conn.spaceIds) {
    if (w.store.connectionOfSpace(spaceId) !== w.conn) continue;
    for (const channel of w.store.channels(spaceId)) if (channel.type === 'text') out.push({ channelId: channel.id, spaceId });
  }
  return out;
}
