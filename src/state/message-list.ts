import type { Message } from '../models/index.js';
import { compareIds } from './ids.js';

const FIRST_CAPACITY = 8;

/**
 * What a connection's channel lists share: a lower bound of the oldest id any of them holds
 * (`known` false: to be computed). An id older than it is held by none of them, so an event
 * about an uncached older message (a delete naming another channel than the message's, or any
 * message no list holds) needs no walk over every list. Evictions only raise the true oldest, so
 * the bound stays a bound; a list that may now hold something older than it resets it.
 */
export class OldestBound {
  known = false;
  /** The bound when known; null when the lists hold nothing. */
  oldest: string | null = null;
}

/**
 * One channel's cached messages, oldest first, at most `cap`, found by id.
 *
 * Choices that keep the hot path cheap (bench/store-pipeline.ts, bench/small-mix.ts):
 * - A ring buffer: once full, a new message overwrites the oldest in place. The slot array is
 *   allocated while the list grows to `cap` and never again, so a busy channel makes no garbage
 *   and its one long-lived array is not copied by scavenges (shifting or re-growing an array
 *   allocates a fresh backing store in the young generation that every scavenge then copies).
 * - The list is always in id order (ids grow over time, docs/protocol.md §0), so an append needs one
 *   comparison with the newest. A late message (older than the newest) is inserted at its place;
 *   one older than a full window is not inserted at all (it would evict a newer message).
 * - An id index per list (the seed's `_message_id_index`, kept per channel): a lookup is one hash
 *   probe where a search would read several cold messages of a long list. Per list, not one per
 *   connection: a small table churns in the young generation, where one table of every cached
 *   message was rehashed as a large object over and over by the create stream (+25% per create).
 *   A remove then finds the slot by identity, one native scan of the slots.
 * - Reads get a snapshot array that later events never change (made on the first read after a
 *   change, then shared by every read until the next change).
 */
export class MessageList {
  /**
   * The channel's id and its space's id, one copy each that the held messages share (a message
   * cached here is pointed at them: mutations/messages.ts addMessage). The channel's is given to a
   * channel's list; otherwise both are set by the first message.
   */
  channelId: string | null;
  spaceId: string | null = null;
  private readonly index = new Map<string, Message>();
  private slots: (Message | undefined)[] = [];
  /** Slot of the oldest message. */
  private head = 0;
  private count = 0;
  private view: readonly Message[] | null = null;
  /**
   * Set while the list holds more than the cap on purpose (history paged in by loadOlder, a
   * loaded thread): pushes then evict nothing until `trim` (docs/protocol.md §5.4; README "history").
   */
  holdAll = false;
  /** The list reaches back to the channel's (or thread's) first message: nothing older exists. */
  atStart = false;
  /** Bumps whenever the held range is replaced or cut (reset, trim): a page in flight checks it. */
  epoch = 0;

  /** `channelId` and the connection's `bound` for a channel's list; neither for a thread's replies. */
  constructor(
    channelId?: string,
    private readonly bound?: OldestBound,
  ) {
    this.channelId = channelId ?? null;
  }

  get size(): number {
    return this.count;
  }

  get(id: string): Message | undefined {
    return this.index.get(id);
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  /** The oldest held message's id (null when empty). */
  oldestId(): string | null {
    return this.count === 0 ? null : (this.at(0)?.id ?? null);
  }

  /**
   * Adds the message at its place in id order unless the id is already held; evicts the oldest
   * beyond `cap`. A message older than every one of a full list is not added. Returns whether added.
   */
  push(message: Message, cap: number): boolean {
    if (this.holdAll) cap = Number.MAX_SAFE_INTEGER;
    const newest = this.count === 0 ? undefined : this.at(this.count - 1);
    if (newest !== undefined && compareIds(newest.id, message.id) >= 0) return this.insertLate(message, cap);
    // A first message may be older than every other list's oldest.
    if (newest === undefined) this.olderMayBeHeld();
    this.view = null;
    if (this.count >= cap) {
      if (this.count > cap || this.slots.length !== cap) this.resize(cap - 1);
      else {
        // Full: the newest takes the oldest's slot.
        const slot = this.head;
        this.unindex(this.slots[slot]);
        this.slots[slot] = message;
        this.index.set(message.id, message);
        this.head = slot + 1 === cap ? 0 : slot + 1;
        return true;
      }
    }
    if (this.count === this.slots.length) this.resize(this.count, Math.min(cap, Math.max(FIRST_CAPACITY, this.count * 2)));
    this.slots[this.slotOf(this.count)] = message;
    this.index.set(message.id, message);
    this.count++;
    return true;
  }

  /** The messages, oldest first: a snapshot that later events do not change. */
  toArray(): readonly Message[] {
    if (this.view === null) this.view = Object.freeze(this.ordered());
    return this.view;
  }

  /** Removes one message; returns whether it was held. */
  remove(id: string): boolean {
    const message = this.get(id);
    return message !== undefined && this.removeHeld(message);
  }

  /** Removes a message get() returned (no second lookup); returns whether it was held. */
  removeHeld(message: Message): boolean {
    const at = this.positionOf(message);
    if (at < 0) return false;
    this.index.delete(message.id);
    this.view = null;
    const count = this.count;
    if (at < count >>> 1) {
      // Nearer the oldest: the older messages move up one place, and the head with them.
      for (let i = at; i > 0; i--) this.slots[this.slotOf(i)] = this.at(i - 1);
      const head = this.head;
      this.slots[head] = undefined;
      this.head = head + 1 === this.slots.length ? 0 : head + 1;
    } else {
      // Nearer the newest: the newer messages move down one place.
      for (let i = at; i < count - 1; i++) this.slots[this.slotOf(i)] = this.at(i + 1);
      this.slots[this.slotOf(count - 1)] = undefined;
    }
    this.count = count - 1;
    return true;
  }

  /** Removes the messages with these ids in one pass; returns how many were removed. */
  removeIds(ids: ReadonlySet<string>): number {
    let removed = 0;
    const kept: Message[] = [];
    for (let i = 0; i < this.count; i++) {
      const message = this.at(i);
      if (message === undefined) continue;
      if (!ids.has(message.id)) kept.push(message);
      else {
        this.unindex(message);
        removed++;
      }
    }
    if (removed === 0) return 0;
    this.view = null;
    this.place(kept, kept.length);
    return removed;
  }

  /**
   * Replaces the content (any order; kept in id order, one per id, at most `cap`: the newest).
   * `holdAll`: the new content keeps paged-in history, so it is all kept and the list goes on
   * holding everything (a refresh that kept the history, loaders/messages.ts); otherwise holding ends.
   */
  reset(messages: readonly Message[], cap: number, holdAll = false): void {
    const ordered = isInIdOrder(messages) ? messages : inIdOrder(messages);
    const kept = !holdAll && ordered.length > cap ? ordered.slice(ordered.length - cap) : ordered.slice();
    this.holdAll = holdAll;
    this.atStart = false;
    this.epoch++;
    this.adopt(kept);
  }

  /**
   * Puts back a message taken out of this list (an optimistic delete the server refused) at its
   * place in id order, whatever the cap: it held that place before. The held range stays as it
   * was (holding, reaching the start, a page in flight still valid). Returns whether it went back.
   */
  restore(message: Message): boolean {
    return this.insertLate(message, Number.MAX_SAFE_INTEGER);
  }

  /**
   * Puts older messages (oldest first) before the held ones, skipping ids already held, and
   * holds everything from then on (`holdAll`) so the cap does not evict what was paged in.
   * Returns the messages added, oldest first.
   */
  prepend(older: readonly Message[]): Message[] {
    const added = older.filter((message) => !this.has(message.id));
    if (added.length === 0) return added;
    this.holdAll = true;
    this.adopt(added.concat(this.ordered()));
    return added;
  }

  /** Keeps the newest `cap` messages and ends `holdAll`. Returns how many were dropped. */
  trim(cap: number): number {
    this.holdAll = false;
    const dropped = this.count - cap;
    if (dropped <= 0) return 0;
    this.view = null;
    this.atStart = false;
    this.epoch++;
    this.resize(cap, cap);
    return dropped;
  }

  /** The oldest held message whose id passes `accept` (e.g. the oldest one the server knows). */
  oldest(accept: (message: Message) => boolean): Message | undefined {
    for (let i = 0; i < this.count; i++) {
      const message = this.at(i);
      if (message !== undefined && accept(message)) return message;
    }
    return undefined;
  }

  /** The newest held message that passes `accept`, walking from the newest (no copy of the list). */
  newest(accept: (message: Message) => boolean): Message | undefined {
    for (let i = this.count - 1; i >= 0; i--) {
      const message = this.at(i);
      if (message !== undefined && accept(message)) return message;
    }
    return undefined;
  }

  /** Takes `messages` as the whole content, in id order (one per id). */
  private adopt(messages: Message[]): void {
    const ordered = isInIdOrder(messages) ? messages : inIdOrder(messages);
    this.view = null;
    this.load(ordered, ordered.length);
  }

  /** A message not newer than the newest: at its place, unless held or older than a full window. */
  private insertLate(message: Message, cap: number): boolean {
    if (this.index.has(message.id)) return false;
    const at = this.lowerBound(message.id);
    if (at === 0 && this.count >= cap) return false;
    if (at === 0) this.olderMayBeHeld();
    // Rare (a late delivery): a copy is fine here.
    const all = this.ordered();
    all.splice(at, 0, message);
    this.index.set(message.id, message);
    this.view = null;
    this.place(this.keepNewest(all, cap), Math.max(this.slots.length, Math.min(all.length, cap)));
    return true;
  }

  /** The message at logical position `i` (0 = oldest). */
  private at(i: number): Message | undefined {
    return this.slots[this.slotOf(i)];
  }

  private slotOf(i: number): number {
    const slot = this.head + i;
    const length = this.slots.length;
    return slot >= length ? slot - length : slot;
  }

  private ordered(): Message[] {
    const out = new Array<Message>(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.at(i) as Message;
    return out;
  }

  /** Takes `messages` (oldest first, one per id) as the whole content, in slots of at least `capacity`. */
  private load(messages: Message[], capacity: number): void {
    this.index.clear();
    for (const message of messages) this.index.set(message.id, message);
    this.olderMayBeHeld();
    this.place(messages, capacity);
  }

  /** Puts `messages` (oldest first, all indexed) in fresh slots of at least `capacity`. */
  private place(messages: readonly Message[], capacity: number): void {
    const slots = new Array<Message | undefined>(Math.max(capacity, messages.length));
    for (let i = 0; i < messages.length; i++) slots[i] = messages[i];
    this.slots = slots;
    this.head = 0;
    this.count = messages.length;
  }

  /** The newest `keep` of `all` (oldest first); the older ones leave the index. */
  private keepNewest(all: Message[], keep: number): Message[] {
    if (all.length <= keep) return all;
    const dropped = all.length - keep;
    for (let i = 0; i < dropped; i++) this.unindex(all[i]);
    return all.slice(dropped);
  }

  /** Keeps the newest `keep` messages in fresh slots of `capacity` (default: exactly `keep`). */
  private resize(keep: number, capacity = keep + 1): void {
    this.place(this.keepNewest(this.ordered(), keep), capacity);
  }

  private unindex(message: Message | undefined): void {
    if (message !== undefined) this.index.delete(message.id);
  }

  /** The list may now hold an id older than the connection's bound: it is computed again. */
  private olderMayBeHeld(): void {
    if (this.bound !== undefined) this.bound.known = false;
  }

  /** Where the held `message` sits (0 = oldest), or -1: by identity, one native scan of the slots. */
  private positionOf(message: Message): number {
    const slot = this.slots.indexOf(message);
    if (slot < 0) return -1;
    const at = slot - this.head;
    return at < 0 ? at + this.slots.length : at;
  }

  /** The first position whose id is not older than `id` (the count when all are older). */
  private lowerBound(id: string): number {
    let low = 0;
    let high = this.count;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const message = this.at(mid);
      if (message !== undefined && compareIds(message.id, id) < 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}

function isInIdOrder(messages: readonly Message[]): boolean {
  for (let i = 1; i < messages.length; i++) {
    const previous = messages[i - 1];
    const message = messages[i];
    if (previous && message && compareIds(previous.id, message.id) >= 0) return false;
  }
  return true;
}

/** The messages sorted by id, the last of each id kept. */
function inIdOrder(messages: readonly Message[]): Message[] {
  const byId = new Map<string, Message>();
  for (const message of messages) byId.set(message.id, message);
  return Array.from(byId.values()).sort((a, b) => compareIds(a.id, b.id));
}
