import { Type, type Static } from '@sinclair/typebox';
import { arrayOf, bool, nullable, nullableNum, nullableStr, num, str, strArray } from './schema-helpers.js';
import { modelParser } from './model-parser.js';

export const AttachmentSchema = Type.Object({
  id: str(),
  filename: str(),
  description: nullableStr(),
  content_type: nullableStr(),
  size: num(),
  url: str(),
  width: nullableNum(),
  height: nullableNum(),
});
export type Attachment = Static<typeof AttachmentSchema>;

const EmbedMedia = Type.Object({ url: str(), width: nullableNum(), height: nullableNum() });

export const EmbedSchema = Type.Object({
  title: nullableStr(),
  type: nullableStr(),
  description: nullableStr(),
  url: nullableStr(),
  timestamp: nullableStr(),
  color: nullableNum(),
  footer: nullable(Type.Object({ text: str(), icon_url: nullableStr() })),
  image: nullable(EmbedMedia),
  thumbnail: nullable(EmbedMedia),
  author: nullable(Type.Object({ name: str(), url: nullableStr(), icon_url: nullableStr() })),
  fields: nullable(Type.Array(Type.Object({ name: str(), value: str(), inline: bool() }))),
});
export type Embed = Static<typeof EmbedSchema>;

export const ReactionEmojiSchema = Type.Object({ id: nullableStr(), name: str() });
export type ReactionEmoji = Static<typeof ReactionEmojiSchema>;

/** A reaction on a message: `me` is whether the current user reacted. */
export const ReactionSchema = Type.Object({ emoji: ReactionEmojiSchema, count: num(), me: bool() });
export type Reaction = Static<typeof ReactionSchema>;

/** Message (docs/protocol.md §4.6): `author_id`, not an author object; `reactions` null in events. */
export const MessageSchema = Type.Object({
  id: str(),
  channel_id: str(),
  space_id: nullableStr(),
  author_id: str(),
  content: str(),
  type: str('default'),
  timestamp: str(),
  edited_at: nullableStr(),
  tts: bool(),
  pinned: bool(),
  mention_everyone: bool(),
  mentions: strArray(),
  mention_roles: strArray(),
  attachments: arrayOf(AttachmentSchema),
  embeds: arrayOf(EmbedSchema),
  reactions: nullable(Type.Array(ReactionSchema)),
  reply_to: nullableStr(),
  flags: num(),
  webhook_id: nullableStr(),
  thread_id: nullableStr(),
  reply_count: num(),
  title: nullableStr(),
  last_reply_at: Type.Optional(Type.String()),
});
export type Message = Static<typeof MessageSchema>;

/** Federation relays send `author: {id, …}` and `created_at` instead (docs/protocol.md §3.2). */
function fromRelayShape(data: Record<string, unknown>): Record<string, unknown> {
  const author = data['author'];
  const needsAuthor = typeof data['author_id'] !== 'string' && typeof author === 'object' && author !== null;
  const needsTimestamp = typeof data['timestamp'] !== 'string' && typeof data['created_at'] === 'string';
  if (!needsAuthor && !needsTimestamp) return data;
  const out: Record<string, unknown> = { ...data };
  if (needsAuthor) out['author_id'] = (author as Record<string, unknown>)['id'];
  if (needsTimestamp) out['timestamp'] = data['created_at'];
  return out;
}

export const parseMessage = modelParser(MessageSchema, { requiredIds: ['id', 'channel_id'], prepare: fromRelayShape });
