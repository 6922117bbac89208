import type { Logger } from '../util/logger.js';
import { resumeSends } from './actions/send.js';
import type { SendEnv } from './actions/send-queue.js';
import { reapplyPresence } from './actions/presence.js';
import type { ServerConnection } from './connection.js';
import { describeError, type StateContext } from './context.js';
import { eventHandlers, onDisconnected, onLost, onReconnecting } from './handlers/index.js';
import type { StoreClientEvents } from './store-client.js';

/**
 * Listens to the connection's client (its StoreClient port) and routes each event to its handler;
 * every listener is detached when the connection is removed.
 */
export function attachConnection(ctx: StateContext, sendEnv: SendEnv, conn: ServerConnection, logger: Logger): void {
  const client = conn.client;
  const listen = <E extends keyof StoreClientEvents>(event: E, listener: (...args: StoreClientEvents[E]) => void): void => {
    client.on(event, listener);
    conn.detachers.push(() => client.off(event, listener));
  };
  for (const [name, handler] of eventHandlers) {
    listen(name, (data: unknown) => {
      if (conn.removed) return;
      try {
        handler(ctx, conn, data);
      } catch (error) {
        logger.error(`accordkit store: handler for '${name}' threw`, { error: describeError(error) });
      }
    });
  }
  listen('disconnected', (code, reason) => {
    if (!conn.removed) onDisconnected(ctx, conn, code, reason);
  });
  listen('lost', (code, reason) => {
    if (!conn.removed) onLost(ctx, conn, code, reason);
  });
  listen('reconnecting', (attempt, max) => {
    if (!conn.removed) onReconnecting(ctx, conn, attempt, max);
  });
  // Waiting sends go once the lifecycle handlers (registered above) marked the connection connected.
  const sendWaiting = (): void => {
    if (!conn.removed) resumeSends(sendEnv, conn);
  };
  listen('ready', sendWaiting);
  listen('resumed', sendWaiting);
  listen('recovered', (recovery) => {
    if (!conn.removed && recovery.kind === 'reidentified') reapplyPresence(ctx, conn);
  });
}
