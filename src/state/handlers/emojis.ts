import type { EmojiDeleteData, EmojiEventData } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import type { StateContext } from '../context.js';
import type { HandlerTable } from './table.js';

/** Emojis are not cached (the UI asks REST): the signal says when to ask again. */
function onEmojiChange(ctx: StateContext, conn: ServerConnection, data: EmojiEventData | EmojiDeleteData): void {
  if (conn.cache.spaces.has(data.space_id)) ctx.emit('emojisUpdated', data.space_id);
}

export const emojiHandlers: HandlerTable = {
  'emoji.create': onEmojiChange,
  'emoji.update': onEmojiChange,
  'emoji.delete': onEmojiChange,
};
