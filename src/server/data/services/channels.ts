import { badRequest, forbidden, notFound } from '../errors.js';
import type { ChannelRecord, PermissionOverwriteRecord } from '../records.js';
import { channelPermissions, visibleToEveryone } from '../permissions.js';
import { spaceChannels } from '../queries.js';
import { channelPayload, isDmChannel, participantIds, toChannel } from '../serialize.js';
import type { Tables } from '../tables.js';
import { pairKey } from '../tables.js';
import { storedTime } from '../time.js';
import type { Channel } from '../wire.js';
import { requireChannelAccess, requireGrantable, requireSpace, requireSpacePermission } from './access.js';
import type { ServiceContext } from './context.js';
import { publishForChannel, publishToSpace } from './context.js';
import { deleteMessageRows } from './messages.js';
import { CHANNEL_DEFAULTS } from './space-defaults.js';
import type { Body } from './validate.js';
import { checkLength, checkRange, optBool, optInt, optNullableString, optString, reqString } from './validate.js';

export const listSpaceChannels = (ctx: ServiceContext, spaceId: string): Channel[] =>
  spaceChannels(ctx.data.tables, spaceId).map(toChannel);

/** The channels @everyone may view: what anonymous readers and guests are shown. */
export const listEveryoneChannels = (ctx: ServiceContext, spaceId: string): Channel[] =>
  spaceChannels(ctx.data.tables, spaceId)
    .filter((c) => visibleToEveryone(ctx.data.tables, c))
    .map(toChannel);

function checkParent(ctx: ServiceContext, spaceId: string, parentId: string | null): string | null {
  if (parentId === null) return null;
  const parent = ctx.data.tables.channels.get(parentId);
  if (parent?.space_id !== spaceId || parent.type !== 'category') throw badRequest('parent_id must be a category of this space');
  return parentId;
}

/** Validated optional channel fields shared by create and patch. */
function channelFields(ctx: ServiceContext, spaceId: string, body: Body): Partial<ChannelRecord> {
  const out: Partial<ChannelRecord> = {};
  const topic = optNullableString(body, 'topic');
  if (topic !== undefined) out.topic = topic === null ? null : checkLength('topic', topic, 0, 1024);
  const parent = optNullableString(body, 'parent_id');
  if (parent !== undefined) out.parent_id = checkParent(ctx, spaceId, parent);
  const nsfw = optBool(body, 'nsfw');
  if (nsfw !== undefined) out.nsfw = nsfw;
  const bitrate = optInt(body, 'bitrate');
  if (bitrate !== undefined) out.bitrate = checkRange('bitrate', bitrate, 0, 384000);
  const userLimit = optInt(body, 'user_limit');
  if (userLimit !== undefined) out.user_limit = checkRange('user_limit', userLimit, 0, 99);
  const rateLimit = optInt(body, 'rate_limit');
  if (rateLimit !== undefined) out.rate_limit = checkRange('rate_limit', rateLimit, 0, 21600);
  const position = optInt(body, 'position');
  if (position !== undefined) out.position = position;
  const anonymous = optBool(body, 'allow_anonymous_read');
  if (anonymous !== undefined) out.allow_anonymous_read = anonymous;
  const archived = optBool(body, 'archived');
  if (archived !== undefined) out.archived = archived;
  return out;
}

export function insertChannel(ctx: ServiceContext, spaceId: string, name: string, type: string, fields: Partial<ChannelRecord> = {}): ChannelRecord {
  return ctx.data.tables.channels.put({
    ...CHANNEL_DEFAULTS,
    ...fields,
    id: ctx.data.nextId(),
    type,
    space_id: spaceId,
    name,
    permission_overwrites: [],
    created_at: storedTime(ctx.data.clock.now()),
  });
}

export function createChannel(ctx: ServiceContext, userId: string, spaceId: string, body: Body): Channel {
  const space = requireSpace(ctx, spaceId);
  requireSpacePermission(ctx, space.id, userId, 'manage_channels');
  const name = checkLength('name', reqString(body, 'name'), 1, 100);
  const type = optString(body, 'type') ?? 'text'; // the real server stores any type string
  const channel = insertChannel(ctx, space.id, name, type, channelFields(ctx, space.id, body));
  publishToSpace(ctx, 'channel.create', toChannel(channel), space.id);
  return toChannel(channel);
}

export function getChannel(ctx: ServiceContext, userId: string, channelId: string): Channel {
  return channelPayload(ctx.data.tables, requireChannelAccess(ctx, channelId, userId));
}

/** channel.update: space-routed, or to the DM participants (with recipients). */
const announceChannelUpdate = (ctx: ServiceContext, channel: ChannelRecord): void =>
  publishForChannel(ctx, 'channel.update', channelPayload(ctx.data.tables, channel), channel);

export function patchChannel(ctx: ServiceContext, userId: string, channelId: string, body: Body): Channel {
  const channel = requireChannelAccess(ctx, channelId, userId);
  const next: ChannelRecord = { ...channel };
  if (isDmChannel(channel)) {
    if (channel.type === 'dm') throw badRequest('a direct message channel cannot be modified');
    if (channel.owner_id !== userId) throw forbidden('only the group owner can modify this channel');
    const name = optNullableString(body, 'name');
    if (name !== undefined) next.name = name === null ? '' : checkLength('name', name, 0, 100);
  } else {
    if (channel.space_id === null) throw notFound('unknown_channel');
    requireSpacePermission(ctx, channel.space_id, userId, 'manage_channels');
    const name = optString(body, 'name');
    if (name !== undefined) next.name = checkLength('name', name, 1, 100);
    const type = optString(body, 'type');
    if (type !== undefined && type !== channel.type) {
      const swap = new Set(['text', 'announcement']);
      if (!swap.has(type) || !swap.has(channel.type)) throw badRequest('only text and announcement channels can change type');
      next.type = type;
    }
    Object.assign(next, channelFields(ctx, channel.space_id, body));
  }
  ctx.data.tables.channels.put(next);
  announceChannelUpdate(ctx, next);
  return channelPayload(ctx.data.tables, next);
}

/** Space channel: delete (`channel.delete` first). DM / group DM: leave it (`channel.update` to the rest). */
export function deleteChannel(ctx: ServiceContext, userId: string, channelId: string): void {
  const channel = requireChannelAccess(ctx, channelId, userId);
  const { tables } = ctx.data;
  if (isDmChannel(channel)) {
    tables.participants.delete(pairKey(channel.id, userId));
    const rest = participantIds(tables, channel.id);
    const next = channel.owner_id === userId && channel.type === 'group_dm' ? { ...channel, owner_id: rest[0] ?? null } : channel;
    tables.channels.put(next);
    if (rest.length > 0) announceChannelUpdate(ctx, next);
    return;
  }
  if (channel.space_id === null) throw notFound('unknown_channel');
  requireSpacePermission(ctx, channel.space_id, userId, 'manage_channels');
  publishToSpace(ctx, 'channel.delete', { id: channel.id, space_id: channel.space_id }, channel.space_id);
  ctx.data.transaction(() => {
    deleteChannelRows(tables, channel.id);
    for (const child of tables.channels.where('space', channel.space_id ?? '')) {
      if (child.parent_id === channel.id) tables.channels.put({ ...child, parent_id: null });
    }
  });
}

/** Deletes a space channel and what hangs off it: messages (with reactions), mutes, read states. No event. */
export function deleteChannelRows(tables: Tables, channelId: string): void {
  for (const message of tables.messages.where('channel', channelId)) deleteMessageRows(tables, message.id);
  for (const mute of tables.mutes.where('channel', channelId)) tables.mutes.delete(pairKey(mute.user_id, channelId));
  for (const state of tables.readStates.where('channel', channelId)) tables.readStates.delete(pairKey(state.user_id, channelId));
  tables.channels.delete(channelId);
}

/** `PATCH /spaces/{id}/channels` with `[{id, position}]` -> the full re-read list + `channel.reorder`. */
export function reorderChannels(ctx: ServiceContext, userId: string, spaceId: string, body: unknown): Channel[] {
  const space = requireSpace(ctx, spaceId);
  requireSpacePermission(ctx, space.id, userId, 'manage_channels');
  const moves = readPositions(body);
  for (const move of moves) {
    const channel = ctx.data.tables.channels.get(move.id);
    if (channel?.space_id !== space.id) throw badRequest(`unknown channel ${move.id}`);
  }
  for (const move of moves) {
    const channel = ctx.data.tables.channels.get(move.id);
    if (channel) ctx.data.tables.channels.put({ ...channel, position: move.position });
  }
  const channels = listSpaceChannels(ctx, space.id);
  publishToSpace(ctx, 'channel.reorder', { space_id: space.id, channels }, space.id);
  return channels;
}

/** A `[{id, position}]` body (channels and roles reorder). */
export function readPositions(body: unknown): { id: string; position: number }[] {
  if (!Array.isArray(body)) throw badRequest('body must be an array of {id, position}');
  return body.map((entry: unknown) => {
    const e = entry as { id?: unknown; position?: unknown } | null;
    if (typeof e?.id !== 'string' || typeof e.position !== 'number' || !Number.isInteger(e.position)) {
      throw badRequest('each entry must be {id: string, position: integer}');
    }
    return { id: e.id, position: e.position };
  });
}

/** A space channel whose overwrites the user may manage (manage_roles); DMs have none. */
function requireOverwriteAccess(ctx: ServiceContext, userId: string, channelId: string): ChannelRecord {
  const channel = requireChannelAccess(ctx, channelId, userId);
  if (channel.space_id === null) throw badRequest('direct message channels have no permission overwrites');
  requireSpacePermission(ctx, channel.space_id, userId, 'manage_roles');
  return channel;
}

export const listOverwrites = (ctx: ServiceContext, userId: string, channelId: string): PermissionOverwriteRecord[] =>
  requireOverwriteAccess(ctx, userId, channelId).permission_overwrites;

/** `PUT /channels/{id}/permissions/{oid}`: silent, like the real server. */
export function putOverwrite(ctx: ServiceContext, userId: string, channelId: string, overwriteId: string, body: Body): null {
  const channel = requireOverwriteAccess(ctx, userId, channelId);
  const type = reqString(body, 'type');
  if (type !== 'role' && type !== 'member') throw badRequest('type must be "role" or "member"');
  const allow = stringList(body.allow, 'allow');
  const deny = stringList(body.deny, 'deny');
  requireGrantable(channelPermissions(ctx.data.tables, channel, userId), allow);
  const overwrite: PermissionOverwriteRecord = { id: overwriteId, type, allow, deny };
  const rest = channel.permission_overwrites.filter((o) => o.id !== overwriteId);
  ctx.data.tables.channels.put({ ...channel, permission_overwrites: [...rest, overwrite] });
  return null;
}

export function deleteOverwrite(ctx: ServiceContext, userId: string, channelId: string, overwriteId: string): null {
  const channel = requireOverwriteAccess(ctx, userId, channelId);
  const rest = channel.permission_overwrites.filter((o) => o.id !== overwriteId);
  ctx.data.tables.channels.put({ ...channel, permission_overwrites: rest });
  return null;
}

function stringList(value: unknown, key: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw badRequest(`${key} must be an array of permission strings`);
  return value as string[];
}
