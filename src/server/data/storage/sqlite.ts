import type { Persistence, PersistedRow } from './persistence.js';

interface Statement {
  run(...params: unknown[]): unknown;
  iterate(...params: unknown[]): IterableIterator<unknown>;
}

interface SqliteDatabase {
  prepare(sql: string): Statement;
  pragma(sql: string): unknown;
  exec(sql: string): unknown;
  transaction<T>(fn: () => T): () => T;
  close(): void;
}

type SqliteConstructor = new (file: string) => SqliteDatabase;

/**
 * Write-through persistence into one SQLite file: every row of every table is kept as JSON under
 * (table, key). better-sqlite3 is imported lazily so that nothing on the client side pulls it in.
 */
export async function openSqlitePersistence(file: string): Promise<Persistence> {
  const module = (await import('better-sqlite3')) as unknown as { default: SqliteConstructor };
  const db = new module.default(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(
    'CREATE TABLE IF NOT EXISTS rows (tbl TEXT NOT NULL, key TEXT NOT NULL, json TEXT NOT NULL, ' +
      'PRIMARY KEY (tbl, key)) WITHOUT ROWID',
  );
  const upsert = db.prepare(
    'INSERT INTO rows (tbl, key, json) VALUES (?, ?, ?) ON CONFLICT (tbl, key) DO UPDATE SET json = excluded.json',
  );
  const remove = db.prepare('DELETE FROM rows WHERE tbl = ? AND key = ?');
  const selectAll = db.prepare('SELECT tbl AS "table", key, json FROM rows');
  let depth = 0;
  return {
    put: (table, key, json) => void upsert.run(table, key, json),
    delete: (table, key) => void remove.run(table, key),
    load: () => selectAll.iterate() as IterableIterator<PersistedRow>,
    transaction<T>(fn: () => T): T {
      if (depth > 0) return fn();
      depth++;
      try {
        return db.transaction(fn)();
      } finally {
        depth--;
      }
    },
    close: () => db.close(),
  };
}
