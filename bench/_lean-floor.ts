/**
 * Diagnostic (not part of `npm run bench`): how low issue 15's small mix can go with the same kind
 * of cache (Maps of the parsed objects, a capped list per channel with an id index), written as
 * lean as possible: one function, no schema check, no gateway or client layer, no signals, no
 * journals or held creates, no typing timers. It applies each mix event as the store does in the
 * common case (presence and status, typing deadline, reactions counted once per user, edits
 * merged field by field, deletes, member updates), beside the real store, against the JSON.parse
 * floor in interleaved rounds. What is left between the lean side and the floor is what any such
 * cache pays; what is left between the store and the lean side is what the store's layers and
 * features cost.
 *
 *   node --expose-gc --import tsx bench/_lean-floor.ts [cap]
 */
import { settle, startTiming } from './measure.js';
import { sideBySide, type Side } from './side-by-side.js';
import { MIX_READY_SHAPE } from './small-mix.js';
import { preloadFrames, smallMixFrames } from './small-mix-fixtures.js';
import { StoreSide, connectedStore, timeFeed, timeParse } from './store-harness.js';
import { frame, readyData } from './store-fixtures.js';

type Data = Record<string, unknown>;

const cap = Number(process.argv[2] ?? 200);
const readyFrame = frame('ready', 1, readyData(MIX_READY_SHAPE));
const preload = preloadFrames();
const frames = smallMixFrames().frames;

/** A channel's newest `cap` messages, oldest first, with an id index. */
class LeanList {
  readonly index = new Map<string, Data>();
  private readonly messages: Data[] = [];

  push(message: Data): void {
    this.messages.push(message);
    this.index.set(message.id as string, message);
    if (this.messages.length > cap) this.index.delete((this.messages.shift() as Data).id as string);
  }

  remove(message: Data): void {
    this.index.delete(message.id as string);
    const at = this.messages.indexOf(message);
    if (at >= 0) this.messages.splice(at, 1);
  }

  get size(): number {
    return this.messages.length;
  }
}

interface LeanReaction {
  emoji: { id: null; name: string };
  count: number;
  me: boolean;
  users: Set<string>;
}

class LeanStore {
  readonly users = new Map<string, Data>();
  readonly presences = new Map<string, Data>();
  readonly members = new Map<string, Data>();
  readonly channels = new Set<string>();
  readonly lists = new Map<string, LeanList>();
  readonly typingSince = new Map<string, number>();
  private seq = 0;

  constructor(ready: Data) {
    for (const user of ready.users as Data[]) this.users.set(user.id as string, user);
    for (const channel of ready.channels as Data[]) this.channels.add(channel.id as string);
    for (const member of ready.members as Data[]) this.members.set(member.user_id as string, member);
  }

  feed(text: string): void {
    const parsed = JSON.parse(text) as { op: number; type: string; seq: number; data: Data };
    if (parsed.op !== 0 || parsed.seq <= this.seq) return;
    this.seq = parsed.seq;
    const data = parsed.data;
    switch (parsed.type) {
      case 'message.create':
        return this.create(data);
      case 'presence.update':
        return this.presence(data);
      case 'typing.start':
        return this.typing(data);
      case 'reaction.add':
        return this.reaction(data);
      case 'message.update':
        return this.update(data);
      case 'message.delete':
        return this.delete(data);
      case 'member.update':
        return this.member(data);
    }
  }

  cached(): number {
    let count = 0;
    for (const list of this.lists.values()) count += list.size;
    return count;
  }

  private create(data: Data): void {
    const channelId = data.channel_id as string;
    let list = this.lists.get(channelId);
    if (list === undefined) {
      list = new LeanList();
      this.lists.set(channelId, list);
    }
    list.push(data);
  }

  private presence(data: Data): void {
    const userId = data.user_id as string;
    const previous = this.presences.get(userId);
    if (previous !== undefined && previous.status === data.status && sameRecord(previous.client_status as Data, data.client_status as Data)) return;
    this.presences.set(userId, data);
    const user = this.users.get(userId);
    if (user !== undefined && user.status !== data.status) user.status = data.status;
    const member = this.members.get(userId);
    if (member !== undefined && member.status !== data.status) member.status = data.status;
  }

  private typing(data: Data): void {
    const channelId = data.channel_id as string;
    if (!this.channels.has(channelId)) return;
    // The store names the typist: the same lookup.
    if (this.users.get(data.user_id as string) === undefined) return;
    // The channel's last start (the lean side keeps no clock; the store moves a deadline).
    this.typingSince.set(channelId, this.seq);
  }

  private reaction(data: Data): void {
    const message = this.lists.get(data.channel_id as string)?.index.get(data.message_id as string);
    if (message === undefined) return;
    const name = data.emoji as string;
    let reactions = message.reactions as LeanReaction[] | null;
    let reaction = reactions?.find((each) => each.emoji.name === name);
    if (reaction === undefined) {
      reaction = { emoji: { id: null, name }, count: 0, me: false, users: new Set() };
      if (reactions) reactions.push(reaction);
      else message.reactions = reactions = [reaction];
    }
    const userId = data.user_id as string;
    if (reaction.users.has(userId)) return;
    reaction.users.add(userId);
    reaction.count++;
  }

  private update(data: Data): void {
    const message = this.lists.get(data.channel_id as string)?.index.get(data.id as string);
    if (message !== undefined) merge(message, data, 'id', 'reactions');
  }

  private delete(data: Data): void {
    const list = this.lists.get(data.channel_id as string);
    const message = list?.index.get(data.id as string);
    if (list !== undefined && message !== undefined) list.remove(message);
  }

  private member(data: Data): void {
    const member = this.members.get(data.user_id as string);
    if (member !== undefined) merge(member, data, 'user_id', 'space_id');
  }
}

function sameRecord(a: Data, b: Data): boolean {
  let keys = 0;
  for (const key in a) {
    if (a[key] !== b[key]) return false;
    keys++;
  }
  return keys === Object.keys(b).length;
}

/** Every field of `source` but the skipped ones onto `target`, where it differs (id lists by items). */
function merge(target: Data, source: Data, skipA: string, skipB: string): void {
  for (const key in source) {
    if (key === skipA || key === skipB) continue;
    const value = source[key];
    if (target[key] !== value && !samePrimitives(target[key], value)) target[key] = value;
  }
}

function samePrimitives(a: unknown, b: unknown): boolean {
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] || typeof a[i] === 'object') return false;
  return true;
}

/** Like StoreSide: each run a fresh lean store (READY and the 100k messages untimed); the first stays alive. */
const warm: { store: LeanStore | null } = { store: null };
const lean: Side = {
  name: `lean cap ${cap}`,
  async run() {
    const store = new LeanStore((JSON.parse(readyFrame) as { data: Data }).data);
    for (const text of preload) store.feed(text);
    await settle();
    const stop = startTiming();
    for (const text of frames) store.feed(text);
    const timing = stop();
    if (store.cached() === 0) throw new Error('the lean store cached nothing');
    warm.store ??= store;
    return timing;
  },
};
const real = new StoreSide(
  `store cap ${cap}`,
  () => {
    const connected = connectedStore(readyFrame, cap);
    for (const data of preload) connected.feed({ data });
    return connected;
  },
  (feed) => timeFeed(feed, frames),
  () => undefined,
);
const result = await sideBySide(() => timeParse(frames), [lean, real], 7);
await real.closeWarm();
for (const side of result.sides) console.log(`${side.name.padEnd(14)} ratio ${side.ratio} cpu ${side.cpuRatio} (${side.ratios.join(' ')})`);
console.log(`floor ${result.floorMs} ms; lean store kept ${warm.store?.cached() ?? 0} messages`);
process.exit(0);
