import type {
  Ban,
  Invite,
  Member,
  Message,
  Presence,
  Relationship,
  Role,
  Space,
  UserStatus,
  VoiceServerUpdate,
  VoiceState,
} from '../models/index.js';
import { isDmChannelType } from '../models/index.js';
import type { TimerHandle } from '../util/clock.js';
import { compareIds } from './ids.js';
import { LazySpaceCache } from './lazy-space-cache.js';
import { MessageList, OldestBound } from './message-list.js';
import type { Routing, RoutingOwner } from './routing.js';
import { ThreadState, type ThreadTyping } from './thread-state.js';
import type { DmCall, StoreChannel, StoreUser } from './types.js';

/**
 * Everything one connection knows, keyed by wire id. Entities are the parsed wire objects
 * themselves (no re-mapping); the store adds only its derived snake_case fields.
 */
export class ConnectionCache<Owner extends RoutingOwner = RoutingOwner> {
  readonly users = new Map<string, StoreUser>();
  /** Last known presence status of users not (yet) cached; a cached user carries its own. */
  readonly statuses = new Map<string, UserStatus>();
  readonly spaces = new Map<string, Space>();
  /** Space channels by id. */
  readonly channels = new Map<string, StoreChannel>();
  /** Space id -> ids of its channels. */
  readonly spaceChannels = new Map<string, Set<string>>();
  readonly dmChannels = new Map<string, StoreChannel>();
  /** Space id -> user id -> member. */
  readonly members = new Map<string, Map<string, Member>>();
  /** Space id -> roles ordered by position. */
  readonly roles = new Map<string, Role[]>();
  /** Channel id -> its messages (oldest first, at most messageCap) with their id index. */
  readonly messages = new Map<string, MessageList>();
  /** A lower bound of the oldest message id the channel lists hold (see OldestBound). */
  readonly oldestBound = new OldestBound();
  /** Parent message id -> its thread's replies (never in `messages`). */
  readonly threads = new Map<string, ThreadState>();
  readonly unread = new Set<string>();
  readonly mentions = new Map<string, number>();
  readonly mutes = new Set<string>();
  /** Channel id -> user id -> voice state. */
  readonly voiceByChannel = new Map<string, Map<string, VoiceState>>();
  /** User id -> voice state (only users in a channel). */
  readonly voiceByUser = new Map<string, VoiceState>();
  voiceServer: VoiceServerUpdate | null = null;
  readonly relationships = new Map<string, Relationship>();
  /** User id -> the last presence (status, activities, client_status) as the wire sent it. */
  readonly presences = new Map<string, Presence>();
  /** DM channel id -> its call as the `call.*` events told it. */
  readonly calls = new Map<string, DmCall>();
  readonly bans = new LazySpaceCache<Ban>((ban) => ban.user_id);
  readonly invites = new LazySpaceCache<Invite>((invite) => invite.code);
  /** Channel id -> its typing timer and when typing there stops (last start + timeout). */
  readonly typingTimers = new Map<string, { handle: TimerHandle; stopAt: number }>();
  /** Thread id -> who is typing in that thread (`typing.start` with `thread_id`). */
  readonly threadTyping = new Map<string, ThreadTyping>();
  /** One REST fetch per unknown user id and generation (shared by concurrent askers). */
  readonly userFetches = new Map<string, Promise<void>>();

  constructor(
    private readonly owner: Owner,
    private readonly routing: Routing<Owner>,
  ) {}

  /**
   * Joins a member with its cached user (READY's members carry none): `member.user` is the cached
   * user object itself, so user updates show through.
   */
  linkUser(member: Member): void {
    const user = this.users.get(member.user_id);
    if (user) member.user = user;
  }

  /** Links a newly cached user into its member entries in every space. */
  linkMembers(userId: string): void {
    const user = this.users.get(userId);
    if (!user) return;
    for (const members of this.members.values()) {
      const member = members.get(userId);
      if (member) member.user = user;
    }
  }

  /** Whether the user is a member of one of this connection's spaces (their presence reaches it). */
  sharesSpaceWith(userId: string): boolean {
    for (const members of this.members.values()) if (members.has(userId)) return true;
    return false;
  }

  statusOf(userId: string): UserStatus {
    return this.users.get(userId)?.status ?? this.statuses.get(userId) ?? 'offline';
  }

  /** Caches a user, keeping the status we track (from now on on the user, not in `statuses`). */
  putUser(user: StoreUser): StoreUser {
    user.status = this.statusOf(user.id);
    this.statuses.delete(user.id);
    this.users.set(user.id, user);
    return user;
  }

  /** Whether reads of this space come from this connection (another account may share it). */
  routes(spaceId: string): boolean {
    return this.routing.spaces.get(spaceId) === this.owner;
  }

  setSpace(space: Space): void {
    this.spaces.set(space.id, space);
    this.routing.claimSpace(space.id, this.owner);
  }

  /** Drops a space and everything that lives in it; returns the ids of the channels that went. */
  deleteSpace(spaceId: string): string[] {
    this.spaces.delete(spaceId);
    this.routing.releaseSpace(spaceId, this.owner);
    const channelIds = [...(this.spaceChannels.get(spaceId) ?? [])];
    for (const channelId of channelIds) this.deleteChannel(channelId);
    this.spaceChannels.delete(spaceId);
    this.members.delete(spaceId);
    this.roles.delete(spaceId);
    this.bans.deleteSpace(spaceId);
    this.invites.deleteSpace(spaceId);
    return channelIds;
  }

  isKnownChannel(channelId: string): boolean {
    return this.channels.has(channelId) || this.dmChannels.has(channelId);
  }

  channel(channelId: string): StoreChannel | undefined {
    return this.channels.get(channelId) ?? this.dmChannels.get(channelId);
  }

  /** Caches a channel under the space or DM cache by its type; returns the stored object. */
  setChannel(channel: StoreChannel): StoreChannel {
    if (isDmChannelType(channel.type)) {
      const previous = this.dmChannels.get(channel.id);
      if (previous?.last_message && channel.last_message === undefined && previous.last_message.id === channel.last_message_id) {
        channel.last_message = previous.last_message;
      }
      this.dmChannels.set(channel.id, channel);
    } else {
      const previous = this.channels.get(channel.id);
      if (previous?.voice_users !== undefined && channel.voice_users === undefined) channel.voice_users = previous.voice_users;
      if (previous && previous.space_id !== channel.space_id && previous.space_id) {
        this.spaceChannels.get(previous.space_id)?.delete(channel.id);
      }
      this.channels.set(channel.id, channel);
      if (channel.space_id) {
        let ids = this.spaceChannels.get(channel.space_id);
        if (!ids) {
          ids = new Set();
          this.spaceChannels.set(channel.space_id, ids);
        }
        ids.add(channel.id);
      }
    }
    this.routing.claimChannel(channel.id, this.owner);
    return channel;
  }

  /** Drops a channel (space or DM), its messages, unread state and voice states. */
  deleteChannel(channelId: string): StoreChannel | undefined {
    const channel = this.channel(channelId);
    this.channels.delete(channelId);
    this.dmChannels.delete(channelId);
    if (channel?.space_id) this.spaceChannels.get(channel.space_id)?.delete(channelId);
    this.routing.releaseChannel(channelId, this.owner);
    this.messages.delete(channelId);
    if (this.threads.size !== 0) for (const [parentId, thread] of this.threads) if (thread.channelId === channelId) this.threads.delete(parentId);
    this.unread.delete(channelId);
    this.mentions.delete(channelId);
    this.calls.delete(channelId);
    const voice = this.voiceByChannel.get(channelId);
    if (voice) {
      for (const userId of voice.keys()) this.voiceByUser.delete(userId);
      this.voiceByChannel.delete(channelId);
    }
    return channel;
  }

  /**
   * A cached message by id: only in `channelId`'s list when given (every message event names the
   * message's channel, and a message is cached only in its channel's list: a miss there is a miss),
   * else in whichever list holds it; then a thread's reply or parent.
   */
  findMessage(id: string, channelId?: string): Message | undefined {
    const found = channelId !== undefined ? this.messages.get(channelId)?.get(id) : this.findInLists(id);
    if (found !== undefined || this.threads.size === 0) return found;
    // A thread reply names its thread's channel but is held by the thread, not a channel list.
    return this.findInThreads(id);
  }

  /** The channel list holding `id` (and the message), or undefined; no walk for an id older than all. */
  findInLists(id: string): Message | undefined {
    if (!this.mayHoldMessage(id)) return undefined;
    for (const list of this.messages.values()) {
      const found = list.get(id);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  /** False when `id` is older than every message the channel lists hold (see OldestBound). */
  private mayHoldMessage(id: string): boolean {
    const bound = this.oldestBound;
    if (!bound.known) {
      let oldest: string | null = null;
      for (const list of this.messages.values()) {
        const candidate = list.oldestId();
        if (candidate !== null && (oldest === null || compareIds(candidate, oldest) < 0)) oldest = candidate;
      }
      bound.oldest = oldest;
      bound.known = true;
    }
    return bound.oldest !== null && compareIds(id, bound.oldest) >= 0;
  }

  /** A thread reply (or a tracked thread's parent) by id. */
  findInThreads(id: string): Message | undefined {
    const own = this.threads.get(id)?.parent;
    if (own) return own;
    for (const thread of this.threads.values()) {
      const found = thread.replies.get(id);
      if (found) return found;
    }
    return undefined;
  }

  /** The thread of `parentId` in `channelId`, created on first use. */
  thread(parentId: string, channelId: string): ThreadState {
    let thread = this.threads.get(parentId);
    if (!thread) {
      thread = new ThreadState(channelId, this.messages.get(channelId)?.get(parentId));
      this.threads.set(parentId, thread);
    }
    return thread;
  }

  /** The channel's message list, created on first use. */
  messageList(channelId: string): MessageList {
    let list = this.messages.get(channelId);
    if (!list) {
      list = new MessageList(channelId, this.oldestBound);
      this.messages.set(channelId, list);
    }
    return list;
  }

  membersOf(spaceId: string): Map<string, Member> {
    let map = this.members.get(spaceId);
    if (!map) {
      map = new Map();
      this.members.set(spaceId, map);
    }
    return map;
  }

  /**
   * Forgets everything (a new READY rebuilds it, or the connection is removed). Message lists
   * are returned, not dropped, when `keepMessages` is set so the caller can refresh them.
   */
  clear(keepMessages = false): Map<string, MessageList> {
    const kept = new Map<string, MessageList>();
    if (keepMessages) for (const [channelId, list] of this.messages) kept.set(channelId, list);
    for (const spaceId of this.spaces.keys()) this.routing.releaseSpace(spaceId, this.owner);
    for (const channelId of this.channels.keys()) this.routing.releaseChannel(channelId, this.owner);
    for (const channelId of this.dmChannels.keys()) this.routing.releaseChannel(channelId, this.owner);
    this.users.clear();
    this.statuses.clear();
    this.spaces.clear();
    this.channels.clear();
    this.spaceChannels.clear();
    this.dmChannels.clear();
    this.members.clear();
    this.roles.clear();
    this.messages.clear();
    this.threads.clear();
    this.unread.clear();
    this.mentions.clear();
    this.mutes.clear();
    this.voiceByChannel.clear();
    this.voiceByUser.clear();
    this.voiceServer = null;
    this.relationships.clear();
    this.presences.clear();
    this.calls.clear();
    this.bans.clear();
    this.invites.clear();
    this.userFetches.clear();
    return kept;
  }
}
