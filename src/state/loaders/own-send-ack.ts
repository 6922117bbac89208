import type { ServerConnection } from '../connection.js';
import type { StateContext } from '../context.js';
import { attempt } from './attempt.js';

/**
 * My own send marks its channel read up to it (`POST /channels/{id}/ack`): otherwise the server
 * lists a channel whose newest message is mine as unread after a reload. The server answers with
 * `read_state.update` to all my sessions, which clears unread here too (handlers/read-states.ts).
 * Best effort: a failure is logged and the next ack covers it.
 *
 * Join point: when the store's `markRead` (read-state) lands, this can become its
 * "ack this message id" step.
 */
export function ackOwnSend(ctx: StateContext, conn: ServerConnection, channelId: string, messageId: string): void {
  if (conn.removed) return;
  void attempt(ctx, `acking my message in ${channelId}`, () => conn.client.rest.ackMessage(channelId, messageId));
}
