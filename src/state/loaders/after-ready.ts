import type { ReadyData } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import type { StateContext } from '../context.js';
import type { ReadyCarryOver } from '../mutations/ready.js';
import { refreshMessages } from './messages.js';
import { loadBans, loadInvites } from './moderation.js';
import { loadChannels, loadDmChannels, loadMembers, loadRoles } from './spaces.js';
import { reloadThreads } from './threads.js';

/**
 * READY was hydrated: fills over REST what it lacked, refreshes the data a rebuild carried over,
 * then resolves the connection's `ready` (unless a newer READY started meanwhile).
 */
export function fillAfterReady(ctx: StateContext, conn: ServerConnection, data: ReadyData, carry: ReadyCarryOver): void {
  const cache = conn.cache;
  const generation = conn.generation;
  const tasks: Promise<void>[] = [];
  for (const spaceId of cache.spaces.keys()) {
    if (!cache.spaceChannels.get(spaceId)?.size) tasks.push(loadChannels(ctx, conn, spaceId));
    if (!cache.members.get(spaceId)?.size) tasks.push(loadMembers(ctx, conn, spaceId));
    if (!cache.roles.has(spaceId)) tasks.push(loadRoles(ctx, conn, spaceId));
  }
  if (!data.is_guest && data.dm_channels.length === 0) tasks.push(loadDmChannels(ctx, conn));
  for (const channelId of carry.previousMessages.keys()) {
    if (cache.isKnownChannel(channelId)) tasks.push(refreshMessages(ctx, conn, channelId));
    else ctx.emit('messagesUpdated', channelId);
  }
  tasks.push(...reloadThreads(ctx, conn, carry.loadedThreads));
  for (const spaceId of carry.bansLoaded) if (cache.spaces.has(spaceId)) tasks.push(loadBans(ctx, conn, spaceId));
  for (const spaceId of carry.invitesLoaded) if (cache.spaces.has(spaceId)) tasks.push(loadInvites(ctx, conn, spaceId));
  if (tasks.length === 0) {
    conn.resolveReady();
    return;
  }
  void Promise.all(tasks).then(() => {
    if (conn.generation === generation) conn.resolveReady();
  });
}
