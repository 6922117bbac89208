/**
 * The everyday traffic of a busy server (issue 15): small events in one space of 50 channels and
 * 500 members, after 100,000 messages were delivered. Deterministic (a seeded generator), so every
 * process and every side parses the same bytes.
 *
 * The mix: 30% presence.update, 25% typing.start, 15% reaction.add, 12% message.update,
 * 8% message.delete, 10% member.update. Of the events about a message (reactions, updates,
 * deletes), 15% name an older message that no cache holds (depth 200 to 2,000 in its channel),
 * with the message's real channel, as the server sends it. The others name a recent message:
 * reactions and edits one of the 30 newest still-undeleted messages of a channel (skewed to the
 * newest), deletes any of the 200 newest still undeleted. At cap 200 every recent one is cached;
 * at cap 50 most reactions and edits are, most deletes are not (what a smaller cache means).
 * `expectedMisses` says exactly how many of each kind miss at a given cap.
 *
 * Presence and member updates repeat the current state now and then, as the wire does (a copy per
 * shared space and friends, docs/protocol.md §2.4; a PATCH that sets what is already set): 25% of
 * presences and 11% of member updates change nothing.
 */
import { Prng } from '../src/testing/prng.js';
import { CHANNEL_BASE, MESSAGE_BASE, SPACE_BASE, USER_BASE, frame, memberData, messageData, sid, type MessageShape } from './store-fixtures.js';

export const MIX_CHANNELS = 50;
export const MIX_MEMBERS = 500;
export const PRELOAD_MESSAGES = 100_000;
export const MIX_EVENTS = 50_000;
export const MIX_SHAPE: MessageShape = { channels: MIX_CHANNELS, authors: MIX_MEMBERS };

/** Event types in the mix with their share (percent). */
export const MIX_SHARES = [
  ['presence.update', 30],
  ['typing.start', 25],
  ['reaction.add', 15],
  ['message.update', 12],
  ['message.delete', 8],
  ['member.update', 10],
] as const;

export type MixType = (typeof MIX_SHARES)[number][0];

const OLD_SHARE = 0.15;
const RECENT_EDIT_DEPTH = 30;
const RECENT_DELETE_DEPTH = 200;
const OLD_MIN_DEPTH = 200;
const OLD_MAX_DEPTH = 2_000;
const PRESENCE_REPEAT = 0.25;
const MEMBER_REPEAT = 0.11;
const EMOJIS = ['👍', '👍', '👍', 'party_blob', '🎉', '❤️', '😂'];
const STATUSES = ['online', 'idle', 'dnd', 'offline'] as const;
/** Roles a member.update may toggle (the READY's role1 and role2 of space 0, store-fixtures.ts). */
const ROLE_IDS = [sid(SPACE_BASE * 10 + 1), sid(SPACE_BASE * 10 + 2)];

/** The 100,000 message.create frames delivered before the mix (seq 2 onward; READY is seq 1). */
export function preloadFrames(): string[] {
  return Array.from({ length: PRELOAD_MESSAGES }, (_, i) => frame('message.create', i + 2, messageData(i, MIX_SHAPE)));
}

/** The message index at `depth` (0 = newest) in channel `c` after the preload. */
function indexAt(channel: number, depth: number): number {
  return PRELOAD_MESSAGES - MIX_CHANNELS + channel - MIX_CHANNELS * depth;
}

/** Which message an event about a message names, and whether it is a recent one. */
interface Target {
  index: number;
  old: boolean;
}

export interface SmallMix {
  frames: string[];
  counts: Record<MixType, number>;
  /** Message events whose target is an old (never cached) message. */
  oldTargets: number;
  /** Presence and member updates that repeat the current state. */
  repeatedPresences: number;
  repeatedMembers: number;
  /** Deleted message indexes, in order, and each message event's target, for expectedMisses. */
  readonly plan: readonly { type: 'reaction.add' | 'message.update' | 'message.delete'; index: number }[];
}

/** The mix's frames, seq following the preload's. */
export function smallMixFrames(): SmallMix {
  const prng = new Prng('small-mix');
  // Newest first: the recent messages of each channel not deleted yet.
  const live: number[][] = Array.from({ length: MIX_CHANNELS }, (_, c) =>
    Array.from({ length: RECENT_DELETE_DEPTH }, (_, depth) => indexAt(c, depth)),
  );
  const statuses = new Map<number, string>();
  const nicknames = new Map<number, string | null>();
  const roles = new Map<number, string[]>();
  // READY's members (store-fixtures.ts readyData): every fourth holds role1.
  for (let m = 1; m <= MIX_MEMBERS; m++) roles.set(m, m % 4 === 0 ? [ROLE_IDS[0] as string] : []);
  const counts = Object.fromEntries(MIX_SHARES.map(([type]) => [type, 0])) as Record<MixType, number>;
  const plan: { type: 'reaction.add' | 'message.update' | 'message.delete'; index: number }[] = [];
  let oldTargets = 0;
  let repeatedPresences = 0;
  let repeatedMembers = 0;
  const spaceId = sid(SPACE_BASE);
  const frames: string[] = [];

  const target = (maxDepth: number, remove: boolean): Target => {
    const channel = prng.int(0, MIX_CHANNELS - 1);
    if (prng.chance(OLD_SHARE)) {
      const depth = prng.int(OLD_MIN_DEPTH, OLD_MAX_DEPTH - 1);
      return { index: indexAt(channel, depth), old: true };
    }
    const list = live[channel] as number[];
    const r = prng.next();
    // Edits and reactions skew to the newest (r² puts half of them in the newest quarter).
    const at = Math.min(list.length - 1, Math.floor((remove ? r : r * r) * Math.min(maxDepth, list.length)));
    const index = list[at] as number;
    if (remove) list.splice(at, 1);
    return { index, old: false };
  };

  while (frames.length < MIX_EVENTS) {
    const seq = PRELOAD_MESSAGES + 2 + frames.length;
    const type = prng.weighted(MIX_SHARES);
    counts[type]++;
    const member = prng.int(1, MIX_MEMBERS);
    const userId = sid(USER_BASE + member);
    if (type === 'presence.update') {
      const current = statuses.get(member) ?? (member % 3 === 0 ? 'online' : 'offline');
      let status = prng.pick(STATUSES) as string;
      if (prng.chance(PRESENCE_REPEAT)) status = current;
      else while (status === current) status = prng.pick(STATUSES);
      if (status === current) repeatedPresences++;
      statuses.set(member, status);
      frames.push(frame(type, seq, { user_id: userId, status, client_status: status === 'offline' ? {} : { desktop: status }, activities: [] }));
    } else if (type === 'typing.start') {
      const channelId = sid(CHANNEL_BASE + prng.int(0, MIX_CHANNELS - 1));
      frames.push(frame(type, seq, { channel_id: channelId, user_id: userId, timestamp: '2024-05-01T12:00:00' }));
    } else if (type === 'member.update') {
      let nickname = nicknames.get(member) ?? null;
      let memberRoles = roles.get(member) ?? [];
      if (prng.chance(MEMBER_REPEAT)) repeatedMembers++;
      else if (prng.chance(0.6)) nickname = nickname === `nick${seq}` ? null : `nick${seq}`;
      else {
        const role = prng.pick(ROLE_IDS);
        memberRoles = memberRoles.includes(role) ? memberRoles.filter((id) => id !== role) : [...memberRoles, role];
      }
      nicknames.set(member, nickname);
      roles.set(member, memberRoles);
      frames.push(frame(type, seq, memberData(userId, spaceId, { nickname, roles: memberRoles })));
    } else {
      const { index, old } = target(type === 'message.delete' ? RECENT_DELETE_DEPTH : RECENT_EDIT_DEPTH, type === 'message.delete');
      if (old) oldTargets++;
      plan.push({ type, index });
      const messageId = sid(MESSAGE_BASE + index);
      const channelId = sid(CHANNEL_BASE + (index % MIX_CHANNELS));
      if (type === 'reaction.add') {
        frames.push(frame(type, seq, { channel_id: channelId, message_id: messageId, user_id: userId, emoji: prng.pick(EMOJIS) }));
      } else if (type === 'message.update') {
        // The wire's edit: the full message, reactions always null (docs/protocol.md §3.2).
        frames.push(frame(type, seq, messageData(index, MIX_SHAPE, { content: `edited at ${seq}`, edited_at: '2024-05-01 12:01:00', reactions: null })));
      } else {
        frames.push(frame(type, seq, { id: messageId, channel_id: channelId, space_id: spaceId }));
      }
    }
  }
  return { frames, counts, oldTargets, repeatedPresences, repeatedMembers, plan };
}

export interface ExpectedMisses {
  cap: number;
  /** Message events (reactions, edits, deletes) whose message the cache does not hold. */
  misses: number;
  byType: Record<'reaction.add' | 'message.update' | 'message.delete', number>;
  /** Messages cached per channel when the mix starts, summed over the channels. */
  cachedAtStart: number;
}

/** Replays the mix's message events against a cache of `cap` per channel: how many miss. */
export function expectedMisses(mix: SmallMix, cap: number): ExpectedMisses {
  const cached = new Set<number>();
  for (let c = 0; c < MIX_CHANNELS; c++) for (let depth = 0; depth < cap; depth++) cached.add(indexAt(c, depth));
  const cachedAtStart = cached.size;
  const byType = { 'reaction.add': 0, 'message.update': 0, 'message.delete': 0 };
  for (const { type, index } of mix.plan) {
    if (!cached.has(index)) byType[type]++;
    else if (type === 'message.delete') cached.delete(index);
  }
  return { cap, misses: byType['reaction.add'] + byType['message.update'] + byType['message.delete'], byType, cachedAtStart };
}
