import type { ServerConnection } from '../connection.js';
import type { StateContext } from '../context.js';
import type { ReadStateFetch } from '../in-flight.js';
import { addServerUnread } from '../mutations/read-states.js';
import { emitUnreadChanged } from '../read-position.js';
import { attempt, stale } from './attempt.js';

/** Sends one GET /users/@me/read-states, recording the channels acked (read_state.update) while it is in flight. */
function startFetch(conn: ServerConnection): ReadStateFetch {
  const inFlight = conn.inFlight;
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
 * The read states for a space whose channels just became known. A GET already in flight may have
 * been sent before that: its answer can lack a message posted in them meanwhile, which no event
 * told either (the channels were unknown). So a space shares only a GET sent after it asked: the
 * one that follows the GET in flight, shared by every space that asks meanwhile.
 */
function fetchReadStates(conn: ServerConnection): Promise<ReadStateFetch> {
  const inFlight = conn.inFlight;
  const following = inFlight.readStateFollowing;
  if (following !== null && following.generation === conn.generation) return following.fetch;
  const running = inFlight.readStateFetch;
  if (running === null || running.generation !== conn.generation) return Promise.resolve(startFetch(conn));
  const after = running.answer.then(
    () => undefined,
    () => undefined,
  );
  const next = {
    generation: conn.generation,
    fetch: after.then((): ReadStateFetch => {
      if (inFlight.readStateFollowing === next) inFlight.readStateFollowing = null;
      // Nobody to ask for any more: the loads that wait see a stale connection and stop.
      if (conn.removed || conn.generation !== next.generation) return { generation: next.generation, answer: Promise.resolve([]), acked: new Set() };
      return startFetch(conn);
    }),
  };
  inFlight.readStateFollowing = next;
  return next.fetch;
}

/**
 * Marks the space's unread channels (with their mention counts) from the server's read states.
 * Only adds: a channel an event marked meanwhile stays marked, and one acked meanwhile (by
 * another session of mine) stays read.
 */
export function loadReadStates(ctx: StateContext, conn: ServerConnection, spaceId: string): Promise<void> {
  const generation = conn.generation;
  return attempt(ctx, `loading read states of ${spaceId}`, async () => {
    const fetch = await fetchReadStates(conn);
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
