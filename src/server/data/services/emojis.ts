import { badRequest, notFound } from '../errors.js';
import { compareIds } from '../ids.js';
import type { EmojiRecord } from '../records.js';
import { toEmoji } from '../serialize.js';
import type { Emoji } from '../wire.js';
import { requireMember, requireSpace, requireSpacePermission } from './access.js';
import type { ServiceContext } from './context.js';
import { publishToSpace } from './context.js';
import type { Body } from './validate.js';
import { dataUriMime, extensionFor, optString, reqString } from './validate.js';

const NAME = /^[A-Za-z0-9_]{2,32}$/;

function checkName(name: string): string {
  if (!NAME.test(name)) throw badRequest('emoji name must be 2-32 characters of letters, digits and _');
  return name;
}

function requireEmoji(ctx: ServiceContext, spaceId: string, emojiId: string): EmojiRecord {
  const emoji = ctx.data.tables.emojis.get(emojiId);
  if (emoji?.space_id !== spaceId) throw notFound('unknown_emoji');
  return emoji;
}

export function listEmojis(ctx: ServiceContext, userId: string, spaceId: string): Emoji[] {
  const space = requireSpace(ctx, spaceId);
  requireMember(ctx, space.id, userId);
  return ctx.data.tables.emojis.where('space', space.id).sort((a, b) => compareIds(a.id, b.id)).map(toEmoji);
}

export function getEmoji(ctx: ServiceContext, userId: string, spaceId: string, emojiId: string): Emoji {
  const space = requireSpace(ctx, spaceId);
  requireMember(ctx, space.id, userId);
  return toEmoji(requireEmoji(ctx, space.id, emojiId));
}

export function createEmoji(ctx: ServiceContext, userId: string, spaceId: string, body: Body): Emoji {
  const space = requireSpace(ctx, spaceId);
  requireSpacePermission(ctx, space.id, userId, 'manage_emojis');
  const name = checkName(reqString(body, 'name'));
  const mime = dataUriMime('image', reqString(body, 'image'), 'image');
  const id = ctx.data.nextId();
  const emoji = ctx.data.tables.emojis.put({
    id,
    space_id: space.id,
    name,
    animated: mime === 'image/gif',
    managed: false,
    available: true,
    require_colons: true,
    role_ids: [],
    creator_id: userId,
    image_url: `/cdn/emojis/${space.id}/${id}.${extensionFor(mime)}`,
  });
  publishToSpace(ctx, 'emoji.create', { space_id: space.id, emoji: toEmoji(emoji) }, space.id);
  return toEmoji(emoji);
}

export function patchEmoji(ctx: ServiceContext, userId: string, spaceId: string, emojiId: string, body: Body): Emoji {
  const space = requireSpace(ctx, spaceId);
  requireSpacePermission(ctx, space.id, userId, 'manage_emojis');
  const emoji = requireEmoji(ctx, space.id, emojiId);
  const name = optString(body, 'name');
  const next = ctx.data.tables.emojis.put({ ...emoji, name: name === undefined ? emoji.name : checkName(name) });
  publishToSpace(ctx, 'emoji.update', { space_id: space.id, emoji: toEmoji(next) }, space.id);
  return toEmoji(next);
}

export function deleteEmoji(ctx: ServiceContext, userId: string, spaceId: string, emojiId: string): void {
  const space = requireSpace(ctx, spaceId);
  requireSpacePermission(ctx, space.id, userId, 'manage_emojis');
  requireEmoji(ctx, space.id, emojiId);
  ctx.data.tables.emojis.delete(emojiId);
  publishToSpace(ctx, 'emoji.delete', { space_id: space.id, emoji_id: emojiId }, space.id);
}
