import { describe, expect, it } from 'vitest';
import type { ServerConnection } from '../../../src/state/connection.js';
import { PerConnection } from '../../../src/state/per-connection.js';

const connection = (): ServerConnection => ({}) as ServerConnection;

describe('PerConnection', () => {
  it('keeps each connection apart, says whether a key is new, and deletes only the current value', () => {
    const a = connection();
    const b = connection();
    const map = new PerConnection<{ n: number }>();
    const first = { n: 1 };
    const second = { n: 2 };
    expect(map.set(a, 'k', first)).toBe(true);
    expect(map.set(a, 'k', second)).toBe(false);
    expect(map.get(a, 'k')).toBe(second);
    expect(map.get(b, 'k')).toBeUndefined();
    expect(map.deleteIfCurrent(a, 'k', first)).toBe(false);
    expect(map.get(a, 'k')).toBe(second);
    expect(map.deleteIfCurrent(b, 'k', second)).toBe(false);
    expect(map.deleteIfCurrent(a, 'k', second)).toBe(true);
    expect(map.get(a, 'k')).toBeUndefined();
  });

  it('deleteWhere removes the picked entries of one connection and counts them', () => {
    const a = connection();
    const b = connection();
    const map = new PerConnection<number>();
    for (const [key, value] of [['x', 1], ['y', 2], ['z', 3]] as const) map.set(a, key, value);
    map.set(b, 'x', 1);
    expect(map.deleteWhere(a, (value) => value !== 2)).toBe(2);
    expect([map.get(a, 'x'), map.get(a, 'y'), map.get(a, 'z')]).toEqual([undefined, 2, undefined]);
    expect(map.get(b, 'x')).toBe(1);
    expect(map.deleteWhere(connection(), () => true)).toBe(0);
  });
});
