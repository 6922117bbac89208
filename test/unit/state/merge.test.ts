import { describe, expect, it } from 'vitest';
import { compareIds } from '../../../src/state/ids.js';
import { assignOwn, assignOwnCounted, sameValue } from '../../../src/state/mutations/merge.js';

describe('assignOwn', () => {
  it('keeps a wire __proto__ key as an own data property: no prototype swap, no pollution', () => {
    const target: Record<string, unknown> = { a: 1 };
    const source = JSON.parse('{"a":2,"__proto__":{"polluted":"yes"}}') as object;
    assignOwn(target, source);
    expect(Object.getPrototypeOf(target)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(target, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(target, '__proto__')?.value).toEqual({ polluted: 'yes' });
    expect(target['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(target['a']).toBe(2);
  });

  it('skips the named fields and keeps the cached array when an id list is unchanged', () => {
    const roles = ['r1', 'r2'];
    const target = { roles, status: 'online', nickname: 'old' };
    assignOwn(target, { roles: ['r1', 'r2'], status: 'offline', nickname: 'new' }, ['status']);
    expect(target.roles).toBe(roles);
    expect(target.status).toBe('online');
    expect(target.nickname).toBe('new');
    const changed = ['r1'];
    assignOwn(target, { roles: changed });
    expect(target.roles).toBe(changed);
  });
});

describe('compareIds', () => {
  it('orders by length first, then lexicographically', () => {
    expect(compareIds('99', '100')).toBeLessThan(0);
    expect(compareIds('101', '100')).toBeGreaterThan(0);
    expect(compareIds('100', '100')).toBe(0);
  });

  it('keeps cached nested objects (attachments, embeds) an update repeats, and counts no write for them', () => {
    const embeds = [{ title: 'notes', footer: { text: 'x', icon_url: null }, fields: [{ name: 'a', value: 'b' }] }];
    const target = { content: 'old', embeds };
    const repeat = JSON.parse(JSON.stringify({ content: 'new', embeds })) as object;
    expect(assignOwnCounted(target, repeat)).toBe(1);
    expect(target.embeds).toBe(embeds);
    const changed = [{ title: 'notes', footer: { text: 'y', icon_url: null }, fields: [{ name: 'a', value: 'b' }] }];
    expect(assignOwnCounted(target, { embeds: changed })).toBe(1);
    expect(target.embeds).toBe(changed);
  });

  it('sameValue compares as JSON: key sets, order of items, arrays against objects, null', () => {
    expect(sameValue({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
    expect(sameValue({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue([], {})).toBe(false);
    expect(sameValue({ a: null }, { a: {} })).toBe(false);
    expect(sameValue(null, null)).toBe(true);
    expect(sameValue('1', 1)).toBe(false);
    const deep = (n: number): unknown => (n === 0 ? 1 : { next: deep(n - 1) });
    // Deeper than any model: not compared (counted as a change), never a stack overflow.
    expect(sameValue(deep(3), deep(3))).toBe(true);
    expect(sameValue(deep(50), deep(50))).toBe(false);
  });
});
