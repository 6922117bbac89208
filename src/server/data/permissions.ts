import { PERMISSIONS } from '../../protocol/permissions.js';
import { isDmChannel } from './serialize.js';
import type { ChannelRecord } from './records.js';
import type { Tables } from './tables.js';
import { pairKey } from './tables.js';

/** Permission evaluation (docs/protocol.md §4.5, §4.13): owner and instance admin imply administrator. */

const ALL: ReadonlySet<string> = new Set(PERMISSIONS);

/** What a DM / group DM participant may do there. */
const DM_PERMISSIONS: ReadonlySet<string> = new Set([
  'view_channel',
  'send_messages',
  'read_history',
  'add_reactions',
  'embed_links',
  'attach_files',
  'use_external_emojis',
  'connect',
  'speak',
  'stream',
  'use_vad',
  'send_in_threads',
  'create_threads',
]);

export const isMember = (tables: Tables, spaceId: string, userId: string): boolean =>
  tables.members.has(pairKey(spaceId, userId));

/** Owner or instance admin (membership is not checked here; `administrator` comes from roles). */
function hasImplicitAll(tables: Tables, spaceId: string, userId: string): boolean {
  const space = tables.spaces.get(spaceId);
  if (!space) return false;
  if (space.owner_id === userId) return true;
  return tables.users.get(userId)?.is_admin === true;
}

/** The member's space-level permissions: @everyone plus every assigned role. Empty for non-members. */
export function spacePermissions(tables: Tables, spaceId: string, userId: string): ReadonlySet<string> {
  const member = tables.members.get(pairKey(spaceId, userId));
  if (!member) return new Set();
  if (hasImplicitAll(tables, spaceId, userId)) return ALL;
  const granted = new Set<string>();
  for (const role of tables.roles.where('space', spaceId)) {
    if (role.position === 0 || member.roles.includes(role.id)) for (const p of role.permissions) granted.add(p);
  }
  return granted.has('administrator') ? ALL : granted;
}

export const hasSpacePermission = (tables: Tables, spaceId: string, userId: string, permission: string): boolean =>
  spacePermissions(tables, spaceId, userId).has(permission);

/** Space permissions with the channel's overwrites applied: roles (@everyone first), then the member's own. */
export function channelPermissions(tables: Tables, channel: ChannelRecord, userId: string): ReadonlySet<string> {
  if (isDmChannel(channel)) {
    return tables.participants.has(pairKey(channel.id, userId)) ? DM_PERMISSIONS : new Set();
  }
  if (channel.space_id === null) return new Set();
  const base = spacePermissions(tables, channel.space_id, userId);
  if (base === ALL || base.size === 0) return base;
  const member = tables.members.get(pairKey(channel.space_id, userId));
  const everyone = tables.roles.where('space', channel.space_id).find((r) => r.position === 0);
  const result = new Set(base);
  const apply = (allow: readonly string[], deny: readonly string[]) => {
    for (const p of deny) result.delete(p);
    for (const p of allow) result.add(p);
  };
  const overwrites = channel.permission_overwrites;
  const everyoneOverwrite = overwrites.find((o) => o.type === 'role' && o.id === everyone?.id);
  if (everyoneOverwrite) apply(everyoneOverwrite.allow, everyoneOverwrite.deny);
  const roleAllow: string[] = [];
  const roleDeny: string[] = [];
  for (const o of overwrites) {
    if (o.type === 'role' && o.id !== everyone?.id && member?.roles.includes(o.id)) {
      roleAllow.push(...o.allow);
      roleDeny.push(...o.deny);
    }
  }
  apply(roleAllow, roleDeny);
  const own = overwrites.find((o) => o.type === 'member' && o.id === userId);
  if (own) apply(own.allow, own.deny);
  return result;
}

/**
 * What @everyone may do in a space channel: the @everyone role, then its channel overwrite. This is
 * all an anonymous reader or a guest may see (DEVIATIONS.md: the real server shows them more).
 */
export function everyonePermissions(tables: Tables, channel: ChannelRecord): ReadonlySet<string> {
  if (channel.space_id === null || isDmChannel(channel)) return new Set();
  const everyone = tables.roles.where('space', channel.space_id).find((r) => r.position === 0);
  if (!everyone) return new Set();
  if (everyone.permissions.includes('administrator')) return ALL;
  const result = new Set(everyone.permissions);
  const overwrite = channel.permission_overwrites.find((o) => o.type === 'role' && o.id === everyone.id);
  for (const p of overwrite?.deny ?? []) result.delete(p);
  for (const p of overwrite?.allow ?? []) result.add(p);
  return result;
}

/** True when @everyone may view the channel: what anonymous channel lists and a guest's READY show. */
export const visibleToEveryone = (tables: Tables, channel: ChannelRecord): boolean =>
  everyonePermissions(tables, channel).has('view_channel');

/** The first of `wanted` the holder lacks; undefined when `held` covers them all (administrators hold everything). */
export function firstUnheld(held: ReadonlySet<string>, wanted: readonly string[]): string | undefined {
  if (held.has('administrator')) return undefined;
  return wanted.find((p) => !held.has(p));
}

export function hasChannelPermission(tables: Tables, channelId: string, userId: string, permission: string): boolean {
  const channel = tables.channels.get(channelId);
  return channel ? channelPermissions(tables, channel, userId).has(permission) : false;
}

/** Highest position among the member's roles (0 = only @everyone); Infinity for owner / admin. */
export function rank(tables: Tables, spaceId: string, userId: string): number {
  if (hasImplicitAll(tables, spaceId, userId)) return Infinity;
  const member = tables.members.get(pairKey(spaceId, userId));
  if (!member) return -1;
  let top = 0;
  for (const roleId of member.roles) top = Math.max(top, tables.roles.get(roleId)?.position ?? 0);
  return top;
}

/** Role hierarchy: `administrator` holders outrank everyone but the owner; otherwise a strictly higher role. */
export function outranksUser(tables: Tables, spaceId: string, actorId: string, targetId: string): boolean {
  if (tables.spaces.get(spaceId)?.owner_id === targetId) return false;
  if (hasSpacePermission(tables, spaceId, actorId, 'administrator')) return true;
  return rank(tables, spaceId, actorId) > rank(tables, spaceId, targetId);
}

export function outranksRole(tables: Tables, spaceId: string, actorId: string, rolePosition: number): boolean {
  if (hasSpacePermission(tables, spaceId, actorId, 'administrator')) return true;
  return rank(tables, spaceId, actorId) > rolePosition;
}
