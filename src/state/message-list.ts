import type { Message } from '../models/index.js';
import { compareIds } from './merge.js';

/**
 * One channel's cached messages, oldest first, at most `cap`, found by id.
 *
 * Choices that keep the hot path cheap (bench/store-pipeline.ts):
 * - Ids grow over time (PROTOCOL.md §0), so live messages arrive in id order. While the list is
 *   in that order, lookups bisect it and an append needs one comparison with the newest: no id
 *   index to fill, and evicting the oldest touches nothing of it (an index would hash the fresh id
 *   on every append and look the evicted one up again, a cache miss on an object long gone cold).
 *   The first message out of order (a duplicate, a late one) switches the list to a Map index for
 *   good (until `reset`), so any order is still right, only no longer index-free.
 * - Evicting the oldest does not shift the array (a shift rewrites every slot of a long-lived
 *   array): the slot is cleared and a start offset advances; the array is compacted once per
 *   `cap` evictions.
 * - Reads get a snapshot array that later events never change (made on the first read after a
 *   change, then shared by every read until the next change).
 */
export class MessageList {
  private items: (Message | undefined)[] = [];
  private start = 0;
  private view: readonly Message[] | null = null;
  /** Set once the messages are not in strictly increasing id order; null while they are. */
  private byId: Map<string, Message> | null = null;

  get size(): number {
    return this.byId === null ? this.items.length - this.start : this.byId.size;
  }

  get(id: string): Message | undefined {
    if (this.byId !== null) return this.byId.get(id);
    const at = this.indexOf(id);
    return at < 0 ? undefined : this.items[at];
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  /** Appends unless the id is already held; evicts the oldest beyond `cap`. Returns whether added. */
  push(message: Message, cap: number): boolean {
    const items = this.items;
    let byId = this.byId;
    if (byId === null) {
      const newest = items.length > this.start ? items[items.length - 1] : undefined;
      if (newest !== undefined && compareIds(newest.id, message.id) >= 0) {
        if (this.indexOf(message.id) >= 0) return false;
        byId = this.indexById();
      }
    } else if (byId.has(message.id)) {
      return false;
    }
    this.view = null;
    if (byId !== null) byId.set(message.id, message);
    items.push(message);
    while (items.length - this.start > cap) {
      const evicted = items[this.start];
      items[this.start] = undefined;
      this.start++;
      if (byId !== null && evicted && byId.get(evicted.id) === evicted) byId.delete(evicted.id);
    }
    if (this.start >= cap) this.compact();
    return true;
  }

  /** The messages, oldest first: a snapshot that later events do not change. */
  toArray(): readonly Message[] {
    if (this.view === null) this.view = Object.freeze(this.items.slice(this.start) as Message[]);
    return this.view;
  }

  /** Removes one message; returns whether it was held. */
  remove(id: string): boolean {
    const byId = this.byId;
    if (byId === null) {
      const at = this.indexOf(id);
      if (at < 0) return false;
      this.view = null;
      this.items.splice(at, 1);
      return true;
    }
    const message = byId.get(id);
    if (!message) return false;
    byId.delete(id);
    this.view = null;
    const at = this.items.lastIndexOf(message);
    if (at >= this.start) this.items.splice(at, 1);
    return true;
  }

  /** Removes the messages with these ids in one pass; returns how many were removed. */
  removeIds(ids: ReadonlySet<string>): number {
    const byId = this.byId;
    let removed = 0;
    if (byId !== null) {
      for (const id of ids) if (byId.delete(id)) removed++;
      if (removed === 0) return 0;
    }
    const out: Message[] = [];
    for (let i = this.start; i < this.items.length; i++) {
      const message = this.items[i];
      if (message && !ids.has(message.id)) out.push(message);
      else if (message && byId === null) removed++;
    }
    if (removed === 0) return 0;
    this.view = null;
    this.items = out;
    this.start = 0;
    return removed;
  }

  /** Replaces the content (oldest first, at most `cap` kept: the newest). */
  reset(messages: readonly Message[], cap: number): void {
    const kept = messages.length > cap ? messages.slice(messages.length - cap) : messages.slice();
    this.items = kept;
    this.start = 0;
    this.view = null;
    this.byId = null;
    for (let i = 1; i < kept.length; i++) {
      const previous = kept[i - 1];
      const message = kept[i];
      if (previous && message && compareIds(previous.id, message.id) >= 0) {
        this.indexById();
        return;
      }
    }
  }

  /** Where `id` sits in the (id-ordered) live range, or -1. */
  private indexOf(id: string): number {
    const items = this.items;
    let low = this.start;
    let high = items.length - 1;
    const newest = items[high];
    const oldest = items[low];
    if (high < low || newest === undefined || oldest === undefined) return -1;
    // Events mostly concern recent messages, and an id outside the held range costs two compares.
    const fromNewest = compareIds(newest.id, id);
    if (fromNewest <= 0) return fromNewest === 0 ? high : -1;
    const fromOldest = compareIds(oldest.id, id);
    if (fromOldest >= 0) return fromOldest === 0 ? low : -1;
    low++;
    high--;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const message = items[mid];
      if (message === undefined) return -1;
      const order = compareIds(message.id, id);
      if (order === 0) return mid;
      if (order < 0) low = mid + 1;
      else high = mid - 1;
    }
    return -1;
  }

  /** Leaves id order for good: builds the Map index over the live range. */
  private indexById(): Map<string, Message> {
    const byId = new Map<string, Message>();
    for (let i = this.start; i < this.items.length; i++) {
      const message = this.items[i];
      if (message) byId.set(message.id, message);
    }
    this.byId = byId;
    return byId;
  }

  private compact(): void {
    const live = this.items.length - this.start;
    this.items.copyWithin(0, this.start);
    this.items.length = live;
    this.start = 0;
  }
}
