import type { ServerConnection } from './connection.js';

/**
 * Values keyed by a string (a channel, a space, a message and emoji) for each connection: the
 * state of REST work in flight. Held weakly per connection, so a removed connection takes its
 * entries with it.
 */
export class PerConnection<V> {
  private readonly byConnection = new WeakMap<ServerConnection, Map<string, V>>();

  get(conn: ServerConnection, key: string): V | undefined {
    return this.byConnection.get(conn)?.get(key);
  }

  /** Stores `value` under `key`; returns whether the key was new (not a replacement). */
  set(conn: ServerConnection, key: string, value: V): boolean {
    let byKey = this.byConnection.get(conn);
    if (!byKey) {
      byKey = new Map();
      this.byConnection.set(conn, byKey);
    }
    const added = !byKey.has(key);
    byKey.set(key, value);
    return added;
  }

  /** Removes `key` if it still holds `value` (a newer value that replaced it stays). */
  deleteIfCurrent(conn: ServerConnection, key: string, value: V): boolean {
    const byKey = this.byConnection.get(conn);
    if (byKey?.get(key) !== value) return false;
    byKey.delete(key);
    return true;
  }

  /** Removes every entry of the connection that `drop` picks; returns how many went. */
  deleteWhere(conn: ServerConnection, drop: (value: V) => boolean): number {
    const byKey = this.byConnection.get(conn);
    if (!byKey) return 0;
    let removed = 0;
    for (const [key, value] of byKey) {
      if (!drop(value)) continue;
      byKey.delete(key);
      removed++;
    }
    return removed;
  }
}
