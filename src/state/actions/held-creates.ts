import type { Message } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import { compareIds } from '../ids.js';
import { MAX_HELD_PER_CHANNEL, type ChannelOutbox, type Outbox } from './outbox.js';

/**
 * accordserver sends no nonce: my own message.create cannot say which send it answers. While a
 * send of mine in its channel awaits its REST answer, the create is held; the answer's id then
 * says whether it is that send's (which it replaces) or another of mine (from another session),
 * delivered in order once nothing awaits. Holding costs one number read per create when nothing
 * awaits; at most MAX_HELD_PER_CHANNEL are held per channel.
 *
 * Returns null when the create is held, else the creates to deliver now, in order.
 */
export function holdOwnCreate(outbox: Outbox, message: Message): readonly Message[] | null {
  const channel = outbox.channels.get(message.channel_id);
  if (!channel || channel.awaiting === 0) return [message];
  const held = channel.held;
  if (held === null) {
    channel.held = [message];
    return null;
  }
  if (held.length < MAX_HELD_PER_CHANNEL) {
    held.push(message);
    return null;
  }
  channel.held = null;
  held.push(message);
  return held;
}

/** Takes the held create with this id (the send it answers was confirmed), if any. */
export function takeHeld(channel: ChannelOutbox, id: string): Message | undefined {
  const held = channel.held;
  if (held === null) return undefined;
  const at = held.findIndex((message) => message.id === id);
  if (at < 0) return undefined;
  const [message] = held.splice(at, 1);
  if (held.length === 0) channel.held = null;
  return message;
}

/**
 * The message an event (update, delete, reaction) is for: cached, or my own create held until its
 * send's answer comes. An event for a held create applies there, or it would be lost once the
 * create is listed. Held creates are looked at only while a send of mine awaits (one number read).
 */
export function findMessageOrHeld(conn: ServerConnection, messageId: string, channelId: string): Message | undefined {
  const cached = conn.cache.findMessage(messageId, channelId);
  if (cached !== undefined || conn.outbox.awaiting === 0) return cached;
  return conn.outbox.channels.get(channelId)?.held?.find((message) => message.id === messageId);
}

/**
 * A held create of mine was deleted: it leaves the held list (never released) and its id is kept
 * until nothing in the channel awaits, so the answer of the send it was is not listed either.
 * Returns whether one was held.
 */
export function dropHeld(conn: ServerConnection, channelId: string, messageId: string): boolean {
  if (conn.outbox.awaiting === 0) return false;
  const channel = conn.outbox.channels.get(channelId);
  if (!channel || takeHeld(channel, messageId) === undefined) return false;
  channel.deletedHeld.add(messageId);
  return true;
}

/** A held create matching `test`, without taking it. */
export function findHeld(channel: ChannelOutbox, test: (message: Message) => boolean): Message | undefined {
  return channel.held?.find(test);
}

/** Everything held, oldest id first, and nothing held afterwards. */
export function releaseHeld(channel: ChannelOutbox): Message[] {
  const held = channel.held;
  channel.held = null;
  return held === null ? [] : held.sort((a, b) => compareIds(a.id, b.id));
}

/** A send starts awaiting an answer: my creates in its channel are held from now on. */
export function beginAwaiting(outbox: Outbox, channel: ChannelOutbox): void {
  channel.awaiting++;
  outbox.awaiting++;
}

/**
 * A send no longer awaits. Returns the held creates due now (all of them once nothing in the
 * channel awaits), oldest first.
 */
export function endAwaiting(outbox: Outbox, channel: ChannelOutbox): Message[] {
  if (channel.awaiting > 0) {
    channel.awaiting--;
    outbox.awaiting--;
  }
  if (channel.awaiting !== 0) return [];
  if (channel.deletedHeld.size !== 0) channel.deletedHeld.clear();
  return releaseHeld(channel);
}
