import type { Message } from '../models/index.js';
import type { StateContext } from './context.js';

/** A cached message changed: its thread hears it when it is a reply, else its channel. */
export function emitMessageChanged(ctx: StateContext, message: Message): void {
  const parentId = message.thread_id;
  if (parentId) ctx.emit('threadUpdated', parentId);
  else ctx.emit('messagesUpdated', message.channel_id);
}
