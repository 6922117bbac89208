/**
 * The seam between the embedded server's gateway (src/server/gateway/) and its data + REST side
 * (src/server/data/, src/server/rest/). Each side codes against these interfaces only.
 */
import type { GatewayEventType } from '../protocol/events.js';

/** One broadcast on the internal event bus (docs/protocol.md §2.3). */
export interface BusEvent {
  /** A name from the protocol's event registry: the server cannot announce an unlisted event. */
  type: GatewayEventType;
  data: unknown;
  /** Space-routed when set (and no targets). */
  spaceId?: string | null;
  /** Targeted: only these users' sessions, takes precedence over spaceId. */
  targetUserIds?: readonly string[] | null;
}

/**
 * A bus event under any name: what a test harness injects through `AccordServer.publish` to see how
 * clients take a dispatch type the protocol does not list. The server's own code publishes BusEvent.
 */
export interface RawBusEvent extends Omit<BusEvent, 'type'> {
  type: string;
}

export interface EventBus {
  /** Deliver to every live and parked session, filtered per docs/protocol.md §2.3. */
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
   * The READY data of docs/protocol.md §1.6 except `session_id`, `presences` and `voice_states`
   * (the gateway owns those and fills them in).
   */
  readySnapshot(userId: string, isGuest: boolean): Record<string, unknown>;
  /** Channel row (docs/protocol.md §4.3 shape), or undefined. */
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
 * In-memory live state, owned by the gateway and shared with REST: presences and voice states are
 * not persisted by accordserver either (they live with the sessions).
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
  /**
   * Ends every session IDENTIFYed with that token (logout), not resumable. `tokenHash` is the sha256
   * hex of the bare token, without its `Bot `/`Bearer ` prefix.
   */
  endSessionsForToken(tokenHash: string): void;
  /**
   * Publishes the user's stored presence as one space-routed `presence.update` (the gateway's
   * shape: `invisible` goes out as `offline`) to `spaceId` (nothing when none is stored), then
   * sends the user each co-member's stored presence, targeted at the user alone. Called right
   * after a `member.join` (superset, DEVIATIONS.md) so the joiner and the members see each other.
   */
  publishPresence(userId: string, spaceId: string): void;
}
