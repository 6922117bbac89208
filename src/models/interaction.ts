import { Type, type Static } from '@sinclair/typebox';
import { anyJson, nullableStr, num, str } from './schema-helpers.js';
import { modelParser } from './model-parser.js';

/** Interaction (docs/protocol.md §4.15): defined by accordserver, never sent by it. */
export const InteractionSchema = Type.Object({
  id: str(),
  application_id: str(),
  type: num(),
  data: anyJson(),
  space_id: nullableStr(),
  channel_id: nullableStr(),
  member_id: nullableStr(),
  user_id: nullableStr(),
  token: str(),
  message: anyJson(),
  locale: nullableStr(),
});
export type Interaction = Static<typeof InteractionSchema>;

export const parseInteraction = modelParser(InteractionSchema, { requiredIds: ['id'] });
