import { Type, type Static } from '@sinclair/typebox';
import { anyJson, arrayOf, nullableStr, str } from './schema-helpers.js';
import { modelParser } from './model-parser.js';

/**
 * Presence in both wire forms (docs/protocol.md §4.9): READY's stored form (status may be
 * `invisible`, client_status has desktop/mobile/web, space_id null) and presence.update's
 * (status offline when invisible, client_status `{desktop}` or `{}`, no space_id).
 */
export const PresenceSchema = Type.Object({
  user_id: str(),
  status: str('offline'),
  client_status: Type.Record(Type.String(), Type.Union([Type.String(), Type.Null()]), { default: {} }),
  activities: arrayOf(anyJson()),
  space_id: Type.Optional(nullableStr()),
});
export type Presence = Static<typeof PresenceSchema>;

export type UserStatus = 'online' | 'idle' | 'dnd' | 'offline';

/** The status to show: `invisible` (which READY leaks) and anything unknown read as offline. */
export function visibleStatus(status: string): UserStatus {
  // The literals, not `status`: caches then hold one shared string instead of every frame's copy.
  switch (status) {
    case 'online':
      return 'online';
    case 'idle':
      return 'idle';
    case 'dnd':
      return 'dnd';
    default:
      return 'offline';
  }
}

export const parsePresence = modelParser(PresenceSchema, { requiredIds: ['user_id'] });
