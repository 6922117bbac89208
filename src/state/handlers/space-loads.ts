import type { ServerConnection } from '../connection.js';
import { PerConnection } from '../per-connection.js';

/** A space being loaded over REST after my own member.join; a leave meanwhile cancels it. */
export interface SpaceLoad {
  readonly generation: number;
  cancelled: boolean;
}

const loads = new PerConnection<SpaceLoad>();

/** The load of the space in flight in the connection's current READY generation, if any. */
export function runningSpaceLoad(conn: ServerConnection, spaceId: string): SpaceLoad | undefined {
  const load = loads.get(conn, spaceId);
  return load && load.generation === conn.generation && !load.cancelled ? load : undefined;
}

export function beginSpaceLoad(conn: ServerConnection, spaceId: string): SpaceLoad {
  const load: SpaceLoad = { generation: conn.generation, cancelled: false };
  loads.set(conn, spaceId, load);
  return load;
}

export function endSpaceLoad(conn: ServerConnection, spaceId: string, load: SpaceLoad): void {
  loads.deleteIfCurrent(conn, spaceId, load);
}

/** I left the space before its load finished: the load must not bring it back. */
export function cancelSpaceLoad(conn: ServerConnection, spaceId: string): void {
  const load = loads.get(conn, spaceId);
  if (load) load.cancelled = true;
}
