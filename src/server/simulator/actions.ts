import type { RandomSource } from '../../util/clock.js';
import { isMember } from '../data/permissions.js';
import { spaceChannels, userSpaceIds } from '../data/queries.js';
import type { ChannelRecord } from '../data/records.js';
import type { ServiceContext } from '../data/services/context.js';
import { leaveSpace } from '../data/services/members.js';
import { createMessage, deleteMessage, editMessage } from '../data/services/messages.js';
import { setPresence } from '../data/services/presence.js';
import { addReaction, removeReaction } from '../data/services/reactions.js';
import { joinPublicSpace } from '../data/services/spaces.js';
import { startTyping } from '../data/services/channel-state.js';
import { joinVoice, leaveVoice } from '../data/services/voice.js';
import { ACTIVITIES, EDIT_SUFFIXES, EMOJIS, PHRASES, STATUSES } from './phrases.js';

/** One simulated action by one user; every one goes through the REST service functions. */
export type SimAction = (sim: SimState, userId: string) => string | null;

export interface SimState {
  ctx: ServiceContext;
  random: RandomSource;
  /** Messages the simulator posted (only these are edited or deleted), oldest first. */
  posted: { id: string; channelId: string; authorId: string }[];
}

export function pick<T>(random: RandomSource, items: readonly T[]): T | undefined {
  return items.length === 0 ? undefined : items[Math.floor(random() * items.length) % items.length];
}

function channelsOf(sim: SimState, userId: string, type: string): ChannelRecord[] {
  const { tables } = sim.ctx.data;
  return userSpaceIds(tables, userId).flatMap((spaceId) => spaceChannels(tables, spaceId).filter((c) => c.type === type));
}

const post: SimAction = (sim, userId) => {
  const channel = pick(sim.random, channelsOf(sim, userId, 'text'));
  if (!channel) return null;
  const message = createMessage(sim.ctx, userId, channel.id, { content: pick(sim.random, PHRASES) ?? 'hi' });
  sim.posted.push({ id: message.id, channelId: channel.id, authorId: userId });
  if (sim.posted.length > 200) sim.posted.shift();
  return `post ${message.id}`;
};

function ownPosted(sim: SimState, userId: string) {
  return sim.posted.filter((p) => p.authorId === userId && sim.ctx.data.tables.messages.has(p.id));
}

const edit: SimAction = (sim, userId) => {
  const target = pick(sim.random, ownPosted(sim, userId));
  const message = target && sim.ctx.data.tables.messages.get(target.id);
  if (!target || !message) return null;
  editMessage(sim.ctx, userId, target.channelId, target.id, { content: message.content + (pick(sim.random, EDIT_SUFFIXES) ?? '') });
  return `edit ${target.id}`;
};

const remove: SimAction = (sim, userId) => {
  const target = pick(sim.random, ownPosted(sim, userId));
  if (!target) return null;
  deleteMessage(sim.ctx, userId, target.channelId, target.id);
  return `delete ${target.id}`;
};

const react: SimAction = (sim, userId) => {
  const channel = pick(sim.random, channelsOf(sim, userId, 'text'));
  const latest = channel?.last_message_id;
  if (!channel || !latest) return null;
  const emoji = pick(sim.random, EMOJIS) ?? '👍';
  if (sim.random() < 0.3) removeReaction(sim.ctx, userId, channel.id, latest, emoji, userId);
  else addReaction(sim.ctx, userId, channel.id, latest, emoji);
  return `react ${latest} ${emoji}`;
};

const type: SimAction = (sim, userId) => {
  const channel = pick(sim.random, channelsOf(sim, userId, 'text'));
  if (!channel) return null;
  startTyping(sim.ctx, userId, channel.id, {});
  return `typing ${channel.id}`;
};

const presence: SimAction = (sim, userId) => {
  const status = pick(sim.random, STATUSES) ?? 'online';
  setPresence(sim.ctx, userId, status, pick(sim.random, ACTIVITIES) ?? []);
  return `presence ${status}`;
};

const voice: SimAction = (sim, userId) => {
  const current = sim.ctx.gateway.live.voiceStates.get(userId);
  if (current?.channel_id) {
    leaveVoice(sim.ctx, userId, current.channel_id);
    return `voice leave ${current.channel_id}`;
  }
  const channel = pick(sim.random, channelsOf(sim, userId, 'voice'));
  if (!channel) return null;
  joinVoice(sim.ctx, userId, channel.id, { self_mute: sim.random() < 0.3 });
  return `voice join ${channel.id}`;
};

/** Leaves a public space the user is in (not as owner), or joins one they are not in. */
const hopSpace: SimAction = (sim, userId) => {
  const { tables } = sim.ctx.data;
  const space = pick(sim.random, [...tables.spaces.values()].filter((s) => s.public && s.owner_id !== userId));
  if (!space) return null;
  if (isMember(tables, space.id, userId)) {
    leaveSpace(sim.ctx, userId, space.id);
    return `leave ${space.id}`;
  }
  joinPublicSpace(sim.ctx, userId, space.id);
  return `join ${space.id}`;
};

/** Weighted: mostly chat, some reactions and typing, a little presence, voice and space churn. */
export const WEIGHTED_ACTIONS: [SimAction, number][] = [
  [post, 30],
  [edit, 8],
  [remove, 5],
  [react, 15],
  [type, 15],
  [presence, 10],
  [voice, 8],
  [hopSpace, 3],
];
