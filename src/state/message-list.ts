import type { Message } from '../models/index.js';

/**
 * One channel's cached messages, oldest first, at most `cap`, with an id index.
 *
 * Two choices keep the hot path cheap (bench/store-pipeline.ts): the index is per channel (many
 * small tables stay in cache where one store-wide table of thousands of churning entries does
 * not), and evicting the oldest does not shift the array (a shift rewrites every slot of a
 * long-lived array): the slot is cleared and a start offset advances, and the array is
 * compacted once per `cap` evictions. Reads get a snapshot array that later events never change
 * (made on the first read after a change, then shared by every read until the next change).
 */
export class MessageList {
  private items: (Message | undefined)[] = [];
  private start = 0;
  private view: readonly Message[] | null = null;
  private readonly byId = new Map<string, Message>();

  get size(): number {
    return this.byId.size;
  }

  get(id: string): Message | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Appends unless the id is already held; evicts the oldest beyond `cap`. Returns whether added. */
  push(message: Message, cap: number): boolean {
    if (this.byId.has(message.id)) return false;
    this.view = null;
    this.byId.set(message.id, message);
    this.items.push(message);
    while (this.items.length - this.start > cap) {
      const evicted = this.items[this.start];
      this.items[this.start] = undefined;
      this.start++;
      if (evicted && this.byId.get(evicted.id) === evicted) this.byId.delete(evicted.id);
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
    const message = this.byId.get(id);
    if (!message) return false;
    this.byId.delete(id);
    this.view = null;
    const at = this.items.lastIndexOf(message);
    if (at >= this.start) this.items.splice(at, 1);
    return true;
  }

  /** Removes the messages with these ids in one pass; returns how many were removed. */
  removeIds(ids: ReadonlySet<string>): number {
    let removed = 0;
    for (const id of ids) if (this.byId.delete(id)) removed++;
    if (removed === 0) return 0;
    this.view = null;
    const out: Message[] = [];
    for (let i = this.start; i < this.items.length; i++) {
      const message = this.items[i];
      if (message && !ids.has(message.id)) out.push(message);
    }
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
    this.byId.clear();
    for (const message of kept) this.byId.set(message.id, message);
  }

  private compact(): void {
    const live = this.items.length - this.start;
    this.items.copyWithin(0, this.start);
    this.items.length = live;
    this.start = 0;
  }
}
