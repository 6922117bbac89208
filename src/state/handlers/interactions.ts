import type { Interaction } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import type { StateContext } from '../context.js';
import type { HandlerTable } from './table.js';

/** No interaction UI: wired so the event is not dropped silently, nothing to cache. */
function onInteractionCreate(_ctx: StateContext, _conn: ServerConnection, _interaction: Interaction): void {}

export const interactionHandlers: HandlerTable = {
  'interaction.create': onInteractionCreate,
};
