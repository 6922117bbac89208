import type { GatewayEventName } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import type { StateContext } from '../context.js';
import { callHandlers } from './calls.js';
import { channelHandlers } from './channels.js';
import { emojiHandlers } from './emojis.js';
import { interactionHandlers } from './interactions.js';
import { lifecycleHandlers } from './lifecycle.js';
import { memberHandlers } from './members.js';
import { messageHandlers } from './messages.js';
import { moderationHandlers } from './moderation.js';
import { presenceHandlers } from './presence.js';
import { reactionHandlers } from './reactions.js';
import { readStateHandlers } from './read-states.js';
import { roleHandlers } from './roles.js';
import { soundboardHandlers } from './soundboard.js';
import { spaceHandlers } from './spaces.js';
import type { Handler, HandlerTable } from './table.js';
import { typingHandlers } from './typing.js';
import { userHandlers } from './users.js';
import { voiceHandlers } from './voice.js';

export type { Handler, HandlerTable } from './table.js';
export { onDisconnected, onLost, onReconnecting } from './lifecycle.js';
export { stopAllTyping } from './typing.js';

/** A handler with its event type erased, for the dispatch loop. */
export type ErasedHandler = (ctx: StateContext, conn: ServerConnection, data: unknown) => void;

const domains: readonly HandlerTable[] = [
  lifecycleHandlers,
  messageHandlers,
  reactionHandlers,
  typingHandlers,
  presenceHandlers,
  userHandlers,
  memberHandlers,
  spaceHandlers,
  channelHandlers,
  roleHandlers,
  voiceHandlers,
  moderationHandlers,
  emojiHandlers,
  soundboardHandlers,
  readStateHandlers,
  interactionHandlers,
  callHandlers,
];

/** Type erasure only: the table hands each handler the data of its own event name. */
function erase<K extends GatewayEventName>(handler: Handler<K>): ErasedHandler {
  return handler as unknown as ErasedHandler;
}

/** The one table, wire event name -> handler, as pairs (built once; throws on a name handled twice). */
function buildTable(): ReadonlyArray<readonly [GatewayEventName, ErasedHandler]> {
  const names = new Set<GatewayEventName>();
  const table: Array<readonly [GatewayEventName, ErasedHandler]> = [];
  for (const domain of domains) {
    for (const name of Object.keys(domain) as GatewayEventName[]) {
      const handler = domain[name] as Handler<typeof name> | undefined;
      if (!handler) continue;
      if (names.has(name)) throw new Error(`two handlers for '${name}'`);
      names.add(name);
      table.push(Object.freeze([name, erase(handler)] as const));
    }
  }
  return Object.freeze(table);
}

export const eventHandlers = buildTable();
