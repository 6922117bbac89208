import { Type, type Static } from '@sinclair/typebox';
import { nullableStr, num, str } from './schema-helpers.js';
import { modelParser } from './model-parser.js';

/** Soundboard sound (docs/protocol.md §4.8). */
export const SoundSchema = Type.Object({
  id: str(),
  name: str(),
  audio_url: nullableStr(),
  volume: num(1),
  creator_id: nullableStr(),
  created_at: str(),
  updated_at: str(),
});
export type Sound = Static<typeof SoundSchema>;

export const parseSound = modelParser(SoundSchema, { requiredIds: ['id'] });
