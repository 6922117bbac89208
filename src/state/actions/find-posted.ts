import type { Message } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import { compareIds } from '../ids.js';
import { findHeld } from './held-creates.js';
import type { ChannelOutbox, PendingSend } from './outbox.js';

/** Server and client clocks differ: a match may be stamped this much before the first post. */
const CLOCK_SKEW_MS = 60_000;
/** How far back the newest page looks for a send whose answer was lost. */
const LOOK_BACK = 100;

/**
 * A send whose answer was lost may be on the server. Before posting it again the store looks for
 * it by author, content (with its thread and reply) and time: newer than the channel's newest
 * message when it was first posted and not already matched to another send.
 */
export function matchesSend(conn: ServerConnection, channel: ChannelOutbox, send: PendingSend, message: Message): boolean {
  if (message.channel_id !== send.channelId || message.author_id !== conn.userId || message.content !== send.content) return false;
  if ((message.thread_id ?? null) !== send.threadId || (message.reply_to ?? null) !== send.replyTo) return false;
  if (channel.claimed.has(message.id)) return false;
  if (send.floorId !== null && compareIds(message.id, send.floorId) <= 0) return false;
  const stamped = Date.parse(message.timestamp);
  return Number.isNaN(stamped) || send.firstPostAt === null || stamped >= send.firstPostAt - CLOCK_SKEW_MS;
}

function oldestMatch(conn: ServerConnection, channel: ChannelOutbox, send: PendingSend, messages: Iterable<Message>): Message | undefined {
  let found: Message | undefined;
  for (const message of messages) {
    if (matchesSend(conn, channel, send, message) && (found === undefined || compareIds(message.id, found.id) < 0)) found = message;
  }
  return found;
}

/**
 * Where the send may already be: my creates held meanwhile (the gateway's replay after a resume
 * lands there), the channel's cached list, then the channel's newest page over REST. Returns the
 * server's message, or undefined when it is not there (then it is safe to post again). Throws
 * when the page cannot be read.
 */
export async function findPosted(conn: ServerConnection, channel: ChannelOutbox, send: PendingSend): Promise<Message | undefined> {
  const held = findHeld(channel, (message) => matchesSend(conn, channel, send, message));
  if (held) return held;
  const cached = conn.cache.messages.get(send.channelId);
  const inList = cached ? oldestMatch(conn, channel, send, cached.toArray()) : undefined;
  if (inList) return inList;
  const options = send.threadId === null ? { limit: LOOK_BACK } : { limit: LOOK_BACK, thread_id: send.threadId };
  const page = await conn.client.rest.listMessages(send.channelId, options);
  return oldestMatch(conn, channel, send, page);
}
