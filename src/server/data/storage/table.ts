import type { Persistence } from './persistence.js';

/** A secondary index: index value -> primary keys, plus the reverse to unindex on change. */
class Index {
  readonly byValue = new Map<string, Set<string>>();
  readonly valueByKey = new Map<string, string>();

  add(key: string, value: string | null): void {
    this.remove(key);
    if (value === null) return;
    let keys = this.byValue.get(value);
    if (!keys) this.byValue.set(value, (keys = new Set()));
    keys.add(key);
    this.valueByKey.set(key, value);
  }

  remove(key: string): void {
    const value = this.valueByKey.get(key);
    if (value === undefined) return;
    this.valueByKey.delete(key);
    const keys = this.byValue.get(value);
    keys?.delete(key);
    if (keys && keys.size === 0) this.byValue.delete(value);
  }
}

/**
 * One in-memory table (a Map keyed by primary key) that writes through to persistence and keeps
 * secondary indexes. Rows are replaced, never mutated in place: always `put` a new object.
 */
export class Table<T extends object, I extends string = never> {
  private readonly rows = new Map<string, T>();
  private readonly indexes = new Map<I, { index: Index; valueOf: (row: T) => string | null }>();

  constructor(
    readonly name: string,
    private readonly keyOf: (row: T) => string,
    private readonly persistence: Persistence,
    indexes: Partial<Record<I, (row: T) => string | null>> = {},
  ) {
    for (const [indexName, valueOf] of Object.entries(indexes) as [I, (row: T) => string | null][]) {
      this.indexes.set(indexName, { index: new Index(), valueOf });
    }
  }

  get size(): number {
    return this.rows.size;
  }

  get(key: string): T | undefined {
    return this.rows.get(key);
  }

  has(key: string): boolean {
    return this.rows.has(key);
  }

  values(): IterableIterator<T> {
    return this.rows.values();
  }

  /** Rows whose index `indexName` has `value`. */
  where(indexName: I, value: string): T[] {
    const keys = this.indexes.get(indexName)?.index.byValue.get(value);
    if (!keys) return [];
    const out: T[] = [];
    for (const key of keys) {
      const row = this.rows.get(key);
      if (row) out.push(row);
    }
    return out;
  }

  countWhere(indexName: I, value: string): number {
    return this.indexes.get(indexName)?.index.byValue.get(value)?.size ?? 0;
  }

  put(row: T): T {
    const key = this.keyOf(row);
    this.store(key, row);
    this.persistence.put(this.name, key, JSON.stringify(row));
    return row;
  }

  delete(key: string): boolean {
    if (!this.rows.delete(key)) return false;
    for (const { index } of this.indexes.values()) index.remove(key);
    this.persistence.delete(this.name, key);
    return true;
  }

  /** Loads a row read back from persistence (no write). */
  restore(json: string): void {
    const row = JSON.parse(json) as T;
    this.store(this.keyOf(row), row);
  }

  private store(key: string, row: T): void {
    this.rows.set(key, row);
    for (const { index, valueOf } of this.indexes.values()) index.add(key, valueOf(row));
  }
}
