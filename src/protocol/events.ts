import type { GatewayIntent } from './intents.js';

/** What the protocol says about one dispatch type: the intent a session needs to receive it. */
export interface GatewayEventSpec {
  /** null: always delivered, whatever the session's intents. */
  readonly intent: GatewayIntent | null;
}

/**
 * The one list of dispatch types (docs/protocol.md §2.2, §3): each name with the intent the server
 * gates it on. The event list, `intentForEvent` and the embedded server's bus event type derive
 * from it; `models/events.ts` keys its parser table by the same names, typed so that a name with
 * no parser (or a parser with no name) does not compile. The parsers cannot live here: protocol
 * is shared with the embedded server, which must not depend on models.
 * Some types are never sent by accordserver (marked NEVER in docs/protocol.md) but are sent by our
 * embedded server.
 */
export const GATEWAY_EVENTS = {
  ready: { intent: null },
  resumed: { intent: null },
  'message.create': { intent: 'messages' },
  'message.update': { intent: 'messages' },
  'message.delete': { intent: 'messages' },
  'message.delete_bulk': { intent: 'messages' },
  'reaction.add': { intent: 'message_reactions' },
  'reaction.remove': { intent: 'message_reactions' },
  'reaction.clear': { intent: 'message_reactions' },
  'reaction.clear_emoji': { intent: 'message_reactions' },
  'typing.start': { intent: 'message_typing' },
  'presence.update': { intent: 'presences' },
  'user.update': { intent: null },
  'space.create': { intent: 'spaces' },
  'space.update': { intent: 'spaces' },
  'space.delete': { intent: 'spaces' },
  'channel.create': { intent: 'spaces' },
  'channel.update': { intent: 'spaces' },
  'channel.delete': { intent: 'spaces' },
  'channel.reorder': { intent: 'spaces' },
  'channel.pins_update': { intent: 'spaces' },
  'channel_mute.create': { intent: null },
  'channel_mute.delete': { intent: null },
  'member.join': { intent: 'members' },
  'member.leave': { intent: 'members' },
  'member.update': { intent: 'members' },
  'member.chunk': { intent: 'members' },
  'role.create': { intent: 'spaces' },
  'role.update': { intent: 'spaces' },
  'role.delete': { intent: 'spaces' },
  'ban.create': { intent: 'moderation' },
  'ban.delete': { intent: 'moderation' },
  'invite.create': { intent: 'spaces' },
  'invite.delete': { intent: 'spaces' },
  'emoji.create': { intent: 'emojis' },
  'emoji.update': { intent: 'emojis' },
  'emoji.delete': { intent: 'emojis' },
  'soundboard.create': { intent: 'soundboard' },
  'soundboard.update': { intent: 'soundboard' },
  'soundboard.delete': { intent: 'soundboard' },
  'soundboard.play': { intent: 'soundboard' },
  'voice.state_update': { intent: 'voice_states' },
  'voice.server_update': { intent: 'voice_states' },
  'voice.signal': { intent: 'voice_states' },
  'call.ring': { intent: 'voice_states' },
  'call.accept': { intent: 'voice_states' },
  'call.decline': { intent: 'voice_states' },
  'call.cancel': { intent: 'voice_states' },
  'call.end': { intent: 'voice_states' },
  'interaction.create': { intent: null },
  'relationship.add': { intent: 'relationships' },
  'relationship.update': { intent: 'relationships' },
  'relationship.remove': { intent: 'relationships' },
  'plugin.installed': { intent: 'plugins' },
  'plugin.uninstalled': { intent: 'plugins' },
  'plugin.event': { intent: 'plugins' },
  'plugin.session_state': { intent: 'plugins' },
  'plugin.role_changed': { intent: 'plugins' },
  'plugin.leaderboard_updated': { intent: null },
  'audit_log.create': { intent: 'moderation' },
  'report.create': { intent: null },
  'read_state.update': { intent: null },
  'anonymous_count_updated': { intent: null },
} as const satisfies Readonly<Record<string, GatewayEventSpec>>;

export type GatewayEventType = keyof typeof GATEWAY_EVENTS;

/** Every dispatch type a client may see, in the registry's order. */
export const GATEWAY_EVENT_TYPES: readonly GatewayEventType[] = Object.freeze(Object.keys(GATEWAY_EVENTS) as GatewayEventType[]);

// Maps, not lookups on the registry object, so that a wire name such as '__proto__' stays data.
const EVENT_INTENTS: ReadonlyMap<string, GatewayIntent | null> = new Map(
  GATEWAY_EVENT_TYPES.map((type) => [type, GATEWAY_EVENTS[type].intent]),
);

export function isGatewayEventType(type: string): type is GatewayEventType {
  return EVENT_INTENTS.has(type);
}

/**
 * The intent a session needs to receive `type`, or null when the event is always delivered
 * (user.update, interaction.create, read_state.update, report.create, and any unknown type).
 */
export function intentForEvent(type: string): GatewayIntent | null {
  return EVENT_INTENTS.get(type) ?? null;
}
