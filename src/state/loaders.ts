import type { Ban, Invite, Message } from '../models/index.js';
import type { Logger } from '../util/logger.js';
import type { ServerConnection } from './connection.js';
import type { LazySpaceCache } from './lazy-space-cache.js';
import { compareIds } from './merge.js';
import { byPosition } from './handlers/roles.js';
import { mergeUser } from './handlers/presence-users.js';
import type { StoreSignalName, StoreSignals } from './types.js';

/**
 * REST fill-ins: what READY lacks, unknown users, history, bans and invites. Every loader drops
 * its answer when the connection was removed or rebuilt by a newer READY meanwhile.
 */
export interface LoaderContext {
  readonly logger: Logger;
  readonly messageCap: number;
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

/** One request per unknown user id per READY generation; concurrent askers share it. */
export function requestUser(ctx: LoaderContext, conn: ServerConnection, userId: string): Promise<void> {
  const cache = conn.cache;
  const pending = cache.userFetches.get(userId);
  if (pending) return pending;
  const generation = conn.generation;
  const fetch = attempt(ctx, `fetching user ${userId}`, async () => {
    const user = await conn.client.rest.getUser(userId);
    if (stale(conn, generation)) return;
    if (!cache.users.has(user.id)) cache.putUser(user);
    cache.linkMembers(user.id);
    ctx.emit('userUpdated', userId);
  });
  cache.userFetches.set(userId, fetch);
  return fetch;
}

export function loadChannels(ctx: LoaderContext, conn: ServerConnection, spaceId: string): Promise<void> {
  const generation = conn.generation;
  return attempt(ctx, `loading channels of ${spaceId}`, async () => {
    const channels = await conn.client.rest.listSpaceChannels(spaceId);
    if (stale(conn, generation) || !conn.cache.spaces.has(spaceId)) return;
    for (const channel of channels) {
      if (!channel.space_id) channel.space_id = spaceId;
      if (!conn.cache.channels.has(channel.id)) conn.cache.setChannel(channel);
    }
    ctx.emit('channelsUpdated', spaceId);
  });
}

/** Members that events added meanwhile win over the (older) REST page. */
export function loadMembers(ctx: LoaderContext, conn: ServerConnection, spaceId: string): Promise<void> {
  const generation = conn.generation;
  return attempt(ctx, `loading members of ${spaceId}`, async () => {
    const members = await conn.client.rest.listMembers(spaceId);
    if (stale(conn, generation) || !conn.cache.spaces.has(spaceId)) return;
    const cached = conn.cache.membersOf(spaceId);
    for (const member of members) {
      if (member.user) mergeUser(conn, member.user);
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
 * Replaces a channel's messages with the newest `messageCap` over REST (oldest first), keeping
 * any that arrived live after the page was read.
 */
export function refreshMessages(ctx: LoaderContext, conn: ServerConnection, channelId: string): Promise<void> {
  const generation = conn.generation;
  return attempt(ctx, `loading messages of ${channelId}`, async () => {
    const page = await conn.client.rest.listMessages(channelId, { limit: Math.min(ctx.messageCap, 100) });
    if (stale(conn, generation) || !conn.cache.isKnownChannel(channelId)) return;
    const cache = conn.cache;
    const fresh: Message[] = page.filter((message) => message.channel_id === channelId).sort((a, b) => compareIds(a.id, b.id));
    const newest = fresh[fresh.length - 1]?.id;
    const list = cache.messageList(channelId);
    for (const message of list.toArray()) if (newest === undefined || compareIds(message.id, newest) > 0) fresh.push(message);
    list.reset(fresh, ctx.messageCap);
    for (const message of list.toArray()) if (!cache.users.has(message.author_id)) void requestUser(ctx, conn, message.author_id);
    ctx.emit('messagesUpdated', channelId);
  });
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

/** I joined a space this connection did not hold: load the space and what lives in it. */
export function loadSpace(ctx: LoaderContext, conn: ServerConnection, spaceId: string): Promise<void> {
  const cache = conn.cache;
  if (cache.spaces.has(spaceId) || cache.spaceLoads.has(spaceId)) return Promise.resolve();
  cache.spaceLoads.add(spaceId);
  const generation = conn.generation;
  return attempt(ctx, `loading space ${spaceId}`, async () => {
    try {
      const space = await conn.client.rest.getSpace(spaceId);
      if (stale(conn, generation)) return;
      cache.setSpace(space);
      ctx.emit('spacesUpdated');
      await Promise.all([loadChannels(ctx, conn, spaceId), loadMembers(ctx, conn, spaceId), loadRoles(ctx, conn, spaceId)]);
    } finally {
      cache.spaceLoads.delete(spaceId);
    }
  });
}
