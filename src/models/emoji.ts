import { Type, type Static } from '@sinclair/typebox';
import { bool, nullableStr, str, strArray } from './schema-helpers.js';
import { modelParser } from './model-parser.js';

/** Custom emoji (docs/protocol.md §4.7); `image_url` omitted when unset. */
export const EmojiSchema = Type.Object({
  id: str(),
  name: str(),
  animated: bool(),
  managed: bool(),
  available: bool(true),
  require_colons: bool(true),
  role_ids: strArray(),
  creator_id: nullableStr(),
  image_url: Type.Optional(Type.String()),
});
export type Emoji = Static<typeof EmojiSchema>;

export const parseEmoji = modelParser(EmojiSchema, { requiredIds: ['id'] });
