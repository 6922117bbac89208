import type { Ban, Invite, Message, UnreadChannel, User, VoiceState } from '../models/index.js';
import type { Logger } from '../util/logger.js';
import type { ServerConnection } from './connection.js';
import type { LazySpaceCache } from './lazy-space-cache.js';
import type { MessageList } from './message-list.js';
import { compareIds } from './merge.js';
import { byPosition } from './handlers/roles.js';
import { mergeUser } from './handlers/presence-users.js';
import { mergeMessageUpdate } from './handlers/messages.js';
import { applyReactionClear, applyReactionClearEmoji, applyReactionEvent } from './handlers/reactions.js';
import { closeJournal, openJournal, runningRefresh, type JournalEntry } from './handlers/refresh-journal.js';
import { beginSpaceLoad, endSpaceLoad, runningSpaceLoad } from './handlers/space-loads.js';
import { readStateTouches, voiceTouches } from './handlers/touch-log.js';
import { applyVoiceState } from './voice-states.js';
import type { StoreSignalName, StoreSignals } from './types.js';

/**
 * REST fill-ins: what READY lacks, unknown users, history, bans and invites. Every loader drops
 * its answer when the connection was removed or rebuilt by a newer READY meanwhile.
 */
export interface LoaderContext {
  readonly logger: Logger;
  readonly messageCap: number;
  /** The channel the UI shows: never marked unread. */
  readonly currentChannelId: string | null;
  emit<E extends StoreSignalName>(event: E, ...args: StoreSignals[E]): void;
}

function stale(conn: ServerConnection, generation: number): boolean {
  return conn.removed || conn.generation !== generation;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs a REST step; a failure is logged (the caches simply keep what they have). */
async function attempt(ctx: LoaderContext, what: string, step: () => Promise<void>): Promise<void> {
  try {
    await step();
  } catch (error) {
    ctx.logger.warn(`accordkit store: ${what} failed`, { error: describeError(error) });
  }
}

/** A failure the server did not decide (network, 5xx): asking again later may succeed. */
function transient(error: unknown): boolean {
  const status = typeof error === 'object' && error !== null ? (error as { status?: unknown }).status : undefined;
  return typeof status !== 'number' || status >= 500;
}

/**
 * One request per unknown user id per READY generation; concurrent askers share it. After a
 * transient failure the next ask tries again.
 */
export function requestUser(ctx: LoaderContext, conn: ServerConnection, userId: string): Promise<void> {
  const cache = conn.cache;
  const pending = cache.userFetches.get(userId);
  if (pending) return pending;
  const generation = conn.generation;
  const fetch = attempt(ctx, `fetching user ${userId}`, async () => {
    let user: User;
    try {
      user = await conn.client.rest.getUser(userId);
    } catch (error) {
      if (transient(error) && cache.userFetches.get(userId) === fetch) cache.userFetches.delete(userId);
      throw error;
    }
    if (stale(conn, generation)) return;
    if (!cache.users.has(user.id)) cache.putUser(user);
    cache.linkMembers(user.id);
    ctx.emit('userUpdated', userId);
  });
  cache.userFetches.set(userId, fetch);
  return fetch;
}

/**
 * A space's channels that READY did not carry (or that I just joined), with what READY would
 * have carried about them: which are unread, and who is in their voice channels.
 */
export function loadChannels(ctx: LoaderContext, conn: ServerConnection, spaceId: string): Promise<void> {
  const generation = conn.generation;
  return attempt(ctx, `loading channels of ${spaceId}`, async () => {
    const channels = await conn.client.rest.listSpaceChannels(spaceId);
    if (stale(conn, generation) || !conn.cache.spaces.has(spaceId)) return;
    const voiceChannelIds: string[] = [];
    for (const channel of channels) {
      if (!channel.space_id) channel.space_id = spaceId;
      if (!conn.cache.channels.has(channel.id)) conn.cache.setChannel(channel);
      if (channel.type === 'voice') voiceChannelIds.push(channel.id);
    }
    ctx.emit('channelsUpdated', spaceId);
    await Promise.all([loadReadStates(ctx, conn, spaceId), ...voiceChannelIds.map((channelId) => loadVoiceStates(ctx, conn, channelId))]);
  });
}

/**
 * One GET /users/@me/read-states per connection at a time (the spaces loading share it), with
 * the channels acked (read_state.update) while it was in flight.
 */
interface ReadStateFetch {
  readonly generation: number;
  readonly answer: Promise<UnreadChannel[]>;
  readonly acked: Set<string>;
}

const readStateFetches = new WeakMap<ServerConnection, ReadStateFetch>();

function fetchReadStates(conn: ServerConnection): ReadStateFetch {
  const running = readStateFetches.get(conn);
  if (running && running.generation === conn.generation) return running;
  const acked = readStateTouches.begin(conn);
  const fetch: ReadStateFetch = { generation: conn.generation, answer: conn.client.rest.listReadStates(), acked };
  readStateFetches.set(conn, fetch);
  const done = (): void => {
    readStateTouches.end(conn, acked);
    if (readStateFetches.get(conn) === fetch) readStateFetches.delete(conn);
  };
  fetch.answer.then(done, done);
  return fetch;
}

/**
 * Marks the space's unread channels (with their mention counts) from the server's read states.
 * Only adds: a channel an event marked meanwhile stays marked, and one acked meanwhile (by
 * another session of mine) stays read.
 */
export function loadReadStates(ctx: LoaderContext, conn: ServerConnection, spaceId: string): Promise<void> {
  const generation = conn.generation;
  return attempt(ctx, `loading read states of ${spaceId}`, async () => {
    const fetch = fetchReadStates(conn);
    const entries = await fetch.answer;
    if (stale(conn, generation) || !conn.cache.spaces.has(spaceId)) return;
    const cache = conn.cache;
    for (const entry of entries) {
      const channelId = entry.channel_id;
      if (cache.channels.get(channelId)?.space_id !== spaceId) continue;
      if (channelId === ctx.currentChannelId || fetch.acked.has(channelId)) continue;
      const wasUnread = cache.unread.has(channelId);
      cache.unread.add(channelId);
      const mentions = cache.mentions.get(channelId) ?? 0;
      if (entry.mention_count > mentions) cache.mentions.set(channelId, entry.mention_count);
      if (!wasUnread || entry.mention_count > mentions) ctx.emit('messagesUpdated', channelId);
    }
  });
}

/**
 * Sets a voice channel's occupants from GET voice-status. A user whose voice state an event set
 * meanwhile keeps it (the event may be newer than the answer).
 */
export function loadVoiceStates(ctx: LoaderContext, conn: ServerConnection, channelId: string): Promise<void> {
  const generation = conn.generation;
  const touched = voiceTouches.begin(conn);
  return attempt(ctx, `loading voice states of ${channelId}`, async () => {
    let states: VoiceState[];
    try {
      states = await conn.client.rest.listVoiceStates(channelId);
    } finally {
      voiceTouches.end(conn, touched);
    }
    if (stale(conn, generation) || !conn.cache.channels.has(channelId)) return;
    const cache = conn.cache;
    const present = new Set<string>();
    let changed = false;
    for (const state of states) {
      if (state.channel_id !== channelId) continue;
      present.add(state.user_id);
      if (touched.has(state.user_id)) continue;
      const move = applyVoiceState(cache, state);
      if (move.from !== null && move.from !== channelId) ctx.emit('voiceStateUpdated', move.from);
      changed = true;
    }
    for (const [userId, state] of cache.voiceByChannel.get(channelId) ?? []) {
      if (present.has(userId) || touched.has(userId)) continue;
      applyVoiceState(cache, { ...state, channel_id: null });
      changed = true;
    }
    if (changed) ctx.emit('voiceStateUpdated', channelId);
  });
}

/** Members that events added meanwhile win over the (older) REST page. */
export function loadMembers(ctx: LoaderContext, conn: ServerConnection, spaceId: string): Promise<void> {
  const generation = conn.generation;
  return attempt(ctx, `loading members of ${spaceId}`, async () => {
    // With their users: a member's user is cached only through its space (READY or this load).
    const members = await conn.client.rest.listMembers(spaceId, { withUser: true });
    if (stale(conn, generation) || !conn.cache.spaces.has(spaceId)) return;
    const cached = conn.cache.membersOf(spaceId);
    for (const member of members) {
      if (member.user) mergeUser(conn, member.user);
      else if (!conn.cache.users.has(member.user_id)) void requestUser(ctx, conn, member.user_id);
      if (cached.has(member.user_id)) continue;
      member.space_id = spaceId;
      member.status = conn.cache.statusOf(member.user_id);
      conn.cache.linkUser(member);
      cached.set(member.user_id, member);
    }
    ctx.emit('membersUpdated', spaceId);
  });
}

export function loadRoles(ctx: LoaderContext, conn: ServerConnection, spaceId: string): Promise<void> {
  const generation = conn.generation;
  return attempt(ctx, `loading roles of ${spaceId}`, async () => {
    const roles = await conn.client.rest.listRoles(spaceId);
    if (stale(conn, generation) || !conn.cache.spaces.has(spaceId)) return;
    conn.cache.roles.set(spaceId, roles.slice().sort(byPosition));
    ctx.emit('rolesUpdated', spaceId);
  });
}

export function loadDmChannels(ctx: LoaderContext, conn: ServerConnection): Promise<void> {
  const generation = conn.generation;
  return attempt(ctx, 'loading DM channels', async () => {
    const channels = await conn.client.rest.listDmChannels();
    if (stale(conn, generation)) return;
    for (const channel of channels) {
      for (const recipient of channel.recipients ?? []) mergeUser(conn, recipient);
      if (!conn.cache.dmChannels.has(channel.id)) conn.cache.setChannel(channel);
    }
    ctx.emit('dmChannelsUpdated');
  });
}

/**
 * Replaces a channel's messages with the newest `messageCap` over REST (oldest first). The page
 * is the truth for its range: a cached message it lacks was deleted (possibly while this
 * connection was away) and goes. Message events that arrived while the page was in flight are
 * re-applied on top of it, in order (the page may predate them). Concurrent refreshes of one
 * channel share the request.
 */
export function refreshMessages(ctx: LoaderContext, conn: ServerConnection, channelId: string): Promise<void> {
  const running = runningRefresh(conn, channelId);
  if (running?.promise) return running.promise;
  const generation = conn.generation;
  const limit = Math.min(ctx.messageCap, 100);
  const journal = openJournal(conn, channelId);
  journal.promise = attempt(ctx, `loading messages of ${channelId}`, async () => {
    let page: Message[];
    try {
      page = await conn.client.rest.listMessages(channelId, { limit });
    } finally {
      closeJournal(conn, channelId, journal);
    }
    if (stale(conn, generation) || !conn.cache.isKnownChannel(channelId)) return;
    replaceWithPage(ctx, conn, channelId, page, limit, journal.entries);
    const cache = conn.cache;
    for (const message of cache.messageList(channelId).toArray()) {
      if (!cache.users.has(message.author_id)) void requestUser(ctx, conn, message.author_id);
    }
    ctx.emit('messagesUpdated', channelId);
  });
  return journal.promise;
}

function replaceWithPage(
  ctx: LoaderContext,
  conn: ServerConnection,
  channelId: string,
  page: readonly Message[],
  limit: number,
  journal: readonly JournalEntry[],
): void {
  const list = conn.cache.messageList(channelId);
  const fresh = page.filter((message) => message.channel_id === channelId);
  const ids = new Set(fresh.map((message) => message.id));
  // A full page ends where the cap may reach further back (messageCap > 100): older cached
  // messages are outside its range, neither confirmed nor refuted, and stay.
  if (fresh.length >= limit && ctx.messageCap > limit) {
    const oldest = fresh.reduce((min, message) => (compareIds(message.id, min) < 0 ? message.id : min), fresh[0]?.id ?? '');
    for (const message of list.toArray()) {
      if (compareIds(message.id, oldest) < 0 && !ids.has(message.id)) {
        fresh.push(message);
        ids.add(message.id);
      }
    }
  }
  for (const entry of journal) {
    if (entry.kind === 'create' && !ids.has(entry.message.id)) {
      fresh.push(entry.message);
      ids.add(entry.message.id);
    }
  }
  list.reset(fresh.sort((a, b) => compareIds(a.id, b.id)), ctx.messageCap);
  for (const entry of journal) replayEntry(ctx, conn, list, entry);
}

/** Re-applies one journaled event to the refreshed list (creates were merged in already). */
function replayEntry(ctx: LoaderContext, conn: ServerConnection, list: MessageList, entry: JournalEntry): void {
  switch (entry.kind) {
    case 'create':
      return;
    case 'update': {
      const cached = list.get(entry.message.id);
      if (cached && cached !== entry.message) mergeMessageUpdate(cached, entry.message);
      return;
    }
    case 'delete':
      if (entry.ids.length === 1) list.remove(entry.ids[0] ?? '');
      else list.removeIds(new Set(entry.ids));
      return;
    case 'reaction.add':
    case 'reaction.remove':
      return applyReactionEvent(ctx, conn, entry.data, entry.kind === 'reaction.add');
    case 'reaction.clear':
      return applyReactionClear(ctx, conn, entry.data);
    case 'reaction.clear_emoji':
      return applyReactionClearEmoji(ctx, conn, entry.data);
  }
}

function loadLazy<T>(
  ctx: LoaderContext,
  conn: ServerConnection,
  spaceId: string,
  cache: LazySpaceCache<T>,
  fetch: () => Promise<T[]>,
  signal: 'bansUpdated' | 'invitesUpdated',
): Promise<void> {
  const generation = conn.generation;
  cache.beginLoad(spaceId);
  return attempt(ctx, `loading ${signal === 'bansUpdated' ? 'bans' : 'invites'} of ${spaceId}`, async () => {
    try {
      const items = await fetch();
      if (stale(conn, generation) || !conn.cache.spaces.has(spaceId)) return;
      cache.finishLoad(spaceId, items);
      ctx.emit(signal, spaceId);
    } catch (error) {
      if (!stale(conn, generation)) cache.failLoad(spaceId);
      throw error;
    }
  });
}

export function loadBans(ctx: LoaderContext, conn: ServerConnection, spaceId: string): Promise<void> {
  return loadLazy<Ban>(ctx, conn, spaceId, conn.cache.bans, () => conn.client.rest.listBans(spaceId), 'bansUpdated');
}

export function loadInvites(ctx: LoaderContext, conn: ServerConnection, spaceId: string): Promise<void> {
  return loadLazy<Invite>(ctx, conn, spaceId, conn.cache.invites, () => conn.client.rest.listInvites(spaceId), 'invitesUpdated');
}

/**
 * I joined a space this connection did not hold: load the space and what lives in it. Leaving it
 * again before the space arrived cancels the load.
 */
export function loadSpace(ctx: LoaderContext, conn: ServerConnection, spaceId: string): Promise<void> {
  const cache = conn.cache;
  if (cache.spaces.has(spaceId) || runningSpaceLoad(conn, spaceId)) return Promise.resolve();
  const load = beginSpaceLoad(conn, spaceId);
  const generation = conn.generation;
  return attempt(ctx, `loading space ${spaceId}`, async () => {
    try {
      const space = await conn.client.rest.getSpace(spaceId);
      if (stale(conn, generation) || load.cancelled) return;
      cache.setSpace(space);
      ctx.emit('spacesUpdated');
      await Promise.all([loadChannels(ctx, conn, spaceId), loadMembers(ctx, conn, spaceId), loadRoles(ctx, conn, spaceId)]);
    } finally {
      endSpaceLoad(conn, spaceId, load);
    }
  });
}
