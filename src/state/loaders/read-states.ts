import type { ServerConnection } from '../connection.js';
import type { StateContext } from '../context.js';
import type { ReadStateFetch } from '../in-flight.js';
import { addServerUnread } from '../mutations/read-states.js';
import { emitUnreadChanged } from '../read-position.js';
import { attempt, stale } from './attempt.js';

/**
 * One GET /users/@me/read-states per connection at a time (the spaces loading share it), with
 * the channels acked (read_state.update) while it was in flight.
 */
function fetchReadStates(conn: ServerConnection): ReadStateFetch {
  const inFlight = conn.inFlight;
  const running = inFlight.readStateFetch;
  if (running && running.generation === conn.generation) return running;
  const acked = inFlight.readStateTouches.begin();
  const fetch: ReadStateFetch = { generation: conn.generation, answer: conn.client.rest.listReadStates(), acked };
  inFlight.readStateFetch = fetch;
  const done = (): void => {
    inFlight.readStateTouches.end(acked);
    if (inFlight.readStateFetch === fetch) inFlight.readStateFetch = null;
  };
  fetch.answer.then(done, done);
  return fetch;
}

/**
 * Marks the space's unread channels (with their mention counts) from the server's read states.
 * Only adds: a channel an event marked meanwhile stays marked, and one acked meanwhile (by
 * another session of mine) stays read.
 */
export function loadReadStates(ctx: StateContext, conn: ServerConnection, spaceId: string): Promise<void> {
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
      if (addServerUnread(cache, entry)) emitUnreadChanged(ctx, cache, channelId);
    }
  });
}
