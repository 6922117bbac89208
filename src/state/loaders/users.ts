import type { User } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import type { StateContext } from '../context.js';
import { addFetchedUser } from '../mutations/users.js';
import { attempt, stale, transient } from './attempt.js';

/**
 * Fetches an unknown user: one request per id per READY generation; concurrent askers share it.
 * After a transient failure the next ask tries again.
 */
export function requestUser(ctx: StateContext, conn: ServerConnection, userId: string): Promise<void> {
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
    addFetchedUser(cache, user);
    ctx.emit('userUpdated', userId);
  });
  cache.userFetches.set(userId, fetch);
  return fetch;
}
