import { forbidden, missingPermission, notFound } from '../errors.js';
import { channelPermissions, everyonePermissions, firstUnheld, hasSpacePermission, isMember } from '../permissions.js';
import type { ChannelRecord, MessageRecord, SpaceRecord, UserRecord } from '../records.js';
import { isDmChannel } from '../serialize.js';
import type { ServiceContext } from './context.js';

/** Lookups that throw the REST error the real server answers with. */

export function requireUser(ctx: ServiceContext, userId: string): UserRecord {
  const user = ctx.data.tables.users.get(userId);
  if (!user) throw notFound('unknown_user');
  return user;
}

/** By id, or by slug where the route allows `{id_or_slug}`. */
export function requireSpace(ctx: ServiceContext, idOrSlug: string): SpaceRecord {
  const { spaces } = ctx.data.tables;
  const space = spaces.get(idOrSlug) ?? spaces.where('slug', idOrSlug)[0];
  if (!space) throw notFound('unknown_space');
  return space;
}

export function requireMember(ctx: ServiceContext, spaceId: string, userId: string): void {
  if (!isMember(ctx.data.tables, spaceId, userId)) throw forbidden('not a member of this space');
}

export function requireSpacePermission(ctx: ServiceContext, spaceId: string, userId: string, permission: string): void {
  requireMember(ctx, spaceId, userId);
  if (!hasSpacePermission(ctx.data.tables, spaceId, userId, permission)) throw missingPermission(permission);
}

export function requireChannel(ctx: ServiceContext, channelId: string): ChannelRecord {
  const channel = ctx.data.tables.channels.get(channelId);
  if (!channel) throw notFound('unknown_channel');
  return channel;
}

/** The channel, when the user is a participant (DM) or a member who can view it (space). */
export function requireChannelAccess(ctx: ServiceContext, channelId: string, userId: string): ChannelRecord {
  const channel = requireChannel(ctx, channelId);
  if (isDmChannel(channel)) {
    if (!channelPermissions(ctx.data.tables, channel, userId).has('view_channel')) throw forbidden('not a participant');
    return channel;
  }
  if (channel.space_id !== null) requireMember(ctx, channel.space_id, userId);
  if (!channelPermissions(ctx.data.tables, channel, userId).has('view_channel')) throw missingPermission('view_channel');
  return channel;
}

export function requireChannelPermission(
  ctx: ServiceContext,
  channelId: string,
  userId: string,
  permission: string,
): ChannelRecord {
  const channel = requireChannelAccess(ctx, channelId, userId);
  if (!channelPermissions(ctx.data.tables, channel, userId).has(permission)) throw missingPermission(permission);
  return channel;
}

/**
 * An anonymous reader or a guest reads what @everyone may read there, no more: view_channel and
 * read_history after the @everyone overwrite (the real server shows them hidden channels too).
 */
export function requireEveryoneCanRead(ctx: ServiceContext, channel: ChannelRecord): void {
  const everyone = everyonePermissions(ctx.data.tables, channel);
  const missing = firstUnheld(everyone, ['view_channel', 'read_history']);
  if (missing !== undefined) throw missingPermission(missing);
}

export function requireNotTimedOut(ctx: ServiceContext, channel: ChannelRecord, userId: string): void {
  if (channel.space_id !== null && ctx.data.isTimedOut(userId, channel.space_id)) throw forbidden('you are timed out');
}

export function requireMessage(ctx: ServiceContext, messageId: string, channelId?: string): MessageRecord {
  const message = ctx.data.tables.messages.get(messageId);
  if (!message || (channelId !== undefined && message.channel_id !== channelId)) throw notFound('unknown_message');
  return message;
}

export function canManageMessages(ctx: ServiceContext, channel: ChannelRecord, userId: string): boolean {
  return channelPermissions(ctx.data.tables, channel, userId).has('manage_messages');
}

/**
 * Nobody grants a permission they do not hold (owner, instance admins and administrators hold
 * them all): role creation and edits, like the real server, and channel overwrites (a security
 * fix, DEVIATIONS.md). `held` is what the actor holds where the grant applies.
 */
export function requireGrantable(held: ReadonlySet<string>, wanted: readonly string[]): void {
  const missing = firstUnheld(held, wanted);
  if (missing !== undefined) throw forbidden(`you cannot grant a permission you do not have: ${missing}`);
}
