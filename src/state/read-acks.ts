import { compareIds } from './ids.js';

/** One channel's acks: what the server holds as read, and the newest asked for. */
interface ChannelAcks {
  /** The newest id the server confirmed as read (an ack answered, or a read_state.update). */
  acked: string | null;
  /** The newest id asked for (sent or waiting); an ask at or below it joins the pending one. */
  requested: string | null;
  /** The last ask's request: the next one waits for it. */
  tail: Promise<void>;
}

const isAtOrAfter = (position: string | null, id: string): boolean => position !== null && compareIds(position, id) >= 0;

/**
 * One connection's `POST /channels/{id}/ack` requests (the REST budget is 60 a minute per token,
 * docs/protocol.md §5.3): at most one request per channel in flight; asks made meanwhile are folded
 * into one next request for the newest of them; an ask at or below what the server holds as read
 * sends nothing.
 */
export class ReadAcks {
  private readonly channels = new Map<string, ChannelAcks>();

  /** Whether the server is known to hold the channel as read up to `messageId`. */
  isRead(channelId: string, messageId: string): boolean {
    return isAtOrAfter(this.channels.get(channelId)?.acked ?? null, messageId);
  }

  /** The newest id the server is known to hold the channel read up to (null: not known). */
  readUpTo(channelId: string): string | null {
    return this.channels.get(channelId)?.acked ?? null;
  }

  /** The server holds the channel as read up to `messageId` (positions only move forward). */
  note(channelId: string, messageId: string): void {
    const entry = this.entry(channelId);
    if (!isAtOrAfter(entry.acked, messageId)) entry.acked = messageId;
  }

  /** Acks `messageId` through `send` unless the server holds it read already; see the class. */
  ack(channelId: string, messageId: string, send: (messageId: string) => Promise<void>): Promise<void> {
    const entry = this.entry(channelId);
    if (isAtOrAfter(entry.acked, messageId)) return Promise.resolve();
    if (isAtOrAfter(entry.requested, messageId)) return entry.tail;
    entry.requested = messageId;
    const previous = entry.tail;
    const run = async (): Promise<void> => {
      await previous.catch(() => undefined);
      const target = entry.requested;
      if (target === null || isAtOrAfter(entry.acked, target)) return;
      try {
        await send(target);
      } catch (error) {
        // Nothing newer asked meanwhile: a later ask of the same id sends again.
        if (entry.requested === target) entry.requested = entry.acked;
        throw error;
      }
      if (!isAtOrAfter(entry.acked, target)) entry.acked = target;
    };
    entry.tail = run();
    return entry.tail;
  }

  /** The channel is gone. */
  forget(channelId: string): void {
    this.channels.delete(channelId);
  }

  private entry(channelId: string): ChannelAcks {
    let entry = this.channels.get(channelId);
    if (!entry) {
      entry = { acked: null, requested: null, tail: Promise.resolve() };
      this.channels.set(channelId, entry);
    }
    return entry;
  }
}
