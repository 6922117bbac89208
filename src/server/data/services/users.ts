import { badRequest, conflict } from '../errors.js';
import { dmChannelsOf, dmPeerIds, friendIds, userSpaceIds } from '../queries.js';
import type { UserRecord } from '../records.js';
import { toDmChannel, toPublicUser, toUser } from '../serialize.js';
import { storedTime } from '../time.js';
import type { Channel, PublicUser, SpaceRow, User } from '../wire.js';
import { requireUser } from './access.js';
import type { ServiceContext } from './context.js';
import { publishToSpace, publishToUsers } from './context.js';
import type { Body } from './validate.js';
import { checkLength, dataUriMime, extensionFor, optNullableString, optNumber, optString } from './validate.js';

const USERNAME = /^[a-z0-9_.]{1,32}$/;

export function validateUsername(username: string): string {
  if (!USERNAME.test(username) || username.startsWith('.') || username.endsWith('.')) {
    throw badRequest('username must be 1-32 characters of a-z, 0-9, _ and ., not starting or ending with .');
  }
  return username;
}

export const usernameTaken = (ctx: ServiceContext, username: string): boolean =>
  ctx.data.tables.users.where('username', username).length > 0;

export interface NewUser {
  username: string;
  displayName?: string | null;
  passwordHash: string | null;
  bot?: boolean;
  isAdmin?: boolean;
}

export function insertUser(ctx: ServiceContext, input: NewUser): UserRecord {
  return ctx.data.tables.users.put({
    id: ctx.data.nextId(),
    username: input.username,
    display_name: input.displayName === undefined ? input.username : input.displayName,
    avatar: null,
    banner: null,
    accent_color: null,
    bio: null,
    bot: input.bot ?? false,
    system: false,
    is_admin: input.isAdmin ?? false,
    mfa_enabled: false,
    disabled: false,
    flags: 0,
    public_flags: 0,
    created_at: storedTime(ctx.data.clock.now()),
    password_hash: input.passwordHash,
  });
}

export const getMe = (ctx: ServiceContext, userId: string): User => toUser(requireUser(ctx, userId));

/** Self -> private form; anyone else -> public form (no shared-space check, like the real server). */
export function getUser(ctx: ServiceContext, viewerId: string, userId: string): User | PublicUser {
  const user = requireUser(ctx, userId);
  return viewerId === userId ? toUser(user) : toPublicUser(user);
}

export function mySpaces(ctx: ServiceContext, userId: string): SpaceRow[] {
  const out: SpaceRow[] = [];
  for (const id of userSpaceIds(ctx.data.tables, userId)) {
    const space = ctx.data.tables.spaces.get(id);
    if (space) out.push({ ...space });
  }
  return out;
}

export const myDmChannels = (ctx: ServiceContext, userId: string): Channel[] =>
  dmChannelsOf(ctx.data.tables, userId).map((c) => toDmChannel(ctx.data.tables, c));

/** A relative CDN path for an uploaded data URI, null for "" (clear), undefined when absent. */
function imagePath(body: Body, key: string, folder: string, stem: string): string | null | undefined {
  const value = optNullableString(body, key);
  if (value === undefined) return undefined;
  if (value === null || value === '') return null;
  return `/cdn/${folder}/${stem}.${extensionFor(dataUriMime(key, value, 'image'))}`;
}

export function patchMe(ctx: ServiceContext, userId: string, body: Body): User {
  const user = requireUser(ctx, userId);
  const next: UserRecord = { ...user };
  const username = optString(body, 'username');
  if (username !== undefined && username !== user.username) {
    validateUsername(username);
    if (usernameTaken(ctx, username)) throw conflict('username already taken');
    next.username = username;
  }
  const displayName = optNullableString(body, 'display_name');
  if (displayName !== undefined) next.display_name = displayName === null ? null : checkLength('display_name', displayName, 1, 32);
  const bio = optNullableString(body, 'bio');
  if (bio !== undefined) next.bio = bio === null ? null : checkLength('bio', bio, 0, 2000);
  if ('accent_color' in body) next.accent_color = optNumber(body, 'accent_color') ?? null;
  const avatar = imagePath(body, 'avatar', 'avatars', user.id);
  if (avatar !== undefined) next.avatar = avatar;
  const banner = imagePath(body, 'banner', 'banners', user.id);
  if (banner !== undefined) next.banner = banner;
  ctx.data.tables.users.put(next);
  announceUserUpdate(ctx, next);
  return toUser(next);
}

/** user.update: one copy per space of the user, plus one to {self, friends, DM peers} (§3.6). */
export function announceUserUpdate(ctx: ServiceContext, user: UserRecord): void {
  const payload = toPublicUser(user);
  const { tables } = ctx.data;
  for (const spaceId of userSpaceIds(tables, user.id)) publishToSpace(ctx, 'user.update', payload, spaceId);
  publishToUsers(ctx, 'user.update', payload, [user.id, ...friendIds(tables, user.id), ...dmPeerIds(tables, user.id)]);
}
