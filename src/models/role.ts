import { Type, type Static } from '@sinclair/typebox';
import { bool, nullableStr, num, str, strArray } from './schema-helpers.js';
import { modelParser } from './model-parser.js';

/** Role (docs/protocol.md §4.5). The wire carries no space_id; position 0 is @everyone. */
export const RoleSchema = Type.Object({
  id: str(),
  name: str(),
  color: num(),
  hoist: bool(),
  icon: nullableStr(),
  position: num(),
  permissions: strArray(),
  managed: bool(),
  mentionable: bool(),
  space_id: Type.Optional(Type.String()),
});
export type Role = Static<typeof RoleSchema>;

export const parseRole = modelParser(RoleSchema, { requiredIds: ['id'] });
