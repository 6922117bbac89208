import { describe, expect, it } from 'vitest';
import type { Persistence } from '../../../src/server/data/storage/persistence.js';
import { Table } from '../../../src/server/data/storage/table.js';

interface Row {
  id: string;
  group: string | null;
}

function recordingPersistence() {
  const writes: string[] = [];
  const persistence: Persistence = {
    put: (table, key, json) => void writes.push(`put ${table} ${key} ${json}`),
    delete: (table, key) => void writes.push(`delete ${table} ${key}`),
    load: () => [],
    transaction: (fn) => fn(),
    close() {},
  };
  return { writes, persistence };
}

describe('Table', () => {
  it('keeps its index in step with replacements and deletions', () => {
    const { persistence } = recordingPersistence();
    const table = new Table<Row, 'group'>('rows', (r) => r.id, persistence, { group: (r) => r.group });
    table.put({ id: '1', group: 'a' });
    table.put({ id: '2', group: 'a' });
    expect(table.where('group', 'a').map((r) => r.id).sort()).toEqual(['1', '2']);
    table.put({ id: '1', group: 'b' });
    expect(table.where('group', 'a').map((r) => r.id)).toEqual(['2']);
    expect(table.countWhere('group', 'b')).toBe(1);
    table.put({ id: '2', group: null });
    expect(table.where('group', 'a')).toEqual([]);
    table.delete('1');
    expect(table.where('group', 'b')).toEqual([]);
    expect(table.size).toBe(1);
  });

  it('writes through every put and delete, and restore does not write', () => {
    const { writes, persistence } = recordingPersistence();
    const table = new Table<Row>('rows', (r) => r.id, persistence);
    table.put({ id: '7', group: null });
    table.delete('7');
    table.delete('7');
    table.restore(JSON.stringify({ id: '8', group: 'x' }));
    expect(writes).toEqual(['put rows 7 {"id":"7","group":null}', 'delete rows 7']);
    expect(table.get('8')).toEqual({ id: '8', group: 'x' });
  });

  it('treats __proto__ as an ordinary key', () => {
    const table = new Table<Row, 'group'>('rows', (r) => r.id, recordingPersistence().persistence, { group: (r) => r.group });
    table.put({ id: '__proto__', group: '__proto__' });
    expect(table.get('__proto__')?.group).toBe('__proto__');
    expect(table.where('group', '__proto__')).toHaveLength(1);
  });
});
