import type { ServerConnection } from '../connection.js';

/**
 * Keys (user ids, channel ids) that events touched while a REST load of the same kind was in
 * flight on a connection: the load's answer may be older than those events, so it leaves them
 * alone. Nothing is recorded while no load is open.
 */
export class TouchLog {
  private open = 0;
  private readonly logs = new WeakMap<ServerConnection, Set<Set<string>>>();

  begin(conn: ServerConnection): Set<string> {
    let logs = this.logs.get(conn);
    if (!logs) {
      logs = new Set();
      this.logs.set(conn, logs);
    }
    const touched = new Set<string>();
    logs.add(touched);
    this.open++;
    return touched;
  }

  end(conn: ServerConnection, touched: Set<string>): void {
    if (this.logs.get(conn)?.delete(touched)) this.open--;
  }

  touch(conn: ServerConnection, key: string): void {
    if (this.open === 0) return;
    const logs = this.logs.get(conn);
    if (logs) for (const touched of logs) touched.add(key);
  }
}

/** Voice loads (GET voice-status): user ids whose voice state an event set meanwhile. */
export const voiceTouches = new TouchLog();

/** Read-state loads (GET read-states): channel ids an ack (read_state.update) read meanwhile. */
export const readStateTouches = new TouchLog();
