import type { GatewayData } from '../contracts.js';
import type { Clock } from '../../util/clock.js';
import type { Tables } from './tables.js';

export interface ServerSettings {
  serverName: string;
  motd: string | null;
}

/** All state of the embedded server, plus the gateway's read-only view of it. */
export interface ServerData extends GatewayData {
  readonly tables: Tables;
  readonly clock: Clock;
  readonly settings: ServerSettings;
  /** True when backed by a SQLite file. */
  readonly persistent: boolean;
  /** A new snowflake id at the data clock's current time. */
  nextId(): string;
  /** Runs `fn` as one unit (one SQLite transaction when persistent). */
  transaction<T>(fn: () => T): T;
  close(): void;
}
