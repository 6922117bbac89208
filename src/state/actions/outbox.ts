import type { Message } from '../../models/index.js';
import type { TimerHandle } from '../../util/clock.js';
import type { StoreMessage } from '../types.js';

/** One send of mine, from `sendMessage` until the server's message replaces it (or it is discarded). */
export interface PendingSend {
  readonly localId: string;
  readonly channelId: string;
  /** The thread (parent message id) it replies in; null for a top-level message. */
  readonly threadId: string | null;
  readonly replyTo: string | null;
  readonly content: string;
  /** What the store lists for it until it is confirmed. */
  readonly entry: StoreMessage;
  /** Failed attempts since it was (re)queued. */
  attempts: number;
  /** An attempt's answer was lost: it may be on the server, so look before posting again. */
  uncertain: boolean;
  /** When it was first posted (ms), and the channel's newest server id then: what it can match. */
  firstPostAt: number | null;
  floorId: string | null;
  /** Counted in `awaiting`: my message.create in the channel is held until this one resolves. */
  counted: boolean;
  /** Its POST (or the look for it) is on the wire. */
  inRequest: boolean;
  /** Settles the promise the caller holds (sendMessage's or retrySend's); null once settled. */
  settle: { resolve: (message: Message) => void; reject: (error: unknown) => void } | null;
}

/** Held own creates per channel, at most this many (beyond it they are all delivered). */
export const MAX_HELD_PER_CHANNEL = 32;

/** One channel's sends: a queue posted one at a time, in the order typed. */
export class ChannelOutbox {
  /** Still to go out, head first (sending or queued). */
  readonly queue: PendingSend[] = [];
  /** Every pending entry of the channel (queued, sending and failed), in the order shown. */
  readonly shown: PendingSend[] = [];
  /** My own message.create events held while a send of mine here awaits its answer, in order. */
  held: Message[] | null = null;
  /** Ids of held creates deleted while held: not listed when their send's answer comes. */
  readonly deletedHeld = new Set<string>();
  /** Sends counted as awaiting an answer (their POST out, or its answer lost). */
  awaiting = 0;
  /** A drain is running or a backoff is waiting. */
  busy = false;
  timer: TimerHandle | null = null;
  /** Server ids already matched to a send (a lost answer's look never takes one twice). */
  readonly claimed = new Set<string>();
  /** `messages(channelId)` with the pending entries appended, for the list snapshot it was made from. */
  private viewBase: readonly StoreMessage[] | null = null;
  private view: readonly StoreMessage[] | null = null;

  constructor(readonly channelId: string) {}

  changed(): void {
    this.view = null;
  }

  /** The list snapshot with this channel's top-level pending entries after it (thread replies are not listed here). */
  withPending(base: readonly StoreMessage[]): readonly StoreMessage[] {
    if (this.view !== null && this.viewBase === base) return this.view;
    const out = base.slice();
    for (const send of this.shown) if (send.threadId === null) out.push(send.entry);
    this.viewBase = base;
    this.view = out.length === base.length ? base : Object.freeze(out);
    return this.view;
  }

  get idle(): boolean {
    return this.shown.length === 0 && this.awaiting === 0 && !this.busy && this.held === null;
  }
}

/**
 * A connection's sends in flight (owned by its ServerConnection). `awaiting` is read on the hot
 * path (every message.create of mine): it is a plain number, non-zero only while a POST of mine
 * waits for its answer.
 */
export class Outbox {
  readonly sends = new Map<string, PendingSend>();
  readonly channels = new Map<string, ChannelOutbox>();
  awaiting = 0;
  private counter = 0;

  nextLocalId(connIndex: number): string {
    this.counter++;
    return `local:${connIndex}:${this.counter}`;
  }

  channel(channelId: string): ChannelOutbox {
    let channel = this.channels.get(channelId);
    if (!channel) {
      channel = new ChannelOutbox(channelId);
      this.channels.set(channelId, channel);
    }
    return channel;
  }

  /** Forgets a channel's bookkeeping once nothing of it is left. */
  tidy(channel: ChannelOutbox): void {
    if (channel.idle && this.channels.get(channel.channelId) === channel) this.channels.delete(channel.channelId);
  }

  /** Pending replies in a thread (its parent message id), in the order shown. */
  threadReplies(threadId: string): StoreMessage[] {
    const out: StoreMessage[] = [];
    for (const channel of this.channels.values()) for (const send of channel.shown) if (send.threadId === threadId) out.push(send.entry);
    return out;
  }
}
