/** One stored row as persistence sees it: a table name, a primary key and the row as JSON. */
export interface PersistedRow {
  table: string;
  key: string;
  json: string;
}

/**
 * Where the in-memory tables write through to. The in-memory model is the source of truth while
 * the process runs; persistence only has to replay it on the next start.
 */
export interface Persistence {
  put(table: string, key: string, json: string): void;
  delete(table: string, key: string): void;
  load(): Iterable<PersistedRow>;
  /** Runs `fn` so that every write inside it lands together (or not at all). */
  transaction<T>(fn: () => T): T;
  close(): void;
}

/** Persistence for the default in-memory mode: nothing is written anywhere. */
export const memoryPersistence: Persistence = {
  put() {},
  delete() {},
  load: () => [],
  transaction: (fn) => fn(),
  close() {},
};
