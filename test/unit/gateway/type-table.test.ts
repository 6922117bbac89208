import { describe, expect, it } from 'vitest';
import { TypeTable } from '../../../src/gateway/type-table.js';

/** A type string as a frame brings it: built at run time, so not the interned literal. */
const fresh = (type: string): string => (JSON.parse(JSON.stringify({ type })) as { type: string }).type;

describe('TypeTable', () => {
  it('finds each type by an equal string, also among types of the same length', () => {
    const table = new TypeTable<number>();
    table.set('message.create', 1);
    table.set('message.delete', 2);
    table.set('typing.start', 3);
    expect(table.get(fresh('message.create'))).toBe(1);
    expect(table.get(fresh('message.delete'))).toBe(2);
    expect(table.get(fresh('typing.start'))).toBe(3);
  });

  it('answers undefined for a type it does not hold, whatever its length', () => {
    const table = new TypeTable<number>();
    table.set('message.create', 1);
    expect(table.get('message.cre4te')).toBeUndefined();
    expect(table.get('ready')).toBeUndefined();
    expect(table.get('')).toBeUndefined();
    expect(table.get('x'.repeat(500))).toBeUndefined();
  });

  it('replaces the value of a type set again, by an equal string', () => {
    const table = new TypeTable<string>();
    table.set('user.update', 'first');
    table.set('space.update', 'other');
    table.set(fresh('user.update'), 'second');
    expect(table.get('user.update')).toBe('second');
    expect(table.get('space.update')).toBe('other');
  });

  it('keeps keys such as __proto__ as data', () => {
    const table = new TypeTable<number>();
    table.set('__proto__', 7);
    expect(table.get(fresh('__proto__'))).toBe(7);
    expect(table.get('constructor')).toBeUndefined();
  });
});
