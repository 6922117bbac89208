import { parseEmoji, type Emoji } from '../../models/emoji.js';
import type * as B from '../bodies.js';
import { REST_CALLER, endpoints } from '../rest-caller.js';
import { segment as seg } from '../transport.js';

export const emojiEndpoints = endpoints({
  listEmojis(spaceId: string): Promise<Emoji[]> {
    return this[REST_CALLER].list(parseEmoji, 'emoji', 'GET', { path: `/spaces/${seg(spaceId)}/emojis` });
  },

  getEmoji(spaceId: string, emojiId: string): Promise<Emoji> {
    return this[REST_CALLER].one(parseEmoji, 'emoji', 'GET', { path: `/spaces/${seg(spaceId)}/emojis/${seg(emojiId)}` });
  },

  createEmoji(spaceId: string, body: B.CreateEmojiBody): Promise<Emoji> {
    return this[REST_CALLER].one(parseEmoji, 'emoji', 'POST', { path: `/spaces/${seg(spaceId)}/emojis`, body });
  },

  updateEmoji(spaceId: string, emojiId: string, body: { name?: string }): Promise<Emoji> {
    return this[REST_CALLER].one(parseEmoji, 'emoji', 'PATCH', { path: `/spaces/${seg(spaceId)}/emojis/${seg(emojiId)}`, body });
  },

  async deleteEmoji(spaceId: string, emojiId: string): Promise<void> {
    await this[REST_CALLER].call('DELETE', { path: `/spaces/${seg(spaceId)}/emojis/${seg(emojiId)}` });
  },
});

export type EmojiEndpoints = typeof emojiEndpoints;
