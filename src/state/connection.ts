import type { Activity, PresenceStatus } from '../protocol/index.js';
import { ConnectionCache } from './connection-cache.js';
import { Outbox } from './actions/outbox.js';
import { InFlight } from './in-flight.js';
import type { Routing } from './routing.js';
import type { StoreClient } from './store-client.js';
import type { ConnectionStatus, StoreUser } from './types.js';

/** One account on one accordserver, inside an AccordStore. It may hold many spaces. */
export class ServerConnection {
  /** Stable for the connection's lifetime; never reused within a store. */
  readonly index: number;
  /** @internal told every status change (the store turns it into `connectionChanged`). */
  onStatusChange: ((conn: ServerConnection, status: ConnectionStatus) => void) | null = null;
  #status: ConnectionStatus = 'connecting';
  /** The signed-in user (null for guests and before READY). */
  user: StoreUser | null = null;
  readonly client: StoreClient;
  /** Resolves once the first READY has been hydrated into the caches (REST fill-ins included). */
  readonly ready: Promise<void>;

  /** @internal the connection's caches. */
  readonly cache: ConnectionCache<ServerConnection>;
  /** @internal READY's user_id (also set for guests). */
  userId = '';
  /** @internal bumps on every READY and on removal; stale REST answers compare against it. */
  generation = 0;
  /** @internal */
  readyCount = 0;
  /** @internal */
  removed = false;
  /** @internal one full reconnect with re-auth per disconnect cycle; cleared at READY. */
  escalated = false;
  /** @internal the gateway reported its last reconnect attempt in this cycle. */
  lastAttemptSeen = false;
  /** @internal the channel I asked to leave (so its leave reads as mine, not the server's). */
  leavingVoiceChannel: string | null = null;
  /** @internal the REST work in flight on this connection (refreshes, loads, reconciles). */
  readonly inFlight = new InFlight();
  /** @internal my sends not yet confirmed (actions/send-*.ts). */
  readonly outbox = new Outbox();
  /** @internal when my last POST /typing went out, per channel (or channel + thread). */
  readonly typingSentAt = new Map<string, number>();
  /** @internal the presence I set (setPresence), sent again on every new session. */
  presence: { status: PresenceStatus; activity: Activity | null } | null = null;
  /** @internal listeners to detach on removal. */
  readonly detachers: Array<() => void> = [];

  private settleReady: { resolve: () => void; reject: (error: unknown) => void } | null = null;

  constructor(index: number, client: StoreClient, routing: Routing<ServerConnection>) {
    this.index = index;
    this.client = client;
    this.cache = new ConnectionCache<ServerConnection>(this, routing);
    this.ready = new Promise<void>((resolve, reject) => {
      this.settleReady = { resolve, reject };
    });
    // A caller that never awaits `ready` must not crash the process on a failed login.
    this.ready.catch(() => undefined);
  }

  get status(): ConnectionStatus {
    return this.#status;
  }

  set status(status: ConnectionStatus) {
    if (status === this.#status) return;
    this.#status = status;
    this.onStatusChange?.(this, status);
  }

  /** Ids of the spaces this connection holds, in READY order. */
  get spaceIds(): string[] {
    return Array.from(this.cache.spaces.keys());
  }

  /** @internal */
  resolveReady(): void {
    this.settleReady?.resolve();
    this.settleReady = null;
  }

  /** @internal */
  rejectReady(error: unknown): void {
    this.settleReady?.reject(error);
    this.settleReady = null;
  }
}
