import { describe, expect, it } from 'vitest';
import { compareIds } from '../../../src/state/ids.js';
import { assignOwn } from '../../../src/state/mutations/merge.js';

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
});
