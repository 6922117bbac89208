import type { GatewayEventName } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import type { Handler, HandlerContext, HandlerTable } from './context.js';
import { lifecycleHandlers } from './lifecycle.js';
import { messageHandlers } from './messages.js';
import { typingHandlers } from './typing.js';
import { presenceUserHandlers } from './presence-users.js';
import { memberHandlers } from './members.js';
import { spaceChannelHandlers } from './spaces-channels.js';
import { roleHandlers } from './roles.js';
import { reactionHandlers } from './reactions.js';
import { voiceHandlers } from './voice.js';
import { moderationHandlers } from './moderation.js';
import { miscHandlers } from './misc.js';

export type { HandlerContext, HandlerTable, Handler } from './context.js';
export { onDisconnected, onReconnecting } from './lifecycle.js';
export { stopAllTyping } from './typing.js';

/** A handler with its event type erased, for the dispatch loop. */
export type ErasedHandler = (ctx: HandlerContext, conn: ServerConnection, data: unknown) => void;

const domains: HandlerTable[] = [
  lifecycleHandlers,
  messageHandlers,
  typingHandlers,
  presenceUserHandlers,
  memberHandlers,
  spaceChannelHandlers,
  roleHandlers,
  reactionHandlers,
  voiceHandlers,
  moderationHandlers,
  miscHandlers,
];

/** Type erasure only: the table hands each handler the data of its own event name. */
function erase<K extends GatewayEventName>(handler: Handler<K>): ErasedHandler {
  return handler as unknown as ErasedHandler;
}

/** The one table: wire event name -> handler. */
export const eventHandlers: ReadonlyMap<GatewayEventName, ErasedHandler> = (() => {
  const table = new Map<GatewayEventName, ErasedHandler>();
  for (const domain of domains) {
    for (const name of Object.keys(domain) as GatewayEventName[]) {
      const handler = domain[name] as Handler<typeof name> | undefined;
      if (!handler) continue;
      if (table.has(name)) throw new Error(`two handlers for '${name}'`);
      table.set(name, erase(handler));
    }
  }
  return table;
})();
