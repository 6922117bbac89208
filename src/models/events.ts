import type { TSchema } from '@sinclair/typebox';
import { modelParser, type ModelParser } from './model-parser.js';
import type { ParseResult } from './parse-result.js';
import { GATEWAY_EVENTS, GATEWAY_EVENT_TYPES, type GatewayEventType, type GatewayIntent } from '../protocol/index.js';
import * as P from './event-payloads.js';
import { parseMessage } from './message.js';
import { parsePresence } from './presence.js';
import { parseUser } from './user.js';
import { parseSpace } from './space.js';
import { parseChannel } from './channel.js';
import { parseMember } from './member.js';
import { parseBan, parseInvite, parseAuditLogEntry, parseReport } from './moderation.js';
import { parseVoiceServerUpdate, parseVoiceState } from './voice.js';
import { parseInteraction } from './interaction.js';
import { parseRelationship } from './relationship.js';
import { parseReadyData, parseResumedData } from './ready.js';

const payload = <S extends TSchema>(schema: S, requiredIds: string[] = []) => modelParser(schema, { requiredIds });

const parseRoleEventShape = payload(P.RoleEventSchema, ['space_id']);
/** role.create/update: `{space_id, role}`, or a bare role carrying `space_id`. */
function parseRoleEvent(data: unknown): ParseResult<P.RoleEventData> {
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
function parseRoleDelete(data: unknown): ParseResult<P.RoleDeleteData> {
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
// Plugin payloads pass through with every key they carry (PluginEventData), not only space_id.
const parsePluginEvent: ModelParser<P.PluginEventData> = payload(P.PluginEventSchema);
const parseSoundEvent = payload(P.SoundEventSchema, ['space_id']);
const parseEmojiEvent = payload(P.EmojiEventSchema, ['space_id']);
const parseChannelMute = payload(P.ChannelMuteSchema, ['channel_id']);

/** A parser table for the event names `E`: exactly one parser per name, no more, no fewer. */
export type EventParserTable<E extends string> = { readonly [K in E]: ModelParser<unknown> };

/**
 * Each dispatch type's parser. Keyed by the protocol's registry (`GATEWAY_EVENTS` in
 * protocol/events.ts, which owns names and intents because the embedded server shares it and must
 * not import models): a name added there without a parser here, or a parser here for a name not
 * there, does not compile. `GatewayEventMap` is read off these parsers, so the payload types are
 * not a third list.
 */
export const EVENT_PARSERS = {
  ready: parseReadyData,
  resumed: parseResumedData,
  'message.create': parseMessage,
  'message.update': parseMessage,
  'message.delete': payload(P.MessageDeleteSchema, ['id', 'channel_id']),
  'message.delete_bulk': payload(P.MessageDeleteBulkSchema, ['channel_id']),
  'reaction.add': parseReactionEvent,
  'reaction.remove': parseReactionEvent,
  'reaction.clear': payload(P.ReactionClearSchema, ['channel_id', 'message_id']),
  'reaction.clear_emoji': payload(P.ReactionClearEmojiSchema, ['channel_id', 'message_id']),
  'typing.start': payload(P.TypingStartSchema, ['channel_id', 'user_id']),
  'presence.update': parsePresence,
  'user.update': parseUser,
  'space.create': parseSpace,
  'space.update': parseSpace,
  'space.delete': payload(P.SpaceDeleteSchema, ['id']),
  'channel.create': parseChannel,
  'channel.update': parseChannel,
  'channel.delete': payload(P.ChannelDeleteSchema, ['id']),
  'channel.reorder': payload(P.ChannelReorderSchema, ['space_id']),
  'channel.pins_update': payload(P.ChannelPinsUpdateSchema, ['channel_id']),
  'channel_mute.create': parseChannelMute,
  'channel_mute.delete': parseChannelMute,
  'member.join': payload(P.MemberJoinSchema, ['space_id']),
  'member.leave': payload(P.MemberLeaveSchema, ['space_id']),
  'member.update': parseMember,
  'member.chunk': payload(P.MemberChunkSchema, ['space_id']),
  'role.create': parseRoleEvent,
  'role.update': parseRoleEvent,
  'role.delete': parseRoleDelete,
  'ban.create': parseBan,
  'ban.delete': payload(P.BanDeleteSchema, ['space_id', 'user_id']),
  'invite.create': parseInvite,
  'invite.delete': payload(P.InviteDeleteSchema, ['code']),
  'emoji.create': parseEmojiEvent,
  'emoji.update': parseEmojiEvent,
  'emoji.delete': payload(P.EmojiDeleteSchema, ['space_id']),
  'soundboard.create': parseSoundEvent,
  'soundboard.update': parseSoundEvent,
  'soundboard.delete': payload(P.SoundDeleteSchema, ['space_id']),
  'soundboard.play': payload(P.SoundPlaySchema, ['space_id']),
  'voice.state_update': parseVoiceState,
  'voice.server_update': parseVoiceServerUpdate,
  'voice.signal': payload(P.VoiceSignalSchema, ['user_id']),
  'call.ring': payload(P.CallRingSchema, ['channel_id']),
  'call.accept': parseCallEvent,
  'call.decline': parseCallEvent,
  'call.cancel': parseCallEvent,
  'call.end': parseCallEvent,
  'interaction.create': parseInteraction,
  'relationship.add': parseRelationship,
  'relationship.update': parseRelationship,
  'relationship.remove': payload(P.RelationshipRemoveSchema, ['user_id']),
  'plugin.installed': parsePluginEvent,
  'plugin.uninstalled': parsePluginEvent,
  'plugin.event': parsePluginEvent,
  'plugin.session_state': parsePluginEvent,
  'plugin.role_changed': parsePluginEvent,
  'plugin.leaderboard_updated': parsePluginEvent,
  'audit_log.create': parseAuditLogEntry,
  'report.create': parseReport,
  'read_state.update': payload(P.ReadStateUpdateSchema, ['channel_id']),
  'anonymous_count_updated': payload(P.AnonymousCountSchema),
} satisfies EventParserTable<GatewayEventType>;

type ParsedBy<P> = P extends ModelParser<infer T> ? T : never;

/** Every dispatch type with the model its data is parsed into. */
export type GatewayEventMap = { [K in GatewayEventType]: ParsedBy<(typeof EVENT_PARSERS)[K]> };

export type GatewayEventName = keyof GatewayEventMap;

/** One event in the full registry: the intent that gates it and the parser of its data. */
export interface GatewayEventEntry<K extends GatewayEventType> {
  readonly intent: GatewayIntent | null;
  readonly parse: ModelParser<GatewayEventMap[K]>;
}

/** `Record<GatewayEventType, { intent, parse }>`: the protocol's registry joined with the parsers. */
export type GatewayEventRegistry = { readonly [K in GatewayEventType]: GatewayEventEntry<K> };

export const GATEWAY_EVENT_REGISTRY = Object.freeze(
  Object.fromEntries(
    GATEWAY_EVENT_TYPES.map((type) => [type, Object.freeze({ intent: GATEWAY_EVENTS[type].intent, parse: EVENT_PARSERS[type] })]),
  ),
) as GatewayEventRegistry;

// A Map for lookups by wire name, so that a name such as '__proto__' or 'constructor' stays data.
const parsers: ReadonlyMap<string, ModelParser<unknown>> = new Map(
  GATEWAY_EVENT_TYPES.map((type) => [type, GATEWAY_EVENT_REGISTRY[type].parse as ModelParser<unknown>]),
);

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
