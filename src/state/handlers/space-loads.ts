import type { ServerConnection } from '../connection.js';

/** A space being loaded over REST after my own member.join; a leave meanwhile cancels it. */
export interface SpaceLoad {
  readonly generation: number;
  cancelled: boolean;
}

const loads = new WeakMap<ServerConnection, Map<string, SpaceLoad>>();

/** The load of the space in flight in the connection's current READY generation, if any. */
export function runningSpaceLoad(conn: ServerConnection, spaceId: string): SpaceLoad | undefined {
  const load = loads.get(conn)?.get(spaceId);
  return load && load.generation === conn.generation && !load.cancelled ? load : undefined;
}

export function beginSpaceLoad(conn: ServerConnection, spaceId: string): SpaceLoad {
  let bySpace = loads.get(conn);
  if (!bySpace) {
    bySpace = new Map();
    loads.set(conn, bySpace);
  }
  const load: SpaceLoad = { generation: conn.generation, cancelled: false };
  bySpace.set(spaceId, load);
  return load;
}

export function endSpaceLoad(conn: ServerConnection, spaceId: string, load: SpaceLoad): void {
  const bySpace = loads.get(conn);
  if (bySpace?.get(spaceId) === load) bySpace.delete(spaceId);
}

/** I left the space before its load finished: the load must not bring it back. */
export function cancelSpaceLoad(conn: ServerConnection, spaceId: string): void {
  const load = loads.get(conn)?.get(spaceId);
  if (load) load.cancelled = true;
}
