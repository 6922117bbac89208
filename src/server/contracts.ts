/*
 * Data/REST helper's notes (for the gateway helper):
 * - src/server/rest/index.ts: `createRestHandler(deps: RestHandlerDeps)`; RestDeps<ServerData> is
 *   assignable to it (extra optional `rateLimit: {capacity?, disabled?}` for the REST token bucket).
 * - src/server/seed/index.ts: `seedDemo(data: ServerData): SeededDemo` (synchronous; `await` works).
 *   SeededDemo = {users: [{id, username, password, token}], bot: {id, token, applicationId},
 *   spaces: [{id, name, channels: [{id, name, type}]}], dms: [{id, type, recipientIds}]}.
 * - src/server/simulator/index.ts: `startSimulator({data, gateway, rate, random?, clock?, logger?})`.
 * - GatewayData.spaceMembers / anonymousCount are implemented (spaceMembers embeds PublicUser).
 * - The data side's own presence publisher (simulator) reuses gateway/presence.ts presenceUpdateData.
 */

/*
 * Presence on join (additive): GatewayControl.publishPresence(userId, spaceId); the data side calls
 * it right after every `member.join` it publishes (join, invite accept, register, space create).
 */

/*
 * Gateway helper's additive changes (for the data/REST helper):
 * - GatewayData.spaceMembers?(spaceId): Member rows (§4.4) each WITH an embedded `user` (§4.1), for
 *   the op 10 -> member.chunk superset. Optional; without it op 10 sends nothing.
 * - GatewayData.anonymousCount?(spaceId, delta): apply delta to the space's guest counter (floored at 0)
 *   and return it; the gateway calls it with 0 when a guest session starts and -1 when it ends
 *   (§1.20), then broadcasts anonymous_count_updated. Optional.
 * - GatewayControl.endSessionsForToken(tokenHash): tokenHash = sha256 hex of the bare token (without
 *   the `Bot `/`Bearer ` prefix), which is what the gateway records per session.
 * - ServerDataHandle / RestDeps below: how AccordServer wires the two sides together. AccordServer
 *   calls `createRestHandler(deps: RestDeps<ServerData>)` from src/server/rest/index.ts (returns
 *   `(req, res) => void`) and `seedDemo(data: ServerData)` from src/server/seed/index.ts (its
 *   return value becomes `server.seeded`).
 * - The gateway owns LiveState (presences, voiceStates): REST reads/writes `gateway.live` from RestDeps.
 * - src/server/ids.ts exports nextSnowflake(nowMs?): string.
 */

import type { Clock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';

/**
 * The seam between the embedded server's gateway (src/server/gateway/) and its data + REST side
 * (src/server/data/, src/server/rest/). Each side codes against these interfaces only.
 */

/** One broadcast on the internal event bus (PROTOCOL.md §2.3). */
export interface BusEvent {
  type: string;
  data: unknown;
  /** Space-routed when set (and no targets). */
  spaceId?: string | null;
  /** Targeted: only these users' sessions, takes precedence over spaceId. */
  targetUserIds?: readonly string[] | null;
}

export interface EventBus {
  /** Deliver to every live and parked session, filtered per PROTOCOL.md §2.3. */
  publish(event: BusEvent): void;
}

export interface ResolvedToken {
  userId: string;
  kind: 'bot' | 'user' | 'guest';
  /** For guests: the one space they are scoped to. */
  guestSpaceId?: string;
}

/** What the gateway needs from the data side. All synchronous: storage is in-process. */
export interface GatewayData {
  /** `Bot x` / `Bearer x` exactly; null when the prefix, token, expiry or user is bad. */
  resolveToken(header: string): ResolvedToken | null;
  /** Space ids the user is a member of, now. */
  userSpaceIds(userId: string): string[];
  /** Effective mutes: explicit channel mutes + children of muted categories. */
  effectiveMutes(userId: string): Set<string>;
  /** Users with relationship type 1 (friends). */
  friendIds(userId: string): string[];
  /**
   * The READY data of PROTOCOL.md §1.6 except `session_id`, `presences` and `voice_states`
   * (the gateway owns those and fills them in).
   */
  readySnapshot(userId: string, isGuest: boolean): Record<string, unknown>;
  /** Channel row (PROTOCOL.md §4.3 shape), or undefined. */
  channel(channelId: string): { id: string; type: string; space_id: string | null } | undefined;
  /** DM / group DM participants, or [] when not a DM channel. */
  dmParticipants(channelId: string): string[];
  /** Whether the user may `permission` in the channel (overwrites, roles, owner and admin rules). */
  hasChannelPermission(userId: string, channelId: string, permission: string): boolean;
  /** Whether the member is timed out in the space now. */
  isTimedOut(userId: string, spaceId: string): boolean;
  /** Display name for voice tokens. */
  displayName(userId: string): string;
  /** Members of a space, each with an embedded `user` (op 10 superset). */
  spaceMembers?(spaceId: string): Record<string, unknown>[];
  /** Adds `delta` to the space's guest counter (floored at 0) and returns the new count. */
  anonymousCount?(spaceId: string, delta: number): number;
}

export type PresenceStatusStored = 'online' | 'idle' | 'dnd' | 'invisible';

export interface StoredPresence {
  status: PresenceStatusStored;
  activities: unknown[];
}

export interface VoiceStateRow {
  user_id: string;
  space_id: string | null;
  channel_id: string | null;
  session_id: string;
  deaf: boolean;
  mute: boolean;
  self_deaf: boolean;
  self_mute: boolean;
  self_stream: boolean;
  self_video: boolean;
  suppress: boolean;
}

/**
 * In-memory live state shared by the gateway and REST: presences and voice states are not
 * persisted by accordserver either (they live with the sessions).
 */
export interface LiveState {
  presences: Map<string, StoredPresence>;
  voiceStates: Map<string, VoiceStateRow>;
}

/** What REST needs from the gateway side. */
export interface GatewayControl {
  bus: EventBus;
  live: LiveState;
  /** True while the user has a live or parked session. */
  isConnected(userId: string): boolean;
  /** End every session of a user (e.g. on logout of its token): not resumable. */
  endSessionsForToken(tokenHash: string): void;
  /**
   * Publishes the user's stored presence as one space-routed `presence.update` (the gateway's
   * shape: `invisible` goes out as `offline`) to `spaceId`; nothing when no presence is stored.
   * Called right after a `member.join` (superset, DEVIATIONS.md) so the other members see the
   * joiner online.
   */
  publishPresence(userId: string, spaceId: string): void;
}

/**
 * What `createServerData({ db })` (src/server/data/index.ts) returns, as far as AccordServer is
 * concerned: the gateway's view of the data plus an optional close (SQLite handle).
 */
export interface ServerDataHandle extends GatewayData {
  close?(): void;
}

/**
 * What AccordServer passes to `createRestHandler(deps)` (src/server/rest/index.ts), which returns
 * `(req, res) => void` for every HTTP request that is not `/ws` or `/_faults/*`.
 */
export interface RestDeps<Data extends ServerDataHandle = ServerDataHandle> {
  data: Data;
  gateway: GatewayControl;
  logger: Logger;
  clock: Clock;
  /** 'http://127.0.0.1:PORT' once listening (the voice stub URL is derived from it). */
  baseUrl(): string;
}
