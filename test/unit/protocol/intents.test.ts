import { describe, expect, it } from 'vitest';
import { GatewayIntents, intentForEvent, GATEWAY_EVENT_TYPES, CloseCodes, closeCodeName, GatewayOpcodes } from '../../../src/protocol/index.js';

describe('GatewayIntents', () => {
  it('lists the 17 intents of docs/protocol.md §2.1, including soundboard, plugins and relationships', () => {
    const all = GatewayIntents.all();
    expect(all).toHaveLength(17);
    expect(new Set(all).size).toBe(17);
    for (const name of ['soundboard', 'plugins', 'relationships', 'members', 'presences', 'message_content']) {
      expect(all).toContain(name);
    }
  });

  it('splits privileged from unprivileged and the two cover all()', () => {
    expect(GatewayIntents.privileged().sort()).toEqual(['members', 'message_content', 'presences']);
    expect([...GatewayIntents.unprivileged(), ...GatewayIntents.privileged()].sort()).toEqual(GatewayIntents.all().sort());
    expect(GatewayIntents.unprivileged()).not.toContain('members');
  });

  it('default() is the minimal set and returns fresh arrays callers may mutate', () => {
    const a = GatewayIntents.default();
    expect(a).toEqual(['spaces', 'messages', 'message_content']);
    a.push('members');
    expect(GatewayIntents.default()).not.toContain('members');
  });
});

describe('intentForEvent (docs/protocol.md §2.2)', () => {
  const table: Array<[string, string | null]> = [
    ['message.create', 'messages'],
    ['message.delete_bulk', 'messages'],
    ['member.chunk', 'members'],
    ['channel.reorder', 'spaces'],
    ['channel.pins_update', 'spaces'],
    ['role.delete', 'spaces'],
    ['invite.create', 'spaces'],
    ['reaction.clear_emoji', 'message_reactions'],
    ['typing.start', 'message_typing'],
    ['presence.update', 'presences'],
    ['voice.server_update', 'voice_states'],
    ['call.end', 'voice_states'],
    ['audit_log.create', 'moderation'],
    ['emoji.delete', 'emojis'],
    ['soundboard.play', 'soundboard'],
    ['relationship.remove', 'relationships'],
    ['plugin.role_changed', 'plugins'],
    ['plugin.leaderboard_updated', null],
    ['user.update', null],
    ['interaction.create', null],
    ['read_state.update', null],
    ['report.create', null],
    ['anonymous_count_updated', null],
    ['something.unknown', null],
  ];
  it.each(table)('%s needs %s', (type, intent) => {
    expect(intentForEvent(type)).toBe(intent);
  });

  it('maps every known event to a known intent or to always-delivered', () => {
    for (const type of GATEWAY_EVENT_TYPES) {
      const intent = intentForEvent(type);
      if (intent !== null) expect(GatewayIntents.isKnown(intent)).toBe(true);
    }
  });
});

describe('opcodes and close codes', () => {
  it('numbers opcodes 0–11', () => {
    expect(Object.values(GatewayOpcodes).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });
  it('names close codes 4000–4014', () => {
    expect(CloseCodes.RATE_LIMITED).toBe(4008);
    expect(closeCodeName(4004)).toBe('AUTH_FAILED');
    expect(closeCodeName(1006)).toBeUndefined();
  });
});
