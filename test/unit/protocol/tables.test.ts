import { describe, expect, it } from 'vitest';
import {
  CloseCodes,
  GATEWAY_EVENT_TYPES,
  GatewayIntents,
  GatewayOpcodes,
  closeCodeName,
  intentForEvent,
  isGatewayEventType,
} from '../../../src/protocol/index.js';

/**
 * The complete tables, copied by hand from docs/protocol.md (§1.3, §1.12, §2.1, §2.2, §3.1) and the
 * seed's event list, so that dropping or mis-mapping any single row fails a test.
 */

/** docs/protocol.md §2.2, row by row. */
const INTENT_TABLE: Record<string, string[]> = {
  messages: ['message.create', 'message.update', 'message.delete', 'message.delete_bulk'],
  members: ['member.join', 'member.leave', 'member.update', 'member.chunk'],
  spaces: [
    'space.create', 'space.update', 'space.delete',
    'channel.create', 'channel.update', 'channel.delete', 'channel.reorder', 'channel.pins_update',
    'role.create', 'role.update', 'role.delete',
    'invite.create', 'invite.delete',
  ],
  message_reactions: ['reaction.add', 'reaction.remove', 'reaction.clear', 'reaction.clear_emoji'],
  message_typing: ['typing.start'],
  presences: ['presence.update'],
  voice_states: [
    'voice.state_update', 'voice.server_update', 'voice.signal',
    'call.ring', 'call.accept', 'call.decline', 'call.cancel', 'call.end',
  ],
  moderation: ['ban.create', 'ban.delete', 'audit_log.create'],
  emojis: ['emoji.create', 'emoji.update', 'emoji.delete'],
  soundboard: ['soundboard.create', 'soundboard.update', 'soundboard.delete', 'soundboard.play'],
  relationships: ['relationship.add', 'relationship.update', 'relationship.remove'],
  plugins: ['plugin.installed', 'plugin.uninstalled', 'plugin.event', 'plugin.session_state', 'plugin.role_changed'],
};

/** Delivered regardless of intents (§2.2 "none" rows and "anything else"). */
const ALWAYS_DELIVERED = [
  'ready', 'resumed', 'user.update', 'interaction.create', 'read_state.update', 'report.create',
  'anonymous_count_updated', 'plugin.leaderboard_updated', 'channel_mute.create', 'channel_mute.delete',
];

/** The seed's "Supported event types" plus the ones issue 2 names from docs/protocol.md §3. */
const SEED_EVENTS = [
  'ready', 'resumed',
  'space.create', 'space.update', 'space.delete',
  'channel.create', 'channel.update', 'channel.delete', 'channel.pins_update',
  'member.join', 'member.leave', 'member.update', 'member.chunk',
  'role.create', 'role.update', 'role.delete',
  'message.create', 'message.update', 'message.delete', 'message.delete_bulk',
  'reaction.add', 'reaction.remove', 'reaction.clear', 'reaction.clear_emoji',
  'presence.update', 'typing.start', 'user.update',
  'voice.state_update', 'voice.server_update', 'voice.signal',
  'ban.create', 'ban.delete', 'invite.create', 'invite.delete',
  'interaction.create', 'emoji.update',
  'soundboard.create', 'soundboard.update', 'soundboard.delete', 'soundboard.play',
];
const PROTOCOL_EXTRA_EVENTS = [
  'channel.reorder', 'channel_mute.create', 'channel_mute.delete', 'emoji.create', 'emoji.delete',
  'relationship.add', 'relationship.update', 'relationship.remove',
  'plugin.installed', 'plugin.uninstalled', 'plugin.event', 'plugin.session_state', 'plugin.role_changed',
  'plugin.leaderboard_updated', 'audit_log.create', 'report.create', 'anonymous_count_updated',
  'call.ring', 'call.accept', 'call.decline', 'call.cancel', 'call.end', 'read_state.update',
];

describe('event -> intent, every row of docs/protocol.md §2.2', () => {
  const rows = Object.entries(INTENT_TABLE).flatMap(([intent, types]) => types.map((type) => [type, intent] as const));

  it.each(rows)('%s needs %s', (type, intent) => {
    expect(intentForEvent(type)).toBe(intent);
  });

  it.each(ALWAYS_DELIVERED)('%s is always delivered (no intent)', (type) => {
    expect(intentForEvent(type)).toBeNull();
  });

  it('the four "gate nothing" intents gate no event', () => {
    const gating = new Set(GATEWAY_EVENT_TYPES.map((type) => intentForEvent(type)));
    for (const intent of ['direct_messages', 'dm_reactions', 'dm_typing', 'scheduled_events', 'message_content']) {
      expect(gating.has(intent as never)).toBe(false);
    }
  });

  it('every known event type is either in the table or always delivered', () => {
    const tabled = new Set(rows.map(([type]) => type));
    for (const type of GATEWAY_EVENT_TYPES) {
      expect(tabled.has(type) || ALWAYS_DELIVERED.includes(type), type).toBe(true);
    }
  });
});

describe('the event type list', () => {
  it('holds every event of the seed and of docs/protocol.md §3, once each', () => {
    for (const type of [...SEED_EVENTS, ...PROTOCOL_EXTRA_EVENTS]) expect(isGatewayEventType(type), type).toBe(true);
    expect(new Set(GATEWAY_EVENT_TYPES).size).toBe(GATEWAY_EVENT_TYPES.length);
    expect(isGatewayEventType('thread.create')).toBe(false);
  });
});

describe('intents, opcodes and close codes in full', () => {
  it('the 17 intent names of §2.1, privileged exactly members/presences/message_content', () => {
    expect([...GatewayIntents.all()].sort()).toEqual(
      [...Object.keys(INTENT_TABLE), 'direct_messages', 'dm_reactions', 'dm_typing', 'scheduled_events', 'message_content'].sort(),
    );
    expect([...GatewayIntents.unprivileged()].sort()).toEqual(
      GatewayIntents.all().filter((name) => !['members', 'presences', 'message_content'].includes(name)).sort(),
    );
  });

  it('opcodes by name (§1.3)', () => {
    expect(GatewayOpcodes).toEqual({
      EVENT: 0, HEARTBEAT: 1, IDENTIFY: 2, RESUME: 3, HEARTBEAT_ACK: 4, HELLO: 5, RECONNECT: 6,
      INVALID_SESSION: 7, PRESENCE_UPDATE: 8, VOICE_STATE_UPDATE: 9, REQUEST_MEMBERS: 10, VOICE_SIGNAL: 11,
    });
  });

  it('close codes 4000–4014 by name (§1.12), and their names back', () => {
    const expected: Record<string, number> = {
      UNKNOWN_ERROR: 4000, UNKNOWN_OPCODE: 4001, DECODE_ERROR: 4002, NOT_AUTHENTICATED: 4003, AUTH_FAILED: 4004,
      ALREADY_AUTHENTICATED: 4005, INVALID_SEQ: 4007, RATE_LIMITED: 4008, SESSION_TIMED_OUT: 4009,
      INVALID_VERSION: 4012, INVALID_INTENT: 4013, DISALLOWED_INTENT: 4014,
    };
    expect(CloseCodes).toEqual(expected);
    for (const [name, code] of Object.entries(expected)) expect(closeCodeName(code)).toBe(name);
    for (const unused of [4006, 4010, 4011, 4015, 1000]) expect(closeCodeName(unused)).toBeUndefined();
  });
});
