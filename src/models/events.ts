import type { TSchema } from '@sinclair/typebox';
import { modelParser, type ModelParser } from './model-parser.js';
import type { ParseResult } from './parse-result.js';
import * as P from './event-payloads.js';
import { parseMessage, type Message } from './message.js';
import { parsePresence, type Presence } from './presence.js';
import { parseUser, type User } from './user.js';
import { parseSpace, type Space } from './space.js';
import { parseChannel, type Channel } from './channel.js';
import { parseMember, type Member } from './member.js';
import { parseBan, parseInvite, parseAuditLogEntry, parseReport, type Ban, type Invite, type AuditLogEntry, type Report } from './moderation.js';
import { parseVoiceServerUpdate, parseVoiceState, type VoiceServerUpdate, type VoiceState } from './voice.js';
import { parseInteraction, type Interaction } from './interaction.js';
import { parseRelationship, type Relationship } from './relationship.js';
import { parseReadyData, parseResumedData, type ReadyData, type ResumedData } from './ready.js';

/** Every dispatch type with the model its data is parsed into. */
export interface GatewayEventMap {
  ready: ReadyData;
  resumed: ResumedData;
  'message.create': Message;
  'message.update': Message;
  'message.delete': P.MessageDeleteData;
  'message.delete_bulk': P.MessageDeleteBulkData;
  'reaction.add': P.ReactionEventData;
  'reaction.remove': P.ReactionEventData;
  'reaction.clear': P.ReactionClearData;
  'reaction.clear_emoji': P.ReactionClearEmojiData;
  'typing.start': P.TypingStartData;
  'presence.update': Presence;
  'user.update': User;
  'space.create': Space;
  'space.update': Space;
  'space.delete': P.SpaceDeleteData;
  'channel.create': Channel;
  'channel.update': Channel;
  'channel.delete': P.ChannelDeleteData;
  'channel.reorder': P.ChannelReorderData;
  'channel.pins_update': P.ChannelPinsUpdateData;
  'channel_mute.create': P.ChannelMuteData;
  'channel_mute.delete': P.ChannelMuteData;
  'member.join': P.MemberJoinData;
  'member.leave': P.MemberLeaveData;
  'member.update': Member;
  'member.chunk': P.MemberChunkData;
  'role.create': P.RoleEventData;
  'role.update': P.RoleEventData;
  'role.delete': P.RoleDeleteData;
  'ban.create': Ban;
  'ban.delete': P.BanDeleteData;
  'invite.create': Invite;
  'invite.delete': P.InviteDeleteData;
  'emoji.create': P.EmojiEventData;
  'emoji.update': P.EmojiEventData;
  'emoji.delete': P.EmojiDeleteData;
  'soundboard.create': P.SoundEventData;
  'soundboard.update': P.SoundEventData;
  'soundboard.delete': P.SoundDeleteData;
  'soundboard.play': P.SoundPlayData;
  'voice.state_update': VoiceState;
  'voice.server_update': VoiceServerUpdate;
  'voice.signal': P.VoiceSignalEventData;
  'call.ring': P.CallRingData;
  'call.accept': P.CallEventData;
  'call.decline': P.CallEventData;
  'call.cancel': P.CallEventData;
  'call.end': P.CallEventData;
  'interaction.create': Interaction;
  'relationship.add': Relationship;
  'relationship.update': Relationship;
  'relationship.remove': P.RelationshipRemoveData;
  'plugin.installed': P.PluginEventData;
  'plugin.uninstalled': P.PluginEventData;
  'plugin.event': P.PluginEventData;
  'plugin.session_state': P.PluginEventData;
  'plugin.role_changed': P.PluginEventData;
  'plugin.leaderboard_updated': P.PluginEventData;
  'audit_log.create': AuditLogEntry;
  'report.create': Report;
  'read_state.update': P.ReadStateUpdateData;
  'anonymous_count_updated': P.AnonymousCountData;
}

export type GatewayEventName = keyof GatewayEventMap;

const payload = (schema: TSchema, requiredIds: string[] = []) => modelParser(schema, { requiredIds });

const parseRoleEventShape = payload(P.RoleEventSchema, ['space_id']);
/** role.create/update: `{space_id, role}`, or a bare role carrying `space_id`. */
function parseRoleEvent(data: unknown): ParseResult<unknown> {
  if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
    const record = data as Record<string, unknown>;
    const role = record['role'];
    if (typeof role !== 'object' || role === null) {
      return parseRoleEventShape({ space_id: record['space_id'], role: record });
    }
  }
  return parseRoleEventShape(data);
}

const parseRoleDeleteShape = payload(P.RoleDeleteSchema, ['space_id', 'role_id']);
/** role.delete: `role_id`, else `id`. */
function parseRoleDelete(data: unknown): ParseResult<unknown> {
  if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
    const record = data as Record<string, unknown>;
    if (typeof record['role_id'] !== 'string' && typeof record['id'] === 'string') {
      return parseRoleDeleteShape({ space_id: record['space_id'], role_id: record['id'] });
    }
  }
  return parseRoleDeleteShape(data);
}

const parseReactionEvent = payload(P.ReactionEventSchema, ['channel_id', 'message_id']);
const parseCallEvent = payload(P.CallEventSchema, ['channel_id']);
const parsePluginEvent = payload(P.PluginEventSchema);
const parseSoundEvent = payload(P.SoundEventSchema, ['space_id']);
const parseEmojiEvent = payload(P.EmojiEventSchema, ['space_id']);
const parseChannelMute = payload(P.ChannelMuteSchema, ['channel_id']);

const parsers = new Map<string, ModelParser<unknown>>([
  ['ready', parseReadyData],
  ['resumed', parseResumedData],
  ['message.create', parseMessage],
  ['message.update', parseMessage],
  ['message.delete', payload(P.MessageDeleteSchema, ['id', 'channel_id'])],
  ['message.delete_bulk', payload(P.MessageDeleteBulkSchema, ['channel_id'])],
  ['reaction.add', parseReactionEvent],
  ['reaction.remove', parseReactionEvent],
  ['reaction.clear', payload(P.ReactionClearSchema, ['channel_id', 'message_id'])],
  ['reaction.clear_emoji', payload(P.ReactionClearEmojiSchema, ['channel_id', 'message_id'])],
  ['typing.start', payload(P.TypingStartSchema, ['channel_id', 'user_id'])],
  ['presence.update', parsePresence],
  ['user.update', parseUser],
  ['space.create', parseSpace],
  ['space.update', parseSpace],
  ['space.delete', payload(P.SpaceDeleteSchema, ['id'])],
  ['channel.create', parseChannel],
  ['channel.update', parseChannel],
  ['channel.delete', payload(P.ChannelDeleteSchema, ['id'])],
  ['channel.reorder', payload(P.ChannelReorderSchema, ['space_id'])],
  ['channel.pins_update', payload(P.ChannelPinsUpdateSchema, ['channel_id'])],
  ['channel_mute.create', parseChannelMute],
  ['channel_mute.delete', parseChannelMute],
  ['member.join', payload(P.MemberJoinSchema, ['space_id'])],
  ['member.leave', payload(P.MemberLeaveSchema, ['space_id'])],
  ['member.update', parseMember],
  ['member.chunk', payload(P.MemberChunkSchema, ['space_id'])],
  ['role.create', parseRoleEvent],
  ['role.update', parseRoleEvent],
  ['role.delete', parseRoleDelete],
  ['ban.create', parseBan],
  ['ban.delete', payload(P.BanDeleteSchema, ['space_id', 'user_id'])],
  ['invite.create', parseInvite],
  ['invite.delete', payload(P.InviteDeleteSchema, ['code'])],
  ['emoji.create', parseEmojiEvent],
  ['emoji.update', parseEmojiEvent],
  ['emoji.delete', payload(P.EmojiDeleteSchema, ['space_id'])],
  ['soundboard.create', parseSoundEvent],
  ['soundboard.update', parseSoundEvent],
  ['soundboard.delete', payload(P.SoundDeleteSchema, ['space_id'])],
  ['soundboard.play', payload(P.SoundPlaySchema, ['space_id'])],
  ['voice.state_update', parseVoiceState],
  ['voice.server_update', parseVoiceServerUpdate],
  ['voice.signal', payload(P.VoiceSignalSchema, ['user_id'])],
  ['call.ring', payload(P.CallRingSchema, ['channel_id'])],
  ['call.accept', parseCallEvent],
  ['call.decline', parseCallEvent],
  ['call.cancel', parseCallEvent],
  ['call.end', parseCallEvent],
  ['interaction.create', parseInteraction],
  ['relationship.add', parseRelationship],
  ['relationship.update', parseRelationship],
  ['relationship.remove', payload(P.RelationshipRemoveSchema, ['user_id'])],
  ['plugin.installed', parsePluginEvent],
  ['plugin.uninstalled', parsePluginEvent],
  ['plugin.event', parsePluginEvent],
  ['plugin.session_state', parsePluginEvent],
  ['plugin.role_changed', parsePluginEvent],
  ['plugin.leaderboard_updated', parsePluginEvent],
  ['audit_log.create', parseAuditLogEntry],
  ['report.create', parseReport],
  ['read_state.update', payload(P.ReadStateUpdateSchema, ['channel_id'])],
  ['anonymous_count_updated', payload(P.AnonymousCountSchema)],
]);

/**
 * Parses a dispatch's data into its model. Returns undefined for a type we do not model (the
 * caller still emits it as `raw`). Never throws.
 */
export function parseEvent(type: string, data: unknown): ParseResult<unknown> | undefined {
  const parser = parsers.get(type);
  return parser ? parser(data) : undefined;
}

/** The parser of a dispatch type (undefined for a type we do not model). */
export function eventParser(type: string): ModelParser<unknown> | undefined {
  return parsers.get(type);
}

/** Typed variant for callers that know the event type statically. */
export function parseEventAs<K extends GatewayEventName>(type: K, data: unknown): ParseResult<GatewayEventMap[K]> {
  const parser = parsers.get(type) as ModelParser<GatewayEventMap[K]> | undefined;
  if (!parser) throw new Error(`no parser for event type '${type}'`);
  return parser(data);
}
