import { afterEach, describe, expect, it } from 'vitest';
import { parseEvent, parseMessage, parsePresence, parseReadyData, parseUser } from '../../../src/models/index.js';
import * as W from './wire-fixtures.js';

/** Wire text with `__proto__` / `constructor` keys, parsed by JSON.parse as the gateway does. */
function hostile(base: Record<string, unknown>, extra: string): unknown {
  const text = JSON.stringify(base);
  return JSON.parse(`{${extra},${text.slice(1)}`);
}

const POISON = '"__proto__":{"polluted":true,"is_admin":true},"constructor":{"prototype":{"polluted":true}}';

function expectPrototypeClean(): void {
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty('polluted');
  expect(Object.prototype).not.toHaveProperty('is_admin');
}

describe('__proto__ and constructor keys in wire data stay data', () => {
  afterEach(() => {
    delete (Object.prototype as Record<string, unknown>)['polluted'];
    delete (Object.prototype as Record<string, unknown>)['is_admin'];
  });

  it('on the fast path (otherwise valid object)', () => {
    const result = parseUser(hostile(W.publicUser, POISON));
    expectPrototypeClean();
    expect(Object.getPrototypeOf(result.value)).toBe(Object.prototype);
    expect(result.value.is_admin).toBeUndefined();
    expect(result.value.id).toBe('101');
  });

  it('on the repair path (a wrong-typed field forces a cast)', () => {
    const input = hostile({ ...W.message, content: 5, reactions: [{ emoji: { id: null, name: 'x' }, count: 'bad', me: false }] }, POISON);
    const result = parseMessage(input);
    expectPrototypeClean();
    expect(Object.getPrototypeOf(result.value)).toBe(Object.prototype);
    expect(result.value.content).toBe('');
    expect(result.value.reactions).toHaveLength(1);
  });

  it('nested: inside READY lists, presence client_status records and event payloads', () => {
    const user = hostile({ ...W.privateUser, bot: 'no' }, POISON);
    const presence = { ...W.readyPresence, client_status: JSON.parse(`{${POISON},"desktop":"online"}`) as unknown };
    const ready = parseReadyData({ ...W.ready, user, users: [user], presences: [presence] });
    expectPrototypeClean();
    expect(ready.value.user?.is_admin).toBe(true);
    expect(Object.getPrototypeOf(ready.value.user)).toBe(Object.prototype);
    const status = parsePresence({ ...presence, status: 7 }).value.client_status;
    expectPrototypeClean();
    expect(status['desktop']).toBe('online');
    expect(Object.getPrototypeOf(status)).toBe(Object.prototype);
    parseEvent('member.join', hostile({ space_id: '200', user }, POISON));
    parseEvent('role.update', hostile({ ...W.everyoneRole, space_id: '200', color: 'red' }, POISON));
    expectPrototypeClean();
  });

  it('treats an object named __proto__ in an id field as a missing id, not a prototype', () => {
    const result = parseUser(JSON.parse('{"__proto__":{"id":"evil"},"username":"x"}'));
    expect(result.fatal).toMatch(/'id'/);
    expectPrototypeClean();
  });
});
