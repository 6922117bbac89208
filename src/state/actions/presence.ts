import { visibleStatus } from '../../models/index.js';
import type { Activity, PresenceStatus } from '../../protocol/index.js';
import type { ServerConnection } from '../connection.js';
import { describeError, type StateContext } from '../context.js';
import { setMemberStatus } from '../mutations/members.js';
import { setUserStatus } from '../mutations/users.js';
import { StoreActionError } from './action-error.js';

function isPresenceStatus(status: unknown): status is PresenceStatus {
  return status === 'online' || status === 'idle' || status === 'dnd' || status === 'invisible';
}

/**
 * `store.setPresence(status, activity?)`: op 8 on each connection (docs/protocol.md §1.15); my user's
 * status (`currentUser.status`, my member entries) follows at once, and the server's
 * `presence.update` echo confirms it. A connection that is down gets it when it is back with a
 * new session (a resumed one kept it). Rejects with a StoreActionError for an unknown status.
 */
export async function setPresence(
  ctx: StateContext,
  conns: readonly ServerConnection[],
  status: PresenceStatus,
  activity: Activity | null = null,
): Promise<void> {
  if (!isPresenceStatus(status)) throw new StoreActionError('invalid_argument', `setPresence: unknown status ${String(status)}`);
  const sends: Promise<void>[] = [];
  for (const conn of conns) {
    conn.presence = { status, activity };
    sends.push(sendPresence(ctx, conn));
    applyOwnStatus(ctx, conn);
  }
  await Promise.all(sends);
}

/** A new session (re-IDENTIFY) starts online: the presence I chose goes out again. */
export function reapplyPresence(ctx: StateContext, conn: ServerConnection): void {
  if (conn.presence === null) return;
  void sendPresence(ctx, conn);
  applyOwnStatus(ctx, conn);
}

async function sendPresence(ctx: StateContext, conn: ServerConnection): Promise<void> {
  const presence = conn.presence;
  if (presence === null || conn.client.gateway.state !== 'connected') return;
  try {
    await conn.client.gateway.updatePresence(presence.status, presence.activity);
  } catch (error) {
    ctx.logger.warn('accordkit store: presence update failed', { error: describeError(error) });
  }
}

function applyOwnStatus(ctx: StateContext, conn: ServerConnection): void {
  const presence = conn.presence;
  const userId = conn.userId;
  if (presence === null || userId === '') return;
  const status = visibleStatus(presence.status);
  if (setUserStatus(conn.cache, userId, status)) ctx.emit('userUpdated', userId);
  for (const members of conn.cache.members.values()) {
    const member = members.get(userId);
    if (member !== undefined && setMemberStatus(member, status)) ctx.emit('membersUpdated', member.space_id);
  }
}
