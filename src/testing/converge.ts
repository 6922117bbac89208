import type { RestTruth, TruthChannel, TruthMessage, TruthUnread } from './rest-truth.js';

/** The store reads a convergence check needs (AccordStore fits it). */
export interface StoreView {
  channels(spaceId: string): readonly StoreChannelLike[];
  members(spaceId: string): readonly StoreMemberLike[];
  roles(spaceId: string): readonly StoreRoleLike[];
  messages(channelId: string): readonly StoreMessageLike[];
  voiceStates(channelId: string): readonly StoreVoiceStateLike[];
  user(id: string): { status?: string } | null | undefined;
  isUnread(channelId: string): boolean;
  /** The channel the UI shows (AccordStore): its messages count as read as they arrive. */
  readonly currentChannelId?: string | null;
}

export interface StoreChannelLike {
  id: string;
  type: string;
  name: string | null;
  topic: string | null;
  position: number;
  parent_id: string | null;
}
export interface StoreMemberLike {
  user_id: string;
  nickname: string | null;
  roles: readonly string[];
  status?: string;
}
export interface StoreRoleLike {
  id: string;
  name: string;
  position: number;
  color: number;
  permissions: readonly string[];
}
export interface StoreMessageLike {
  id: string;
  content: string;
  edited_at: string | null;
  reactions: readonly { emoji: { name: string } | string; count: number; me: boolean }[] | null;
  /** Set on my own send not confirmed yet (a `local:` id): 'queued' | 'sending' | 'failed'. */
  pending?: string;
  error?: { code: string; message: string };
}
export interface StoreVoiceStateLike {
  user_id: string;
  self_mute: boolean;
  self_deaf: boolean;
  self_video: boolean;
  self_stream: boolean;
}

export type DivergenceScope = 'spaces' | 'channels' | 'members' | 'roles' | 'messages' | 'reactions' | 'voice' | 'presence' | 'unread' | 'truth';

export interface Divergence {
  /** Which store connection (the caller's label). */
  connection: string;
  scope: DivergenceScope;
  /** The entity concerned (space, channel, message, user id). */
  id: string;
  detail: string;
}

/** The truth reads used (RestTruth; tests may pass a fake). */
export type TruthSource = Pick<RestTruth, 'channels' | 'roles' | 'members' | 'messages' | 'voiceStates' | 'readStates'> &
  Partial<Pick<RestTruth, 'spaces'>>;

export interface ConvergeOptions {
  label: string;
  store: StoreView;
  truth: TruthSource;
  spaceIds: readonly string[];
  /**
   * The spaces the store's connection holds; when given (and the truth can list spaces), they must
   * be exactly the user's spaces on the server.
   */
  storeSpaceIds?: readonly string[];
  /** The connection's user (for presence and the unread rule). */
  userId: string;
  /** How many of the newest messages per channel are compared (default 50, the store's cap). */
  messageLimit?: number;
  /** Visible status of a user per the server ('online' | 'idle' | 'dnd' | 'offline'); skip if absent. */
  presence?: (userId: string) => string;
  /**
   * Whether the store must say "unread" for a channel, given the server's read state (undefined:
   * read) and the newest messages. Return undefined to skip the channel. Default: see
   * defaultUnreadRule.
   */
  expectUnread?: (channelId: string, serverState: TruthUnread | undefined, newest: readonly TruthMessage[]) => boolean | undefined;
  /** Channels the store must hold messages for even when its list is empty. */
  messagesLoaded?: (channelId: string) => boolean;
  /** Parallel REST requests (default 6). */
  concurrency?: number;
  /** Counts of what was compared are added here (so a run can show it checked something). */
  stats?: ConvergeStats;
}

export interface ConvergeStats {
  spaces: number;
  channels: number;
  members: number;
  roles: number;
  messages: number;
  voiceChannels: number;
  unreadFlags: number;
  presences: number;
}

export function emptyConvergeStats(): ConvergeStats {
  return { spaces: 0, channels: 0, members: 0, roles: 0, messages: 0, voiceChannels: 0, unreadFlags: 0, presences: 0 };
}

/**
 * Compares one store connection with the server's truth over REST and returns every difference:
 * channels, members and their roles, roles, the last N messages (ids, content, edited_at,
 * reactions with counts), voice states, presences and unread flags. An empty list means converged.
 */
export async function compareStoreWithServer(options: ConvergeOptions): Promise<Divergence[]> {
  const out: Divergence[] = [];
  const add = (scope: DivergenceScope, id: string, detail: string) => out.push({ connection: options.label, scope, id, detail });
  const limit = options.messageLimit ?? 50;
  const { store, truth } = options;
  const stats = options.stats ?? emptyConvergeStats();

  let unread: Map<string, TruthUnread>;
  try {
    unread = new Map((await truth.readStates()).map((entry) => [entry.channel_id, entry]));
  } catch (error) {
    add('truth', '@me', `read states: ${describe(error)}`);
    unread = new Map();
  }

  if (options.storeSpaceIds && truth.spaces) {
    try {
      const theirs = new Set((await truth.spaces()).map((space) => space.id));
      const mine = new Set(options.storeSpaceIds);
      for (const id of theirs) if (!mine.has(id)) add('spaces', id, 'a space of the user missing from the store');
      for (const id of mine) if (!theirs.has(id)) add('spaces', id, 'in the store but the user is not a member on the server');
    } catch (error) {
      add('truth', '@me/spaces', describe(error));
    }
  }

  await runLimited(
    options.spaceIds.map((spaceId) => async () => {
      let channels: TruthChannel[];
      try {
        const [truthChannels, members, roles] = await Promise.all([truth.channels(spaceId), truth.members(spaceId), truth.roles(spaceId)]);
        channels = truthChannels;
        stats.spaces++;
        stats.channels += channels.length;
        stats.members += members.length;
        stats.roles += roles.length;
        if (options.presence) stats.presences += members.length;
        compareChannels(spaceId, channels, store.channels(spaceId), add);
        compareMembers(spaceId, members, store.members(spaceId), add, options.presence, store);
        compareRoles(spaceId, roles, store.roles(spaceId), add);
      } catch (error) {
        add('truth', spaceId, describe(error));
        return;
      }
      await runLimited(
        channels.map((channel) => async () => {
          try {
            if (channel.type === 'voice') {
              const states = await truth.voiceStates(channel.id);
              stats.voiceChannels++;
              compareVoice(channel.id, states, store.voiceStates(channel.id), add);
            }
            if (channel.type === 'category' || channel.type === 'voice') return;
            const messages = await truth.messages(channel.id, limit);
            const { listed, inFlight } = serverMessagesOf(channel.id, store.messages(channel.id), add);
            stats.messages += Math.min(messages.length, listed.length);
            compareMessages(channel.id, messages, listed, inFlight, limit, options.messagesLoaded?.(channel.id) ?? false, add);
            const rule = options.expectUnread ?? defaultUnreadRule(options.userId);
            // The open channel is read by definition in the store, while the server keeps it
            // unread until an ack (which the store does not send): not comparable.
            const open = store.currentChannelId !== undefined && store.currentChannelId === channel.id;
            const expected = open ? undefined : rule(channel.id, unread.get(channel.id), messages);
            const actual = store.isUnread(channel.id);
            if (expected !== undefined) stats.unreadFlags++;
            if (expected !== undefined && expected !== actual) {
              add('unread', channel.id, `store says ${actual ? 'unread' : 'read'}, server ${expected ? 'unread' : 'read'}`);
            }
          } catch (error) {
            add('truth', channel.id, describe(error));
          }
        }),
        options.concurrency ?? 6,
      );
    }),
    2,
  );
  return out;
}

/**
 * Two definitions of "unread" meet here. The server's (read states, READY `unread`): the channel's
 * last message is newer than the user's read marker, whoever wrote it; only an ack moves the
 * marker. The store's (`isUnread`): READY's list, plus channels where someone else's message
 * arrived since (own messages never mark a channel, the open `currentChannelId` never is one).
 * Compared like with like: server read -> store read; server unread with a message by someone
 * else after the read marker -> store unread; server unread because of the user's own messages
 * alone -> either (skipped). The open channel is skipped by the caller.
 */
export function defaultUnreadRule(userId: string): NonNullable<ConvergeOptions['expectUnread']> {
  return (_channelId, serverState, newest) => {
    if (!serverState) return false;
    const lastRead = serverState.last_read_message_id;
    const byOthers = newest.some((message) => message.author_id !== userId && (lastRead === null || compareIds(message.id, lastRead) > 0));
    return byOthers ? true : undefined;
  };
}

type Add = (scope: DivergenceScope, id: string, detail: string) => void;

/**
 * The store's list without my pending sends (their `local:` ids are no server's), and the contents
 * of those still in flight (queued or sending): the server may have one already, whose create the
 * store holds until the answer shows it is mine. A send left `failed` is reported: the server
 * either never got it or has it while the store says it failed.
 */
function serverMessagesOf(channelId: string, all: readonly StoreMessageLike[], add: Add): { listed: readonly StoreMessageLike[]; inFlight: string[] } {
  if (!all.some((message) => message.pending !== undefined)) return { listed: all, inFlight: [] };
  const inFlight: string[] = [];
  for (const message of all) {
    if (message.pending === undefined) continue;
    if (message.pending !== 'failed') {
      inFlight.push(message.content);
      continue;
    }
    const reason = message.error ? `${message.error.code}: ${message.error.message}` : 'no reason given';
    add('messages', message.id, `a send left failed in channel ${channelId} (${reason})`);
  }
  return { listed: all.filter((message) => message.pending === undefined), inFlight };
}

function compareChannels(spaceId: string, truth: readonly TruthChannel[], store: readonly StoreChannelLike[], add: Add): void {
  const byId = new Map(store.map((channel) => [channel.id, channel]));
  for (const channel of truth) {
    const mine = byId.get(channel.id);
    if (!mine) {
      add('channels', channel.id, `missing from space ${spaceId}`);
      continue;
    }
    byId.delete(channel.id);
    for (const field of ['type', 'name', 'topic', 'position', 'parent_id'] as const) {
      if (mine[field] !== channel[field]) add('channels', channel.id, `${field}: store ${show(mine[field])}, server ${show(channel[field])}`);
    }
  }
  for (const extra of byId.keys()) add('channels', extra, `in the store but not on the server (space ${spaceId})`);
  const truthOrder = truth.map((channel) => channel.id).join(',');
  const storeOrder = store.map((channel) => channel.id).join(',');
  if (byId.size === 0 && truthOrder !== storeOrder && sameSet(truth, store)) add('channels', spaceId, 'channel order differs');
}

function compareMembers(
  spaceId: string,
  truth: readonly { user_id: string; nickname: string | null; roles: string[] }[],
  store: readonly StoreMemberLike[],
  add: Add,
  presence: ((userId: string) => string) | undefined,
  view: StoreView,
): void {
  const byId = new Map(store.map((member) => [member.user_id, member]));
  for (const member of truth) {
    const mine = byId.get(member.user_id);
    if (!mine) {
      add('members', member.user_id, `missing from space ${spaceId}`);
      continue;
    }
    byId.delete(member.user_id);
    if ((mine.nickname ?? null) !== (member.nickname ?? null)) {
      add('members', member.user_id, `nickname in ${spaceId}: store ${show(mine.nickname)}, server ${show(member.nickname)}`);
    }
    const mineRoles = [...mine.roles].sort().join(',');
    const truthRoles = [...member.roles].sort().join(',');
    if (mineRoles !== truthRoles) add('members', member.user_id, `roles in ${spaceId}: store [${mineRoles}], server [${truthRoles}]`);
    if (presence) {
      const expected = presence(member.user_id);
      const memberStatus = mine.status ?? 'offline';
      const userStatus = view.user(member.user_id)?.status ?? 'offline';
      if (memberStatus !== expected) add('presence', member.user_id, `member status in ${spaceId}: store ${memberStatus}, server ${expected}`);
      if (userStatus !== expected) add('presence', member.user_id, `user status: store ${userStatus}, server ${expected}`);
    }
  }
  for (const extra of byId.keys()) add('members', extra, `in the store but not a member of ${spaceId}`);
}

function compareRoles(
  spaceId: string,
  truth: readonly { id: string; name: string; position: number; color: number; permissions: string[] }[],
  store: readonly StoreRoleLike[],
  add: Add,
): void {
  const byId = new Map(store.map((role) => [role.id, role]));
  for (const role of truth) {
    const mine = byId.get(role.id);
    if (!mine) {
      add('roles', role.id, `missing from space ${spaceId}`);
      continue;
    }
    byId.delete(role.id);
    if (mine.name !== role.name) add('roles', role.id, `name: store ${show(mine.name)}, server ${show(role.name)}`);
    if (mine.position !== role.position) add('roles', role.id, `position: store ${mine.position}, server ${role.position}`);
    if (mine.color !== role.color) add('roles', role.id, `color: store ${mine.color}, server ${role.color}`);
    if ([...mine.permissions].sort().join(',') !== [...role.permissions].sort().join(',')) add('roles', role.id, 'permissions differ');
  }
  for (const extra of byId.keys()) add('roles', extra, `in the store but not on the server (space ${spaceId})`);
}

/**
 * Messages are compared over the window both sides hold: from the store's oldest message (or the
 * server's oldest of the last `limit`, whichever is newer) to the newest. Inside it, every id must
 * match in order (but for my sends in flight, matched by content), and each message's content,
 * edited_at and reactions must agree.
 */
function compareMessages(
  channelId: string,
  truth: readonly TruthMessage[],
  store: readonly StoreMessageLike[],
  inFlight: string[],
  limit: number,
  mustBeLoaded: boolean,
  add: Add,
): void {
  if (store.length === 0) {
    if (mustBeLoaded && truth.length > 0) add('messages', channelId, `store holds no messages, server has ${truth.length}`);
    return;
  }
  const storeOldest = store[0]?.id ?? '';
  const truthOldest = truth.length >= limit ? (truth[0]?.id ?? '') : '';
  const from = truthOldest && compareIds(truthOldest, storeOldest) > 0 ? truthOldest : storeOldest;
  const mine = store.filter((message) => compareIds(message.id, from) >= 0);
  const theirs = truth.filter((message) => compareIds(message.id, from) >= 0);
  const theirIds = new Set(theirs.map((message) => message.id));
  const myIds = new Set(mine.map((message) => message.id));
  for (const message of theirs) {
    if (myIds.has(message.id)) continue;
    // My send in flight that the server has already: the store shows its pending entry instead.
    const sending = inFlight.indexOf(message.content);
    if (sending >= 0) inFlight.splice(sending, 1);
    else add('messages', message.id, `missing from channel ${channelId}`);
  }
  for (const message of mine) if (!theirIds.has(message.id)) add('messages', message.id, `in channel ${channelId} in the store but not on the server`);
  const mineOrder = mine.filter((message) => theirIds.has(message.id)).map((message) => message.id);
  const theirOrder = theirs.filter((message) => myIds.has(message.id)).map((message) => message.id);
  if (mineOrder.join(',') !== theirOrder.join(',')) add('messages', channelId, 'message order differs');
  const byId = new Map(mine.map((message) => [message.id, message]));
  for (const message of theirs) {
    const held = byId.get(message.id);
    if (!held) continue;
    if (held.content !== message.content) add('messages', message.id, `content: store ${show(held.content)}, server ${show(message.content)}`);
    if ((held.edited_at ?? null) !== (message.edited_at ?? null)) {
      add('messages', message.id, `edited_at: store ${show(held.edited_at)}, server ${show(message.edited_at)}`);
    }
    const mineReactions = reactionSummary(held.reactions);
    const truthReactions = reactionSummary(message.reactions);
    if (mineReactions !== truthReactions) add('reactions', message.id, `store [${mineReactions}], server [${truthReactions}]`);
  }
}

function compareVoice(
  channelId: string,
  truth: readonly { user_id: string; self_mute: boolean; self_deaf: boolean; self_video: boolean; self_stream: boolean }[],
  store: readonly StoreVoiceStateLike[],
  add: Add,
): void {
  const summary = (states: readonly StoreVoiceStateLike[]) =>
    states
      .map((s) => `${s.user_id}:${flag(s.self_mute)}${flag(s.self_deaf)}${flag(s.self_video)}${flag(s.self_stream)}`)
      .sort()
      .join(',');
  const mine = summary(store);
  const theirs = summary(truth);
  if (mine !== theirs) add('voice', channelId, `store [${mine}], server [${theirs}]`);
}

function reactionSummary(reactions: readonly { emoji: { name: string } | string; count: number; me: boolean }[] | null): string {
  if (!reactions) return '';
  return reactions
    .filter((reaction) => reaction.count > 0)
    .map((reaction) => `${typeof reaction.emoji === 'string' ? reaction.emoji : reaction.emoji.name}x${reaction.count}${reaction.me ? '*' : ''}`)
    .sort()
    .join(' ');
}

/** Snowflakes as decimal strings: shorter is older, then lexicographic. */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

function sameSet(a: readonly { id: string }[], b: readonly { id: string }[]): boolean {
  if (a.length !== b.length) return false;
  const ids = new Set(a.map((item) => item.id));
  return b.every((item) => ids.has(item.id));
}

function flag(value: boolean): string {
  return value ? '1' : '0';
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs async tasks with at most `limit` in flight. */
export async function runLimited(tasks: readonly (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const task = tasks[next++];
      if (task) await task();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}
