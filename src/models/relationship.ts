import { Type, type Static } from '@sinclair/typebox';
import { nullableStr, num, str } from './schema-helpers.js';
import { modelParser } from './model-parser.js';

/** 1 friend, 2 blocked, 3 pending incoming, 4 pending outgoing (docs/protocol.md §4.11). */
export const RelationshipType = { FRIEND: 1, BLOCKED: 2, PENDING_INCOMING: 3, PENDING_OUTGOING: 4 } as const;

export const RelationshipSchema = Type.Object({
  id: str(),
  user: Type.Object({ id: str(), username: str(), display_name: nullableStr(), avatar: nullableStr() }),
  type: num(1),
  /** Absent on relationship.add/update events. */
  since: Type.Optional(Type.String()),
});
export type Relationship = Static<typeof RelationshipSchema>;

export const parseRelationship = modelParser(RelationshipSchema, { requiredIds: ['id'] });
