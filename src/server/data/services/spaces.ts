import { badRequest, conflict, forbidden } from '../errors.js';
import { compareIds } from '../ids.js';
import type { ChannelRecord, SpaceRecord } from '../records.js';
import { toChannel, toMember, toRole, toSpace, toUser } from '../serialize.js';
import { pairKey } from '../tables.js';
import { storedTime } from '../time.js';
import type { SpaceRow } from '../wire.js';
import { requireSpace, requireSpacePermission, requireUser } from './access.js';
import { deleteChannelRows } from './channels.js';
import type { ServiceContext } from './context.js';
import { publishToSpace, publishToUsers } from './context.js';
import { insertMember, joinSpace } from './membership.js';
import { CHANNEL_DEFAULTS, DEFAULT_ROLES, SPACE_DEFAULTS } from './space-defaults.js';
import type { Body } from './validate.js';
import { checkLength, dataUriMime, extensionFor, optBool, optInt, optNullableString, optString, reqString } from './validate.js';

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

function uniqueSlug(ctx: ServiceContext, name: string): string {
  const base = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48) || 'space';
  let slug = base;
  for (let n = 2; ctx.data.tables.spaces.where('slug', slug).length > 0; n++) slug = `${base}-${n}`;
  return slug;
}

export interface NewSpace {
  name: string;
  slug?: string;
  description?: string | null;
  public?: boolean;
  allowGuestAccess?: boolean;
}

/**
 * Creates a space with @everyone / Moderator / Admin and a #general text channel (its system
 * channel); the owner joins with Admin. Announces (superset, DEVIATIONS.md): `space.create` to the
 * owner, their `member.join` (refreshing their routing), their stored presence, `role.create`×3,
 * `channel.create`, `member.update`.
 */
export function insertSpace(ctx: ServiceContext, ownerId: string, input: NewSpace): SpaceRecord {
  const { tables, clock } = ctx.data;
  const owner = requireUser(ctx, ownerId);
  const createdAt = storedTime(clock.now());
  const spaceId = ctx.data.nextId();
  const channel: ChannelRecord = {
    ...CHANNEL_DEFAULTS,
    id: ctx.data.nextId(),
    type: 'text',
    space_id: spaceId,
    name: 'general',
    permission_overwrites: [],
    created_at: createdAt,
  };
  const space = tables.spaces.put({
    ...SPACE_DEFAULTS,
    id: spaceId,
    name: input.name,
    slug: input.slug ?? uniqueSlug(ctx, input.name),
    description: input.description ?? null,
    owner_id: owner.id,
    system_channel_id: channel.id,
    public: input.public ?? false,
    allow_guest_access: input.allowGuestAccess ?? true,
    created_at: createdAt,
  });
  const roles = DEFAULT_ROLES.map((r) =>
    tables.roles.put({ ...r, permissions: [...r.permissions], id: ctx.data.nextId(), space_id: spaceId, icon: null, managed: false, mentionable: false }),
  );
  tables.channels.put(channel);
  const adminRole = roles[2];
  const member = insertMember(ctx, spaceId, owner.id, adminRole ? [adminRole.id] : []);
  publishToUsers(ctx, 'space.create', toSpace(space), [owner.id]);
  publishToSpace(ctx, 'member.join', { space_id: spaceId, user: toUser(owner), joined_at: member.joined_at }, spaceId);
  ctx.gateway.publishPresence(owner.id, spaceId);
  for (const role of roles) publishToSpace(ctx, 'role.create', { space_id: spaceId, role: toRole(role) }, spaceId);
  publishToSpace(ctx, 'channel.create', toChannel(channel), spaceId);
  publishToSpace(ctx, 'member.update', toMember(member), spaceId);
  return space;
}

export function createSpace(ctx: ServiceContext, userId: string, body: Body): SpaceRow {
  const name = checkLength('name', reqString(body, 'name'), 1, 100);
  const slug = optString(body, 'slug');
  if (slug !== undefined) {
    if (!SLUG.test(slug)) throw badRequest('slug must be lowercase letters, digits and dashes');
    if (ctx.data.tables.spaces.where('slug', slug).length > 0) throw conflict('slug already taken');
  }
  const description = optNullableString(body, 'description');
  if (description) checkLength('description', description, 0, 1000);
  return toSpace(insertSpace(ctx, userId, {
    name,
    slug,
    description,
    public: optBool(body, 'public'),
    allowGuestAccess: optBool(body, 'allow_guest_access'),
  }));
}

export function publicSpaces(ctx: ServiceContext) {
  return [...ctx.data.tables.spaces.values()]
    .filter((s) => s.public)
    .sort((a, b) => compareIds(a.id, b.id))
    .map((s) => ({
      id: s.id,
      name: s.name,
      slug: s.slug,
      description: s.description,
      icon: s.icon,
      member_count: ctx.data.tables.members.countWhere('space', s.id),
      public: s.public,
      allow_guest_access: s.allow_guest_access,
    }));
}

/** Public spaces are readable by anyone; others by members (and their guests). */
export function getSpace(ctx: ServiceContext, viewerId: string | null, idOrSlug: string, guestSpaceId?: string): SpaceRow {
  const space = requireSpace(ctx, idOrSlug);
  if (space.public || space.id === guestSpaceId) return toSpace(space);
  if (viewerId === null || !ctx.data.tables.members.has(pairKey(space.id, viewerId))) {
    throw forbidden('not a member of this space');
  }
  return toSpace(space);
}

const STRING_FIELDS = ['verification_level', 'default_notifications', 'preferred_locale'] as const;
const NULLABLE_ID_FIELDS = ['afk_channel_id', 'system_channel_id', 'rules_channel_id'] as const;

export function patchSpace(ctx: ServiceContext, userId: string, spaceId: string, body: Body): SpaceRow {
  const space = requireSpace(ctx, spaceId);
  requireSpacePermission(ctx, space.id, userId, 'manage_space');
  const next: SpaceRecord = { ...space };
  const name = optString(body, 'name');
  if (name !== undefined) next.name = checkLength('name', name, 1, 100);
  const slug = optString(body, 'slug');
  if (slug !== undefined && slug !== space.slug) {
    if (!SLUG.test(slug)) throw badRequest('slug must be lowercase letters, digits and dashes');
    if (ctx.data.tables.spaces.where('slug', slug).length > 0) throw conflict('slug already taken');
    next.slug = slug;
  }
  const description = optNullableString(body, 'description');
  if (description !== undefined) next.description = description === null ? null : checkLength('description', description, 0, 1000);
  for (const key of STRING_FIELDS) {
    const value = optString(body, key);
    if (value !== undefined) next[key] = value;
  }
  for (const key of NULLABLE_ID_FIELDS) {
    const value = optNullableString(body, key);
    if (value === undefined) continue;
    if (value !== null && ctx.data.tables.channels.get(value)?.space_id !== space.id) throw badRequest(`${key} must be a channel of this space`);
    next[key] = value;
  }
  const afkTimeout = optInt(body, 'afk_timeout');
  if (afkTimeout !== undefined) next.afk_timeout = afkTimeout;
  const isPublic = optBool(body, 'public');
  if (isPublic !== undefined) next.public = isPublic;
  const guests = optBool(body, 'allow_guest_access');
  if (guests !== undefined) next.allow_guest_access = guests;
  for (const key of ['icon', 'banner'] as const) {
    const value = optNullableString(body, key);
    if (value === undefined) continue;
    next[key] = value === null || value === '' ? null : `/cdn/${key}s/${space.id}.${extensionFor(dataUriMime(key, value, 'image'))}`;
  }
  ctx.data.tables.spaces.put(next);
  publishToSpace(ctx, 'space.update', toSpace(next), space.id);
  return toSpace(next);
}

/** Owner or instance admin. `space.delete` goes out before the rows disappear. */
export function deleteSpace(ctx: ServiceContext, userId: string, spaceId: string): void {
  const space = requireSpace(ctx, spaceId);
  const user = requireUser(ctx, userId);
  if (space.owner_id !== userId && !user.is_admin) throw forbidden('only the owner can delete a space');
  publishToSpace(ctx, 'space.delete', { id: space.id }, space.id);
  const { tables } = ctx.data;
  ctx.data.transaction(() => {
    for (const channel of tables.channels.where('space', space.id)) deleteChannelRows(tables, channel.id);
    for (const m of tables.members.where('space', space.id)) tables.members.delete(pairKey(m.space_id, m.user_id));
    for (const r of tables.roles.where('space', space.id)) tables.roles.delete(r.id);
    for (const b of tables.bans.where('space', space.id)) tables.bans.delete(pairKey(b.space_id, b.user_id));
    for (const i of tables.invites.where('space', space.id)) tables.invites.delete(i.code);
    for (const e of tables.emojis.where('space', space.id)) tables.emojis.delete(e.id);
    for (const s of tables.sounds.where('space', space.id)) tables.sounds.delete(s.id);
    for (const j of tables.joins.where('space', space.id)) tables.joins.delete(pairKey(j.space_id, j.user_id));
    tables.spaces.delete(space.id);
  });
}

/** `POST /spaces/{id_or_slug}/join`: public spaces only. */
export function joinPublicSpace(ctx: ServiceContext, userId: string, idOrSlug: string): { space_id: string } {
  const space = requireSpace(ctx, idOrSlug);
  if (!space.public) throw forbidden('this space is not public');
  joinSpace(ctx, space.id, userId, 'public');
  return { space_id: space.id };
}
