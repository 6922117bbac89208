import type { GatewayEventMap, GatewayEventName } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import type { StateContext } from '../context.js';

export type Handler<K extends GatewayEventName> = (ctx: StateContext, conn: ServerConnection, data: GatewayEventMap[K]) => void;

/** A domain's handlers, keyed by wire event name. */
export type HandlerTable = { [K in GatewayEventName]?: Handler<K> };
