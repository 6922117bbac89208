import { badRequest, forbidden } from '../errors.js';
import { compareIds } from '../ids.js';
import { isMember } from '../permissions.js';
import type { ChannelRecord, MessageRecord } from '../records.js';
import { EVENT_VIEW, READ_VIEW, toMessage } from '../serialize.js';
import type { Tables } from '../tables.js';
import { pairKey, reactionKey } from '../tables.js';
import { storedTime } from '../time.js';
import type { Message } from '../wire.js';
import {
  canManageMessages,
  requireChannelAccess,
  requireChannelPermission,
  requireMessage,
  requireNotTimedOut,
} from './access.js';
import type { ServiceContext } from './context.js';
import { publishForChannel } from './context.js';
import type { Body } from './validate.js';
import { checkLength, optString, reqString } from './validate.js';

const MAX_CONTENT_BYTES = 4000;
/**
 * Security fix: the real server bounds embeds by count only (10), so one member could fan
 * megabytes out to every reader of a channel; ours also bounds their JSON size per message.
 */
export const MAX_EMBEDS_BYTES = 16 * 1024;

function mentionsIn(ctx: ServiceContext, channel: ChannelRecord, content: string): string[] {
  if (channel.space_id === null) return [];
  const spaceId = channel.space_id;
  const ids = new Set<string>();
  for (const match of content.matchAll(/@([a-z0-9_.]{1,32})/g)) {
    const user = match[1] ? ctx.data.tables.users.where('username', match[1])[0] : undefined;
    if (user && isMember(ctx.data.tables, spaceId, user.id)) ids.add(user.id);
  }
  return [...ids];
}

export interface NewMessage {
  content: string;
  type?: string;
  tts?: boolean;
  embeds?: unknown[];
  replyTo?: string | null;
  threadId?: string | null;
  title?: string | null;
}

/** Stores a message, bumps the channel and mention counts, and announces `message.create`. */
export function insertMessage(ctx: ServiceContext, channel: ChannelRecord, authorId: string, input: NewMessage): MessageRecord {
  const { tables, clock } = ctx.data;
  const now = clock.now();
  const threadId = input.threadId ?? null;
  const record = tables.messages.put({
    id: ctx.data.nextId(),
    channel_id: channel.id,
    space_id: channel.space_id,
    author_id: authorId,
    content: input.content,
    type: input.type ?? 'default',
    timestamp: storedTime(now),
    edited_at: null,
    tts: input.tts ?? false,
    pinned: false,
    pinned_at: null,
    mention_everyone: /@(everyone|here)\b/.test(input.content),
    mentions: mentionsIn(ctx, channel, input.content),
    mention_roles: [],
    embeds: input.embeds ?? [],
    reply_to: input.replyTo ?? null,
    flags: 0,
    webhook_id: null,
    thread_id: threadId,
    title: input.title ?? null,
    created_at_ms: now,
  });
  if (threadId === null) tables.channels.put({ ...channel, last_message_id: record.id });
  for (const userId of record.mentions) {
    if (userId === authorId) continue;
    const key = pairKey(userId, channel.id);
    const state = tables.readStates.get(key);
    tables.readStates.put({
      user_id: userId,
      channel_id: channel.id,
      last_read_message_id: state?.last_read_message_id ?? null,
      mention_count: (state?.mention_count ?? 0) + 1,
    });
  }
  publishForChannel(ctx, 'message.create', toMessage(tables, record, null, EVENT_VIEW), channel);
  if (threadId !== null) {
    const parent = tables.messages.get(threadId);
    if (parent) {
      const update = { ...toMessage(tables, parent, null, EVENT_VIEW), reply_count: tables.messages.countWhere('thread', parent.id) };
      publishForChannel(ctx, 'message.update', update, channel);
    }
  }
  return record;
}

function checkContent(content: string): string {
  if (Buffer.byteLength(content, 'utf8') > MAX_CONTENT_BYTES) {
    throw badRequest(`message content must be at most ${MAX_CONTENT_BYTES} characters`);
  }
  return content;
}

function readEmbeds(body: Body): unknown[] | undefined {
  const embeds = body.embeds;
  if (embeds === undefined || embeds === null) return undefined;
  if (!Array.isArray(embeds) || embeds.some((e) => typeof e !== 'object' || e === null)) {
    throw badRequest('embeds must be an array of objects');
  }
  if (embeds.length > 10) throw badRequest('a message can have at most 10 embeds');
  if (Buffer.byteLength(JSON.stringify(embeds), 'utf8') > MAX_EMBEDS_BYTES) {
    throw badRequest(`embeds must total at most ${MAX_EMBEDS_BYTES} bytes of JSON`);
  }
  return embeds as unknown[];
}

export function createMessage(ctx: ServiceContext, userId: string, channelId: string, body: Body): Message {
  const channel = requireChannelPermission(ctx, channelId, userId, 'send_messages');
  requireNotTimedOut(ctx, channel, userId);
  const content = checkContent(reqString(body, 'content'));
  const embeds = readEmbeds(body);
  if (content.trim() === '' && !embeds?.length) throw badRequest('message content must not be empty');
  const replyTo = optString(body, 'reply_to');
  if (replyTo !== undefined) requireMessage(ctx, replyTo, channel.id);
  const threadId = optString(body, 'thread_id');
  if (threadId !== undefined) {
    requireMessage(ctx, threadId, channel.id);
    requireChannelPermission(ctx, channelId, userId, 'send_in_threads');
  }
  const title = optString(body, 'title');
  const tts = body.tts === true;
  const record = insertMessage(ctx, channel, userId, {
    content,
    tts,
    embeds,
    replyTo: replyTo ?? null,
    threadId: threadId ?? null,
    title: title === undefined ? null : checkLength('title', title, 1, 100),
  });
  return toMessage(ctx.data.tables, record, userId, EVENT_VIEW);
}

export function getMessage(ctx: ServiceContext, userId: string, channelId: string, messageId: string): Message {
  requireChannelPermission(ctx, channelId, userId, 'read_history');
  return toMessage(ctx.data.tables, requireMessage(ctx, messageId, channelId), userId, READ_VIEW);
}

export function editMessage(ctx: ServiceContext, userId: string, channelId: string, messageId: string, body: Body): Message {
  const channel = requireChannelAccess(ctx, channelId, userId);
  const message = requireMessage(ctx, messageId, channelId);
  if (message.author_id !== userId && !canManageMessages(ctx, channel, userId)) {
    throw forbidden('you can only edit your own messages');
  }
  const next: MessageRecord = { ...message };
  const content = optString(body, 'content');
  if (content !== undefined) {
    next.content = checkContent(content);
    next.mentions = mentionsIn(ctx, channel, content);
    next.mention_everyone = /@(everyone|here)\b/.test(content);
  }
  const embeds = readEmbeds(body);
  if (embeds !== undefined) next.embeds = embeds;
  const title = optString(body, 'title');
  if (title !== undefined) next.title = checkLength('title', title, 0, 100);
  if (content !== undefined || embeds !== undefined || title !== undefined) {
    next.edited_at = storedTime(ctx.data.clock.now());
  }
  ctx.data.tables.messages.put(next);
  // QUIRK kept: message.update carries reactions: null and reply_count: 0 (clients merge).
  const event = toMessage(ctx.data.tables, next, null, EVENT_VIEW);
  publishForChannel(ctx, 'message.update', event, channel);
  return event;
}

/** Deletes the message row and its reactions, nothing else. */
export function deleteMessageRows(tables: Tables, messageId: string): void {
  for (const r of tables.reactions.where('message', messageId)) tables.reactions.delete(reactionKey(r.message_id, r.emoji, r.user_id));
  tables.messages.delete(messageId);
}

/** Removes a message, its reactions, and fixes the channel's last_message_id. No event. */
export function removeMessage(ctx: ServiceContext, message: MessageRecord): void {
  const { tables } = ctx.data;
  deleteMessageRows(tables, message.id);
  const channel = tables.channels.get(message.channel_id);
  if (channel && channel.last_message_id === message.id) {
    const newest = topLevel(ctx, channel.id).at(-1)?.id ?? null;
    tables.channels.put({ ...channel, last_message_id: newest });
  }
}

export function deleteMessage(ctx: ServiceContext, userId: string, channelId: string, messageId: string): void {
  const channel = requireChannelAccess(ctx, channelId, userId);
  const message = requireMessage(ctx, messageId, channelId);
  if (message.author_id !== userId && !canManageMessages(ctx, channel, userId)) {
    throw forbidden('you can only delete your own messages');
  }
  removeMessage(ctx, message);
  publishForChannel(ctx, 'message.delete', { id: message.id, channel_id: channel.id, space_id: channel.space_id }, channel);
}

/** Deletes up to 100 messages; announces `message.delete_bulk` (the real server is silent). */
export function bulkDeleteMessages(ctx: ServiceContext, userId: string, channelId: string, body: Body): void {
  const channel = requireChannelPermission(ctx, channelId, userId, 'manage_messages');
  const ids = body.messages;
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) {
    throw badRequest('messages must be an array of message ids');
  }
  if (ids.length === 0 || ids.length > 100) throw badRequest('messages must hold 1 to 100 ids');
  const deleted: string[] = [];
  for (const id of new Set(ids as string[])) {
    const message = ctx.data.tables.messages.get(id);
    if (!message || message.channel_id !== channel.id) continue;
    removeMessage(ctx, message);
    deleted.push(id);
  }
  if (deleted.length > 0) {
    publishForChannel(ctx, 'message.delete_bulk', { channel_id: channel.id, space_id: channel.space_id, ids: deleted }, channel);
  }
}

/** Top-level messages of a channel, oldest first. */
export function topLevel(ctx: ServiceContext, channelId: string): MessageRecord[] {
  return ctx.data.tables.messages
    .where('channel', channelId)
    .filter((m) => m.thread_id === null)
    .sort((a, b) => compareIds(a.id, b.id));
}
