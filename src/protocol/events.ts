import type { GatewayIntent } from './intents.js';

/**
 * Every dispatch type a client may see: the seed's table plus what PROTOCOL.md §3 adds.
 * Some are never sent by accordserver (marked NEVER there) but are sent by our embedded server.
 */
export const GATEWAY_EVENT_TYPES = [
  'ready',
  'resumed',
  'message.create',
  'message.update',
  'message.delete',
  'message.delete_bulk',
  'reaction.add',
  'reaction.remove',
  'reaction.clear',
  'reaction.clear_emoji',
  'typing.start',
  'presence.update',
  'user.update',
  'space.create',
  'space.update',
  'space.delete',
  'channel.create',
  'channel.update',
  'channel.delete',
  'channel.reorder',
  'channel.pins_update',
  'channel_mute.create',
  'channel_mute.delete',
  'member.join',
  'member.leave',
  'member.update',
  'member.chunk',
  'role.create',
  'role.update',
  'role.delete',
  'ban.create',
  'ban.delete',
  'invite.create',
  'invite.delete',
  'emoji.create',
  'emoji.update',
  'emoji.delete',
  'soundboard.create',
  'soundboard.update',
  'soundboard.delete',
  'soundboard.play',
  'voice.state_update',
  'voice.server_update',
  'voice.signal',
  'call.ring',
  'call.accept',
  'call.decline',
  'call.cancel',
  'call.end',
  'interaction.create',
  'relationship.add',
  'relationship.update',
  'relationship.remove',
  'plugin.installed',
  'plugin.uninstalled',
  'plugin.event',
  'plugin.session_state',
  'plugin.role_changed',
  'plugin.leaderboard_updated',
  'audit_log.create',
  'report.create',
  'read_state.update',
  'anonymous_count_updated',
] as const;

export type GatewayEventType = (typeof GATEWAY_EVENT_TYPES)[number];

const knownEventTypes: ReadonlySet<string> = new Set(GATEWAY_EVENT_TYPES);

export function isGatewayEventType(type: string): type is GatewayEventType {
  return knownEventTypes.has(type);
}

/** The server's event -> required intent table (PROTOCOL.md §2.2). Absent = always delivered. */
const EVENT_INTENTS = new Map<string, GatewayIntent>([
  ['message.create', 'messages'],
  ['message.update', 'messages'],
  ['message.delete', 'messages'],
  ['message.delete_bulk', 'messages'],
  ['member.join', 'members'],
  ['member.leave', 'members'],
  ['member.update', 'members'],
  ['member.chunk', 'members'],
  ['space.create', 'spaces'],
  ['space.update', 'spaces'],
  ['space.delete', 'spaces'],
  ['channel.create', 'spaces'],
  ['channel.update', 'spaces'],
  ['channel.delete', 'spaces'],
  ['channel.reorder', 'spaces'],
  ['channel.pins_update', 'spaces'],
  ['role.create', 'spaces'],
  ['role.update', 'spaces'],
  ['role.delete', 'spaces'],
  ['invite.create', 'spaces'],
  ['invite.delete', 'spaces'],
  ['reaction.add', 'message_reactions'],
  ['reaction.remove', 'message_reactions'],
  ['reaction.clear', 'message_reactions'],
  ['reaction.clear_emoji', 'message_reactions'],
  ['typing.start', 'message_typing'],
  ['presence.update', 'presences'],
  ['voice.state_update', 'voice_states'],
  ['voice.server_update', 'voice_states'],
  ['voice.signal', 'voice_states'],
  ['call.ring', 'voice_states'],
  ['call.accept', 'voice_states'],
  ['call.decline', 'voice_states'],
  ['call.cancel', 'voice_states'],
  ['call.end', 'voice_states'],
  ['ban.create', 'moderation'],
  ['ban.delete', 'moderation'],
  ['audit_log.create', 'moderation'],
  ['emoji.create', 'emojis'],
  ['emoji.update', 'emojis'],
  ['emoji.delete', 'emojis'],
  ['soundboard.create', 'soundboard'],
  ['soundboard.update', 'soundboard'],
  ['soundboard.delete', 'soundboard'],
  ['soundboard.play', 'soundboard'],
  ['relationship.add', 'relationships'],
  ['relationship.update', 'relationships'],
  ['relationship.remove', 'relationships'],
  ['plugin.installed', 'plugins'],
  ['plugin.uninstalled', 'plugins'],
  ['plugin.event', 'plugins'],
  ['plugin.session_state', 'plugins'],
  ['plugin.role_changed', 'plugins'],
]);

/**
 * The intent a session needs to receive `type`, or null when the event is always delivered
 * (user.update, interaction.create, read_state.update, report.create, and any unknown type).
 */
export function intentForEvent(type: string): GatewayIntent | null {
  return EVENT_INTENTS.get(type) ?? null;
}
