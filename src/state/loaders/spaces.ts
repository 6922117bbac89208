import type { ServerConnection } from '../connection.js';
import type { StateContext } from '../context.js';
import type { SpaceLoad } from '../in-flight.js';
import { addLoadedChannels, addLoadedDmChannel } from '../mutations/channels.js';
import { addLoadedMember } from '../mutations/members.js';
import { setRoles } from '../mutations/roles.js';
import { mergeUser } from '../mutations/users.js';
import { attempt, stale } from './attempt.js';
import { loadReadStates } from './read-states.js';
import { requestUser } from './users.js';
import { loadVoiceStates } from './voice-states.js';

/**
 * A space's channels that READY did not carry (or that I just joined), with what READY would
 * have carried about them: which are unread, and who is in their voice channels.
 */
export function loadChannels(ctx: StateContext, conn: ServerConnection, spaceId: string): Promise<void> {
  const generation = conn.generation;
  return attempt(ctx, `loading channels of ${spaceId}`, async () => {
    const channels = await conn.client.rest.listSpaceChannels(spaceId);
    if (stale(conn, generation) || !conn.cache.spaces.has(spaceId)) return;
    const voiceChannelIds = addLoadedChannels(conn.cache, spaceId, channels);
    ctx.emit('channelsUpdated', spaceId);
    await Promise.all([loadReadStates(ctx, conn, spaceId), ...voiceChannelIds.map((channelId) => loadVoiceStates(ctx, conn, channelId))]);
  });
}

/** Members that events added meanwhile win over the (older) REST page. */
export function loadMembers(ctx: StateContext, conn: ServerConnection, spaceId: string): Promise<void> {
  const generation = conn.generation;
  return attempt(ctx, `loading members of ${spaceId}`, async () => {
    // With their users: a member's user is cached only through its space (READY or this load).
    const members = await conn.client.rest.listMembers(spaceId, { withUser: true });
    if (stale(conn, generation) || !conn.cache.spaces.has(spaceId)) return;
    const cache = conn.cache;
    for (const member of members) {
      if (member.user) mergeUser(cache, member.user);
      else if (!cache.users.has(member.user_id)) void requestUser(ctx, conn, member.user_id);
      addLoadedMember(cache, spaceId, member);
    }
    ctx.emit('membersUpdated', spaceId);
  });
}

export function loadRoles(ctx: StateContext, conn: ServerConnection, spaceId: string): Promise<void> {
  const generation = conn.generation;
  return attempt(ctx, `loading roles of ${spaceId}`, async () => {
    const roles = await conn.client.rest.listRoles(spaceId);
    if (stale(conn, generation) || !conn.cache.spaces.has(spaceId)) return;
    setRoles(conn.cache, spaceId, roles);
    ctx.emit('rolesUpdated', spaceId);
  });
}

export function loadDmChannels(ctx: StateContext, conn: ServerConnection): Promise<void> {
  const generation = conn.generation;
  return attempt(ctx, 'loading DM channels', async () => {
    const channels = await conn.client.rest.listDmChannels();
    if (stale(conn, generation)) return;
    for (const channel of channels) addLoadedDmChannel(conn.cache, channel);
    ctx.emit('dmChannelsUpdated');
  });
}

/**
 * I joined a space this connection did not hold: load the space and what lives in it. Leaving it
 * again before the space arrived cancels the load.
 */
export function loadSpace(ctx: StateContext, conn: ServerConnection, spaceId: string): Promise<void> {
  const cache = conn.cache;
  const inFlight = conn.inFlight;
  const generation = conn.generation;
  if (cache.spaces.has(spaceId) || inFlight.runningSpaceLoad(spaceId, generation)) return Promise.resolve();
  const load: SpaceLoad = { generation, cancelled: false };
  inFlight.spaceLoads.set(spaceId, load);
  return attempt(ctx, `loading space ${spaceId}`, async () => {
    try {
      const space = await conn.client.rest.getSpace(spaceId);
      if (stale(conn, generation) || load.cancelled) return;
      cache.setSpace(space);
      ctx.emit('spacesUpdated');
      await Promise.all([loadChannels(ctx, conn, spaceId), loadMembers(ctx, conn, spaceId), loadRoles(ctx, conn, spaceId)]);
    } finally {
      if (inFlight.spaceLoads.get(spaceId) === load) inFlight.spaceLoads.delete(spaceId);
    }
  });
}
