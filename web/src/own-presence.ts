import { AccordClient } from '../../src/client/index.js';
import type { ReadyData } from '../../src/models/index.js';
import type { Activity, PresenceStatus } from '../../src/protocol/index.js';
import type { ServerConnection } from '../../src/state/index.js';

/** A presence as op 8 sets it (docs/protocol.md §1.15: one activity at most). */
export interface SetPresence {
  status: PresenceStatus;
  activity: Activity | null;
}

interface Tracked {
  client: AccordClient;
  /** What the server had for me when this page signed in; given back when it signs out. */
  before: SetPresence | null;
  /** Whether this page changed it (so there is something to give back). */
  changed: boolean;
  /** What I picked on this page (the presence picker): kept over READYs and given back at sign-out. */
  chosen: SetPresence | null;
  detach: () => void;
}

function storedStatus(status: string): PresenceStatus | null {
  return status === 'online' || status === 'idle' || status === 'dnd' || status === 'invisible' ? status : null;
}

function firstActivity(activities: readonly unknown[]): Activity | null {
  const first = activities[0];
  if (typeof first !== 'object' || first === null || Array.isArray(first)) return null;
  const name = (first as Record<string, unknown>)['name'];
  return typeof name === 'string' ? { ...(first as Record<string, unknown>), name } : null;
}

function send(client: AccordClient, presence: SetPresence): Promise<void> {
  try {
    return client.updatePresence(presence.status, presence.activity).catch(() => undefined);
  } catch {
    return Promise.resolve(); // not connected right now: nothing to tell the server
  }
}

/**
 * My own presence while this page is signed in. IDENTIFY sends no presence, so the server keeps
 * the one it stored (docs/protocol.md §1.5.4: e.g. `idle`, set by another of my clients or, in the
 * demo, by the traffic simulator) and READY reports it. But this page is in use, so after each
 * READY it says `online` (op 8, keeping the activity); when I sign out it gives back what READY
 * first reported, so another client of mine that is still connected shows what I had set there.
 * Once I pick a presence on this page (`choose`), that choice is mine: READY no longer turns it
 * into `online` (the store sends the choice again on a new session) and signing out gives it back.
 */
export class OwnPresence {
  private readonly tracked = new Map<ServerConnection, Tracked>();
  private chosen: SetPresence | null = null;

  /** Call right after `store.addServer`, before its READY can arrive. */
  track(conn: ServerConnection): void {
    const client = conn.client;
    if (!(client instanceof AccordClient)) return;
    const onReady = (ready: ReadyData): void => {
      const entry = this.tracked.get(conn);
      const mine = ready.presences.find((presence) => presence.user_id === ready.user_id);
      const status = mine ? storedStatus(mine.status) : null;
      if (!entry || !mine || status === null || ready.is_guest) return;
      if (entry.chosen) {
        // A connection added after I picked: it gets the choice too (the others have it already).
        if (status !== entry.chosen.status) void send(client, entry.chosen);
        return;
      }
      const activity = firstActivity(mine.activities);
      entry.before ??= { status, activity };
      if (status === 'online') return;
      entry.changed = true;
      void send(client, { status: 'online', activity });
    };
    client.on('ready', onReady);
    this.tracked.set(conn, { client, before: null, changed: false, chosen: this.chosen, detach: () => client.off('ready', onReady) });
  }

  /** I picked a presence (the store sends it on every connection): it is what sign-out gives back. */
  choose(presence: SetPresence): void {
    this.chosen = presence;
    for (const entry of this.tracked.values()) entry.chosen = presence;
  }

  /** Gives back the presence from before this page signed in; resolves once op 8 is written. */
  async release(conn: ServerConnection): Promise<void> {
    const entry = this.tracked.get(conn);
    if (!entry) return;
    this.tracked.delete(conn);
    entry.detach();
    const giveBack = entry.chosen ?? (entry.changed ? entry.before : null);
    if (giveBack) await send(entry.client, giveBack);
  }

  /** The page is going away: give every presence back now (the frames go out before the close). */
  releaseAll(): void {
    for (const conn of [...this.tracked.keys()]) void this.release(conn);
  }
}
