/**
 * Profiling harness for issue 15's small-event mix (not part of `npm run bench`: the leading `_`
 * keeps run.ts from picking it up). Modes:
 *
 *   node --expose-gc --import tsx bench/_profile-small-mix.ts count [cap]
 *     counts what the issue's profile claims: MessageList.get calls and where they come from,
 *     findMessage calls without a channel and those that fall through to every list, removes that
 *     miss, and every store signal per event type (membersUpdated on member merges that changed
 *     nothing). Patches prototypes to count, so its timings mean nothing.
 *
 *   node --expose-gc [--cpu-prof | --trace-deopt] --import tsx bench/_profile-small-mix.ts run [cap] [stores] [keepWarm]
 *     feeds READY, the 100k messages and the mix into `stores` stores one after another (each
 *     closed and collected after; with keepWarm=1 the first stays open, with 2 only its entities), printing per store the
 *     CPU µs per event of the first 10k mix events and of the rest: the re-warm cost of a new store
 *     (SETTLE_MS=n waits n ms more after settle(), for concurrent sweeping).
 *
 *   node --expose-gc --import tsx bench/_profile-small-mix.ts lookup [cap]
 *     CPU ns per message lookup of the mix's reactions, edits and deletes: today's findMessage,
 *     trusting the event's channel, and one id-keyed Map across the connection.
 *
 *   node --expose-gc --import tsx bench/_profile-small-mix.ts heap [cap]
 *     heap per cached message saved by sharing repeated values (ids, type, timestamp, []).
 *
 *   node --expose-gc --import tsx bench/_profile-small-mix.ts profile [cap] [stores]
 *     a CPU profile (100 µs sampling) of the mix alone in stores 1.., the first kept open as the
 *     warm one; prints self time by function.
 */
import { Session } from 'node:inspector';
import type { AccordStore, StoreSignalName } from '../src/state/index.js';
import { ConnectionCache } from '../src/state/connection-cache.js';
import { MessageList } from '../src/state/message-list.js';
import { STORE_SIGNAL_NAMES } from '../src/state/types.js';
import { settle, startTiming } from './measure.js';
import { MIX_READY_SHAPE } from './small-mix.js';
import { expectedMisses, preloadFrames, smallMixFrames } from './small-mix-fixtures.js';
import { connectedStore } from './store-harness.js';
import { frame, readyData } from './store-fixtures.js';

const mode = process.argv[2] ?? 'count';
const cap = Number(process.argv[3] ?? 200);
const ready = frame('ready', 1, readyData(MIX_READY_SHAPE));
const preload = preloadFrames();
const mix = smallMixFrames();
const typeOf = (data: string): string => /"type":"([^"]+)"/.exec(data)?.[1] ?? '?';

async function count(): Promise<void> {
  const { store, feed } = connectedStore(ready, cap);
  for (const data of preload) feed({ data });
  await settle();

  const counters = {
    listGets: 0,
    listGetsInFind: 0,
    listGetsInFallThrough: 0,
    findCalls: 0,
    findWithoutChannel: 0,
    findFallThroughs: 0,
    findMisses: 0,
    removes: 0,
    removeMisses: 0,
  };
  let inFind = false;
  const get = MessageList.prototype.get;
  MessageList.prototype.get = function (this: MessageList, id: string) {
    counters.listGets++;
    if (inFind) counters.listGetsInFind++;
    return get.call(this, id);
  };
  const remove = MessageList.prototype.remove;
  MessageList.prototype.remove = function (this: MessageList, id: string) {
    counters.removes++;
    const removed = remove.call(this, id);
    if (!removed) counters.removeMisses++;
    return removed;
  };
  const find = ConnectionCache.prototype.findMessage;
  ConnectionCache.prototype.findMessage = function (this: ConnectionCache, id: string, channelId?: string) {
    counters.findCalls++;
    if (channelId === undefined) counters.findWithoutChannel++;
    const before = counters.listGets;
    inFind = true;
    const found = find.call(this, id, channelId);
    inFind = false;
    const gets = counters.listGets - before;
    // With a channel, the first get is that channel's list; every other get is the walk.
    const walk = channelId === undefined ? gets : gets - (this.messages.has(channelId) ? 1 : 0);
    if (walk > 0) {
      counters.findFallThroughs++;
      counters.listGetsInFallThrough += walk;
    }
    if (!found) counters.findMisses++;
    return found;
  };

  let current = '';
  const signals: Record<string, Partial<Record<StoreSignalName, number>>> = {};
  for (const name of STORE_SIGNAL_NAMES) {
    store.on(name, () => {
      const perType = (signals[current] ??= {});
      perType[name] = (perType[name] ?? 0) + 1;
    });
  }
  const perType: Record<string, number> = {};
  for (const data of mix.frames) {
    current = typeOf(data);
    perType[current] = (perType[current] ?? 0) + 1;
    feed({ data });
  }
  MessageList.prototype.get = get;
  MessageList.prototype.remove = remove;
  ConnectionCache.prototype.findMessage = find;
  const memberUpdates = mix.counts['member.update'];
  console.log(
    JSON.stringify(
      {
        cap,
        events: mix.frames.length,
        perType,
        expected: expectedMisses(mix, cap),
        counters,
        signals,
        memberUpdates,
        memberUpdatesThatChangedNothing: mix.repeatedMembers,
        membersUpdatedFromMemberUpdate: signals['member.update']?.membersUpdated ?? 0,
        presencesThatChangedNothing: mix.repeatedPresences,
      },
      null,
      2,
    ),
  );
  await store.close();
}

/** CPU µs per event over the first 10k mix events and over the rest, for one store. */
function feedMix(feed: (event: { data: string }) => void): { first10k: number; rest: number } {
  const split = 10_000;
  let stop = startTiming();
  for (let i = 0; i < split; i++) feed({ data: mix.frames[i] as string });
  const first = stop().cpuMs;
  stop = startTiming();
  for (let i = split; i < mix.frames.length; i++) feed({ data: mix.frames[i] as string });
  const rest = stop().cpuMs;
  const us = (ms: number, events: number): number => Math.round((ms / events) * 1e6) / 1000;
  return { first10k: us(first, split), rest: us(rest, mix.frames.length - split) };
}

function sharedEmit(): void {}

async function run(): Promise<void> {
  const stores = Number(process.argv[4] ?? 4);
  // 1: the first store stays open. 2: only the first store's entities stay alive (copies of its
  // cache's Maps: messages lists, members, users, channels, spaces), the store itself is closed:
  // optimized code that still deopts then embedded a per-store object, not an entity's map.
  const keepWarm = process.argv[5] ?? '0';
  let entities: unknown[] = [];
  let floorUs = 0;
  for (let r = 0; r < 3; r++) {
    const stop = startTiming();
    for (const data of mix.frames) JSON.parse(data);
    floorUs = (stop().cpuMs / mix.frames.length) * 1000;
  }
  console.log(`JSON.parse floor: ${floorUs.toFixed(3)} CPU µs per event`);
  let warm: AccordStore | null = null;
  for (let s = 0; s < stores; s++) {
    const { store, feed } = connectedStore(ready, cap);
    // PATCH_EMIT=1: the store's per-store emit closure replaced by one function shared by every
    // store (nobody listens here), to test whether it is what optimized handlers embed.
    if (process.env.PATCH_EMIT === '1') (store as unknown as { ctx: { emit: () => void } }).ctx.emit = sharedEmit;
    for (const data of preload) feed({ data });
    await settle();
    // Let concurrent sweeping of the preload's garbage finish before the clock starts.
    await new Promise((resolve) => setTimeout(resolve, Number(process.env.SETTLE_MS ?? 0)));
    console.log(`--- store ${s}: mix start`);
    const timing = feedMix(feed);
    console.log(`store ${s}: CPU µs per event, first 10k ${timing.first10k}, rest ${timing.rest} (floor ${floorUs.toFixed(3)})`);
    const cache = store.connections[0]?.cache;
    if (keepWarm === '2' && s === 0 && cache) {
      entities = [new Map(cache.messages), new Map(cache.members), new Map(cache.users), new Map(cache.channels), new Map(cache.spaces)];
    }
    if (keepWarm === '1' && warm === null) warm = store;
    else await store.close();
    await settle();
    console.log(`--- store ${s}: closed and collected`);
  }
  await warm?.close();
  if (entities.length === 0 && keepWarm === '2') throw new Error('no entities kept');
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

/** CPU profile of the mix only (stores 1..n-1; store 0 warms up and stays open), self time by function. */
async function profile(): Promise<void> {
  const stores = Number(process.argv[4] ?? 4);
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object): Promise<unknown> =>
    new Promise((resolve, reject) => session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 100 });
  const self = new Map<string, number>();
  let total = 0;
  let warm: AccordStore | null = null;
  for (let s = 0; s < stores; s++) {
    const { store, feed } = connectedStore(ready, cap);
    for (const data of preload) feed({ data });
    await settle();
    await new Promise((resolve) => setTimeout(resolve, 200));
    if (s > 0) await post('Profiler.start');
    for (const data of mix.frames) feed({ data });
    if (s > 0) {
      const { profile: result } = (await post('Profiler.stop')) as { profile: { nodes: ProfileNode[] } };
      for (const node of result.nodes) {
        const hits = node.hitCount ?? 0;
        const frame = node.callFrame;
        const key = `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*\/(src|bench|node_modules)\//, '$1/')}:${frame.lineNumber + 1}`;
        self.set(key, (self.get(key) ?? 0) + hits);
        total += hits;
      }
    }
    if (warm === null) warm = store;
    else await store.close();
  }
  await warm?.close();
  const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 45));
  for (const [key, hits] of top) console.log(`${((hits / total) * 100).toFixed(1).padStart(5)}%  ${key}`);
}

/**
 * The lookups of the mix's message events (reactions, edits, deletes) on the cache as it stands
 * after the preload, three ways: today's findMessage(id, channel); only the event's channel
 * (trusting it, a miss is a miss); one id-keyed Map across the connection. CPU ns per lookup.
 */
async function lookup(): Promise<void> {
  const { store, feed } = connectedStore(ready, cap);
  for (const data of preload) feed({ data });
  await settle();
  const cache = store.connections[0]?.cache;
  if (!cache) throw new Error('no connection');
  const targets: { id: string; channelId: string }[] = [];
  for (const data of mix.frames) {
    const type = typeOf(data);
    if (type !== 'reaction.add' && type !== 'message.update' && type !== 'message.delete') continue;
    const event = (JSON.parse(data) as { data: { id?: string; message_id?: string; channel_id: string } }).data;
    targets.push({ id: event.message_id ?? event.id ?? '', channelId: event.channel_id });
  }
  const index = new Map<string, unknown>();
  for (const list of cache.messages.values()) for (const message of list.toArray()) index.set(message.id, message);
  const ways: [string, (t: { id: string; channelId: string }) => unknown][] = [
    ['findMessage(id, channel) (today)', (t) => cache.findMessage(t.id, t.channelId)],
    ['findMessage(id) (no channel, as onMessageDelete after a miss)', (t) => cache.findMessage(t.id)],
    ["the event's channel only", (t) => cache.messages.get(t.channelId)?.get(t.id)],
    ['one id Map across the connection', (t) => index.get(t.id)],
  ];
  for (let round = 0; round < 3; round++) {
    for (const [name, find] of ways) {
      let found = 0;
      const stop = startTiming();
      for (let r = 0; r < 20; r++) for (const t of targets) if (find(t) !== undefined) found++;
      const { cpuMs } = stop();
      if (round === 2) console.log(`${name}: ${((cpuMs * 1e6) / (targets.length * 20)).toFixed(0)} ns per lookup (${found / 20} of ${targets.length} found)`);
    }
  }
  await store.close();
}

/**
 * What sharing would save per cached message (cap 200, after the preload): the heap before and
 * after the cached messages' repeated values are replaced in place by shared ones: ids of the
 * channel, space and author, the type, the timestamps, and every empty array (one frozen one).
 */
async function heap(): Promise<void> {
  for (const data of preload) JSON.parse(data); // the first parse shrinks a frame string (store-pipeline.ts)
  const { store, feed } = connectedStore(ready, cap);
  for (const data of preload) feed({ data });
  await settle();
  const before = process.memoryUsage().heapUsed;
  const shared = new Map<string, string>();
  const share = (value: unknown): unknown => {
    if (typeof value !== 'string') return value;
    const known = shared.get(value);
    if (known !== undefined) return known;
    shared.set(value, value);
    return value;
  };
  const EMPTY: readonly never[] = Object.freeze([]);
  let messages = 0;
  const cache = store.connections[0]?.cache;
  for (const list of cache?.messages.values() ?? []) {
    for (const message of list.toArray()) {
      messages++;
      const record = message as unknown as Record<string, unknown>;
      for (const key of ['channel_id', 'space_id', 'author_id', 'type', 'timestamp']) record[key] = share(record[key]);
      for (const key of Object.keys(record)) if (Array.isArray(record[key]) && (record[key] as unknown[]).length === 0) record[key] = EMPTY;
    }
  }
  await settle();
  const after = process.memoryUsage().heapUsed;
  console.log(`${messages} cached messages: sharing ids, type, timestamp and empty arrays saves ${Math.round((before - after) / messages)} B per message`);
  await store.close();
}

if (mode === 'count') await count();
else if (mode === 'heap') await heap();
else if (mode === 'lookup') await lookup();
else if (mode === 'profile') await profile();
else await run();
