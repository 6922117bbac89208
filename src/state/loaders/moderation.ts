import type { Ban, Invite } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import type { StateContext } from '../context.js';
import type { LazySpaceCache } from '../lazy-space-cache.js';
import { attempt, stale } from './attempt.js';

/** Bans and invites load on first ask; events that arrive meanwhile are replayed over the answer. */
function loadLazy<T>(
  ctx: StateContext,
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

export function loadBans(ctx: StateContext, conn: ServerConnection, spaceId: string): Promise<void> {
  return loadLazy<Ban>(ctx, conn, spaceId, conn.cache.bans, () => conn.client.rest.listBans(spaceId), 'bansUpdated');
}

export function loadInvites(ctx: StateContext, conn: ServerConnection, spaceId: string): Promise<void> {
  return loadLazy<Invite>(ctx, conn, spaceId, conn.cache.invites, () => conn.client.rest.listInvites(spaceId), 'invitesUpdated');
}
