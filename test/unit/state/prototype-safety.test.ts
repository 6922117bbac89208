import { describe, expect, it } from 'vitest';
import { parseEvent } from '../../../src/models/index.js';
import type { GatewayEventName } from '../../../src/models/index.js';
import { readyData } from './fixtures.js';
import { setup, type Harness } from './harness.js';

const hostile = '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}';

/** Parses the frame data as the client would (JSON.parse then the tolerant model parser). */
function emitWire(h: Harness, type: GatewayEventName, json: string): void {
  const parsed = parseEvent(type, JSON.parse(json));
  if (!parsed || parsed.fatal) return;
  (h.client.emit as (event: string, data: unknown) => void)(type, parsed.value);
}

const withHostile = (fields: string) => `{${fields},"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"nested":${hostile}}`;

describe('__proto__ / constructor keys in event data', () => {
  it('leave Object.prototype untouched and stay data', async () => {
    const h = await setup({ ready: readyData() });
    const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort();
    const msg = withHostile('"id":"__proto__","channel_id":"c1","space_id":"s1","author_id":"constructor","content":"x","timestamp":"t"');
    emitWire(h, 'message.create', msg);
    emitWire(h, 'message.update', withHostile('"id":"__proto__","channel_id":"c1","space_id":"s1","author_id":"constructor","content":"edited","timestamp":"t","reactions":null'));
    emitWire(h, 'reaction.add', withHostile('"channel_id":"c1","message_id":"__proto__","user_id":"constructor","emoji":"__proto__"'));
    emitWire(h, 'reaction.add', withHostile('"channel_id":"c1","message_id":"__proto__","user_id":"u2","emoji":{"name":"constructor","__proto__":{"polluted":"yes"}}'));
    emitWire(h, 'user.update', withHostile('"id":"u2","username":"x"'));
    emitWire(h, 'user.update', withHostile('"id":"__proto__","username":"x"'));
    emitWire(h, 'member.join', withHostile('"space_id":"s1","user":' + withHostile('"id":"constructor","username":"c"')));
    emitWire(h, 'member.update', withHostile('"space_id":"s1","user_id":"__proto__"'));
    emitWire(h, 'member.leave', withHostile('"space_id":"s1","user_id":"constructor"'));
    emitWire(h, 'presence.update', withHostile('"user_id":"__proto__","status":"online","client_status":' + hostile));
    emitWire(h, 'channel.create', withHostile('"id":"__proto__","space_id":"s1","type":"text"'));
    emitWire(h, 'channel.update', withHostile('"id":"constructor","space_id":null,"type":"dm","recipients":[' + withHostile('"id":"__proto__","username":"p"') + ']'));
    emitWire(h, 'space.update', withHostile('"id":"s1","name":"n"'));
    emitWire(h, 'voice.state_update', withHostile('"user_id":"__proto__","space_id":"s1","channel_id":"__proto__","session_id":"s"'));
    emitWire(h, 'typing.start', withHostile('"channel_id":"__proto__","user_id":"constructor"'));
    emitWire(h, 'ban.create', withHostile('"space_id":"s1","user_id":"__proto__"'));
    emitWire(h, 'role.create', withHostile('"space_id":"s1","role":' + withHostile('"id":"__proto__","position":3')));
    emitWire(h, 'message.delete', withHostile('"id":"__proto__","channel_id":"c1"'));

    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoBefore);
    expect(Object.getPrototypeOf(h.store.user('u2'))).toBe(Object.prototype);
    expect(h.store.user('u2')?.username).toBe('x');
    expect(h.store.user('__proto__')?.username).toBe('p');
    expect(h.store.member('s1', '__proto__')?.user_id).toBe('__proto__');
    expect(h.store.channel('__proto__')?.id).toBe('__proto__');
    expect(h.store.roles('s1').map((r) => r.id)).toContain('__proto__');
    expect(h.store.message('__proto__')).toBeUndefined();
    expect(h.store.voiceStates('__proto__').map((s) => s.user_id)).toEqual(['__proto__']);
  });

  it('a merged message keeps its prototype when the edit carries __proto__', async () => {
    const h = await setup();
    emitWire(h, 'message.create', '{"id":"m1","channel_id":"c1","space_id":"s1","author_id":"u2","content":"a","timestamp":"t"}');
    emitWire(h, 'message.update', withHostile('"id":"m1","channel_id":"c1","space_id":"s1","author_id":"u2","content":"b","timestamp":"t","reactions":null'));
    const cached = h.store.message('m1');
    expect(cached?.content).toBe('b');
    expect(Object.getPrototypeOf(cached)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('in-place merges (message, member, user) keep their prototype even when the key reaches them unparsed', async () => {
    // The model parsers drop unknown keys, so this hands the handlers JSON.parse output directly:
    // it is the merge itself that must keep `__proto__` as data.
    const h = await setup();
    const emitRaw = (type: GatewayEventName, json: string): void => (h.client.emit as (event: string, data: unknown) => void)(type, JSON.parse(json));
    emitWire(h, 'message.create', '{"id":"m1","channel_id":"c1","space_id":"s1","author_id":"u2","content":"a","timestamp":"t"}');
    emitRaw('message.update', withHostile('"id":"m1","channel_id":"c1","space_id":"s1","author_id":"u2","content":"b","timestamp":"t","reactions":null,"reply_count":0,"mentions":[]'));
    emitRaw('member.update', withHostile('"space_id":"s1","user_id":"u2","nickname":"n","roles":[]'));
    emitRaw('user.update', withHostile('"id":"u3","username":"three"'));
    const entities = [h.store.message('m1'), h.store.member('s1', 'u2'), h.store.user('u3')];
    for (const entity of entities) expect(entity && Object.getPrototypeOf(entity)).toBe(Object.prototype);
    expect(h.store.message('m1')?.content).toBe('b');
    expect(h.store.member('s1', 'u2')?.nickname).toBe('n');
    expect(h.store.user('u3')?.username).toBe('three');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
