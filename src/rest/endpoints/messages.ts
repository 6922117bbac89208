import { parseMessage, type Message } from '../../models/message.js';
import type * as B from '../bodies.js';
import { decodeList } from '../decode.js';
import { REST_CALLER, endpoints } from '../rest-caller.js';
import { segment as seg, type PageCursor } from '../transport.js';

/** Messages of a channel, and its pins. */
export const messageEndpoints = endpoints({
  /**
   * Wire order: without `after` the newest page, newest first; with `after` the messages after
   * it, oldest first (docs/protocol.md §5.4; there is no `before`).
   */
  listMessages(channelId: string, options: B.ListMessagesOptions = {}): Promise<Message[]> {
    const query = { after: options.after, limit: options.limit, thread_id: options.thread_id };
    return this[REST_CALLER].list(parseMessage, 'message', 'GET', { path: `/channels/${seg(channelId)}/messages`, query });
  },

  /**
   * Message search, newest first, thread replies included; `cursor` in the answer is absent on an
   * empty page. With `channel_id` and `cursor` (the oldest id held) it pages back through history.
   */
  async searchMessages(spaceId: string, options: B.SearchMessagesOptions): Promise<{ messages: Message[]; cursor: PageCursor | undefined }> {
    const { data, cursor, ctx } = await this[REST_CALLER].call('GET', { path: `/spaces/${seg(spaceId)}/messages/search`, query: { ...options } });
    return { messages: decodeList(parseMessage, data, 'message', ctx), cursor };
  },

  getMessage(channelId: string, messageId: string): Promise<Message> {
    return this[REST_CALLER].one(parseMessage, 'message', 'GET', { path: `/channels/${seg(channelId)}/messages/${seg(messageId)}` });
  },

  createMessage(channelId: string, content: string | B.CreateMessageBody): Promise<Message> {
    const body: B.CreateMessageBody = typeof content === 'string' ? { content } : content;
    return this[REST_CALLER].one(parseMessage, 'message', 'POST', { path: `/channels/${seg(channelId)}/messages`, body });
  },

  editMessage(channelId: string, messageId: string, content: string | B.EditMessageBody): Promise<Message> {
    const body: B.EditMessageBody = typeof content === 'string' ? { content } : content;
    return this[REST_CALLER].one(parseMessage, 'message', 'PATCH', { path: `/channels/${seg(channelId)}/messages/${seg(messageId)}`, body });
  },

  async deleteMessage(channelId: string, messageId: string): Promise<void> {
    await this[REST_CALLER].call('DELETE', { path: `/channels/${seg(channelId)}/messages/${seg(messageId)}` });
  },

  /** Up to 100 ids; the server sends no gateway event for this. */
  async bulkDeleteMessages(channelId: string, messageIds: string[]): Promise<void> {
    await this[REST_CALLER].call('POST', { path: `/channels/${seg(channelId)}/messages/bulk-delete`, body: { messages: messageIds } });
  },

  listPins(channelId: string): Promise<Message[]> {
    return this[REST_CALLER].list(parseMessage, 'message', 'GET', { path: `/channels/${seg(channelId)}/pins` });
  },

  async pinMessage(channelId: string, messageId: string): Promise<void> {
    await this[REST_CALLER].call('PUT', { path: `/channels/${seg(channelId)}/pins/${seg(messageId)}` });
  },

  async unpinMessage(channelId: string, messageId: string): Promise<void> {
    await this[REST_CALLER].call('DELETE', { path: `/channels/${seg(channelId)}/pins/${seg(messageId)}` });
  },
});

export type MessageEndpoints = typeof messageEndpoints;
