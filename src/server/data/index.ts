import { nextSnowflake } from '../ids.js';
import type { Clock } from '../../util/clock.js';
import { systemClock } from '../../util/clock.js';
import { createGatewayData } from './gateway-data.js';
import type { Persistence } from './storage/persistence.js';
import { memoryPersistence } from './storage/persistence.js';
import { openSqlitePersistence } from './storage/sqlite.js';
import type { ServerData, ServerSettings } from './server-data.js';
import { createTables } from './tables.js';

export type { ServerData, ServerSettings } from './server-data.js';

export interface ServerDataOptions {
  /** SQLite file path; in memory when absent. */
  db?: string;
  clock?: Clock;
  serverName?: string;
  motd?: string | null;
}

/**
 * Creates the server's state: in-memory Maps that are the source of truth, written through to
 * SQLite when `db` is given (and replayed from it on start, so a restart loses nothing).
 */
export async function createServerData(options: ServerDataOptions = {}): Promise<ServerData> {
  const clock = options.clock ?? systemClock;
  const persistence: Persistence = options.db ? await openSqlitePersistence(options.db) : memoryPersistence;
  const tables = createTables(persistence);
  const byName = new Map<string, { restore(json: string): void }>();
  for (const table of Object.values(tables)) byName.set(table.name, table);
  for (const row of persistence.load()) byName.get(row.table)?.restore(row.json);
  const settings: ServerSettings = { serverName: options.serverName ?? 'accordkit', motd: options.motd ?? null };
  return {
    ...createGatewayData(tables, clock, settings),
    tables,
    clock,
    settings,
    persistent: options.db !== undefined,
    nextId: () => nextSnowflake(clock.now()),
    transaction: (fn) => persistence.transaction(fn),
    close: () => persistence.close(),
  };
}
