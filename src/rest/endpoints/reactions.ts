import { AccordResponseError } from '../errors.js';
import { REST_CALLER, endpoints } from '../rest-caller.js';
import { segment as seg } from '../transport.js';

function reactionPath(channelId: string, messageId: string, emoji: string): string {
  return `/channels/${seg(channelId)}/messages/${seg(messageId)}/reactions/${seg(emoji)}`;
}

export const reactionEndpoints = endpoints({
  async addReaction(channelId: string, messageId: string, emoji: string): Promise<void> {
    await this[REST_CALLER].call('PUT', { path: `${reactionPath(channelId, messageId, emoji)}/@me` });
  },

  /** Removes the current user's reaction, or another user's (needs manage_messages). */
  async removeReaction(channelId: string, messageId: string, emoji: string, userId = '@me'): Promise<void> {
    const who = userId === '@me' ? '@me' : seg(userId);
    await this[REST_CALLER].call('DELETE', { path: `${reactionPath(channelId, messageId, emoji)}/${who}` });
  },

  /** User ids that reacted with `emoji`. */
  async listReactionUsers(channelId: string, messageId: string, emoji: string): Promise<string[]> {
    const { data, ctx } = await this[REST_CALLER].call('GET', { path: reactionPath(channelId, messageId, emoji) });
    if (!Array.isArray(data)) throw new AccordResponseError('reaction users: expected an array', ctx.request);
    return data.filter((id): id is string => typeof id === 'string');
  },

  async clearReactions(channelId: string, messageId: string): Promise<void> {
    await this[REST_CALLER].call('DELETE', { path: `/channels/${seg(channelId)}/messages/${seg(messageId)}/reactions` });
  },

  async clearEmojiReactions(channelId: string, messageId: string, emoji: string): Promise<void> {
    await this[REST_CALLER].call('DELETE', { path: reactionPath(channelId, messageId, emoji) });
  },
});

export type ReactionEndpoints = typeof reactionEndpoints;
