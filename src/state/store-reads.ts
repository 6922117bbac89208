import type { Ban, Invite, Member, Presence, Relationship, Role, Space, VoiceServerUpdate, VoiceState } from '../models/index.js';
import type { Clock } from '../util/clock.js';
import { TypedEmitter } from '../util/emitter.js';
import { presenceOf, relationshipsOf, userOf } from './account-reads.js';
import type { ServerConnection } from './connection.js';
import type { StateContext } from './context.js';
import { hasOlder } from './actions/history.js';
import { threadMessages } from './actions/threads.js';
import { typingNames } from './handlers/thread-typing.js';
import { compareIds } from './ids.js';
import { loadBans, loadInvites } from './loaders/moderation.js';
import type { Routing } from './routing.js';
import type { DmCall, StoreChannel, StoreMessage, StoreSignals, StoreUser } from './types.js';

const EMPTY: readonly never[] = Object.freeze([]);

/**
 * The store's reads, kept apart from its connection management and actions (AccordStore extends
 * this). Every read returns current state; lists come in the server's order.
 */
export abstract class StoreReads extends TypedEmitter<StoreSignals> {
  protected abstract readonly live: ServerConnection[];
  protected abstract readonly routing: Routing<ServerConnection>;
  protected abstract readonly ctx: StateContext;
  protected abstract readonly clock: Clock;

  /** A cached user (of several accounts, from one that shares a space with them). */
  user(id: string): StoreUser | undefined {
    return userOf(this.live, id);
  }

  space(id: string): Space | undefined {
    return this.routing.spaces.get(id)?.cache.spaces.get(id);
  }

  /** Each space once (one two accounts share is read from the one it is routed to). */
  spaces(): Space[] {
    const out: Space[] = [];
    for (const conn of this.live) for (const space of conn.cache.spaces.values()) if (conn.cache.routes(space.id)) out.push(space);
    return out;
  }

  /** The connection a space is routed to (of two accounts that share it: the one added first). */
  connectionOfSpace(spaceId: string): ServerConnection | undefined {
    return this.routing.spaces.get(spaceId);
  }

  channel(id: string): StoreChannel | undefined {
    return this.routing.channels.get(id)?.cache.channel(id);
  }

  /** A space's channels by position. */
  channels(spaceId: string): StoreChannel[] {
    const cache = this.routing.spaces.get(spaceId)?.cache;
    if (!cache) return [];
    const out: StoreChannel[] = [];
    for (const id of cache.spaceChannels.get(spaceId) ?? []) {
      const channel = cache.channels.get(id);
      if (channel) out.push(channel);
    }
    return out.sort((a, b) => a.position - b.position || compareIds(a.id, b.id));
  }

  /** DM and group-DM channels, most recent activity first. */
  dmChannels(): StoreChannel[] {
    const out: StoreChannel[] = [];
    const routes = this.routing.channels;
    for (const conn of this.live) for (const channel of conn.cache.dmChannels.values()) if (routes.get(channel.id) === conn) out.push(channel);
    return out.sort((a, b) => {
      if (a.last_message_id === b.last_message_id) return 0;
      if (a.last_message_id === null) return 1;
      if (b.last_message_id === null) return -1;
      return compareIds(b.last_message_id, a.last_message_id);
    });
  }

  /** The connection a channel (a space's or a DM) belongs to, for acting on it with that account. */
  connectionOf(channelId: string): ServerConnection | undefined {
    return this.connFor(channelId);
  }

  members(spaceId: string): Member[] {
    const members = this.routing.spaces.get(spaceId)?.cache.members.get(spaceId);
    return members ? Array.from(members.values()) : [];
  }

  member(spaceId: string, userId: string): Member | undefined {
    return this.routing.spaces.get(spaceId)?.cache.members.get(spaceId)?.get(userId);
  }

  /** A space's roles by position (@everyone first). */
  roles(spaceId: string): Role[] {
    return this.routing.spaces.get(spaceId)?.cache.roles.get(spaceId)?.slice() ?? [];
  }

  /**
   * Cached messages of a channel, oldest first (at most messageCap), then my sends not yet
   * confirmed (`pending` set; thread replies are listed by their thread, not here).
   */
  messages(channelId: string): readonly StoreMessage[] {
    const conn = this.connFor(channelId);
    if (!conn) return EMPTY;
    const base = conn.cache.messages.get(channelId)?.toArray() ?? EMPTY;
    if (conn.outbox.sends.size === 0) return base;
    return conn.outbox.channels.get(channelId)?.withPending(base) ?? base;
  }

  /** A cached message, or a pending send of mine by its `local:` id. */
  message(id: string): StoreMessage | undefined {
    for (const conn of this.live) {
      const message = conn.cache.findMessage(id) ?? conn.outbox.sends.get(id)?.entry;
      if (message) return message;
    }
    return undefined;
  }

  voiceStates(channelId: string): VoiceState[] {
    const states = this.connFor(channelId)?.cache.voiceByChannel.get(channelId);
    return states ? Array.from(states.values()) : [];
  }

  /** The friends list (friends, blocked, pending) of one connection, or of all (first one wins per user). */
  relationships(connIndex?: number): Relationship[] {
    return relationshipsOf(this.live, connIndex);
  }

  /** A user's last presence: the shown status, activities and client_status. */
  presence(userId: string): Presence | undefined {
    return presenceOf(this.live, userId);
  }

  /** A DM's call: who rang, who declined, whether it was cancelled or ended. */
  call(channelId: string): DmCall | undefined {
    return this.connFor(channelId)?.cache.calls.get(channelId);
  }

  voiceServer(connIndex: number): VoiceServerUpdate | null {
    return this.live.find((conn) => conn.index === connIndex)?.cache.voiceServer ?? null;
  }

  /** Cached bans; the first ask loads them over REST and emits bansUpdated when they arrive. */
  bans(spaceId: string): Ban[] {
    const conn = this.routing.spaces.get(spaceId);
    if (!conn) return [];
    if (conn.cache.bans.needsLoad(spaceId)) void loadBans(this.ctx, conn, spaceId);
    return conn.cache.bans.list(spaceId);
  }

  /** Cached invites; the first ask loads them over REST and emits invitesUpdated when they arrive. */
  invites(spaceId: string): Invite[] {
    const conn = this.routing.spaces.get(spaceId);
    if (!conn) return [];
    if (conn.cache.invites.needsLoad(spaceId)) void loadInvites(this.ctx, conn, spaceId);
    return conn.cache.invites.list(spaceId);
  }

  isUnread(channelId: string): boolean {
    return this.connFor(channelId)?.cache.unread.has(channelId) ?? false;
  }

  mentionCount(channelId: string): number {
    return this.connFor(channelId)?.cache.mentions.get(channelId) ?? 0;
  }

  isMuted(channelId: string): boolean {
    return this.connFor(channelId)?.cache.mutes.has(channelId) ?? false;
  }

  /** A thread's cached replies, oldest first (replies never enter `messages(channelId)`). */
  threadMessages(parentId: string): readonly StoreMessage[] {
    return threadMessages(this.live, parentId);
  }

  /** Display names of those typing in a thread now (`typing.start` with its `thread_id`). */
  typingIn(threadId: string): string[] {
    const now = this.clock.now();
    for (const conn of this.live) {
      const names = typingNames(conn, threadId, now);
      if (names.length > 0) return names;
    }
    return [];
  }

  /** Whether loadOlder may add older messages (false for DMs and at the channel's start). */
  hasOlder(channelId: string): boolean {
    return hasOlder(this.connFor(channelId), channelId);
  }

  /** The connection a channel's events and actions belong to. */
  protected connFor(channelId: string): ServerConnection | undefined {
    const routed = this.routing.channels.get(channelId);
    if (routed) return routed;
    for (const conn of this.live) if (conn.cache.messages.has(channelId)) return conn;
    return undefined;
  }
}
