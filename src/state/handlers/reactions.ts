import type { ReactionClearData, ReactionClearEmojiData, ReactionEventData } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import type { StateContext } from '../context.js';
import { applyReactionClear, applyReactionClearEmoji, applyReactionEvent } from '../loaders/reactions.js';
import type { HandlerTable } from './table.js';

/** The server emits reaction.add even when the reaction already existed: count each user once. */
function onReactionAdd(ctx: StateContext, conn: ServerConnection, data: ReactionEventData): void {
  const inFlight = conn.inFlight;
  if (inFlight.journals.size !== 0) inFlight.journal(data.channel_id, conn.generation, { kind: 'reaction.add', data });
  applyReactionEvent(ctx, conn, data, true);
}

/** Also emitted when nothing was removed: a user not among the reactors changes nothing. */
function onReactionRemove(ctx: StateContext, conn: ServerConnection, data: ReactionEventData): void {
  const inFlight = conn.inFlight;
  if (inFlight.journals.size !== 0) inFlight.journal(data.channel_id, conn.generation, { kind: 'reaction.remove', data });
  applyReactionEvent(ctx, conn, data, false);
}

function onReactionClear(ctx: StateContext, conn: ServerConnection, data: ReactionClearData): void {
  const inFlight = conn.inFlight;
  if (inFlight.journals.size !== 0) inFlight.journal(data.channel_id, conn.generation, { kind: 'reaction.clear', data });
  applyReactionClear(ctx, conn, data);
}

function onReactionClearEmoji(ctx: StateContext, conn: ServerConnection, data: ReactionClearEmojiData): void {
  const inFlight = conn.inFlight;
  if (inFlight.journals.size !== 0) inFlight.journal(data.channel_id, conn.generation, { kind: 'reaction.clear_emoji', data });
  applyReactionClearEmoji(ctx, conn, data);
}

export const reactionHandlers: HandlerTable = {
  'reaction.add': onReactionAdd,
  'reaction.remove': onReactionRemove,
  'reaction.clear': onReactionClear,
  'reaction.clear_emoji': onReactionClearEmoji,
};
