import type { Message, ReactionClearData, ReactionClearEmojiData, ReactionEventData, UnreadChannel } from '../models/index.js';
import { ReadAcks } from './read-acks.js';

/** A message event that reached a channel while its REST page was in flight. */
export type JournalEntry =
  | { kind: 'create'; message: Message }
  | { kind: 'update'; message: Message }
  | { kind: 'delete'; ids: readonly string[] }
  | { kind: 'reaction.add' | 'reaction.remove'; data: ReactionEventData }
  | { kind: 'reaction.clear'; data: ReactionClearData }
  | { kind: 'reaction.clear_emoji'; data: ReactionClearEmojiData };

/** A shared REST load of the READY generation it started in. */
export interface GenerationalLoad<T> {
  readonly generation: number;
  readonly promise: Promise<T>;
}

/** One channel's refresh in flight: the events to re-apply on top of the page it brings. */
export interface RefreshJournal {
  readonly generation: number;
  readonly entries: JournalEntry[];
  promise: Promise<void> | null;
}

/** A space being loaded over REST after my own member.join; a leave meanwhile cancels it. */
export interface SpaceLoad {
  readonly generation: number;
  cancelled: boolean;
}

/** One reaction event waiting for a reconcile. */
export interface ReactionOp {
  add: boolean;
  userId: string;
}

/** One GET …/reactions/{emoji} in flight; events for the same (message, emoji) queue on it. */
export interface Reconcile {
  readonly generation: number;
  readonly channelId: string;
  readonly messageId: string;
  readonly emoji: string;
  readonly queue: ReactionOp[];
}

/** One GET /users/@me/read-states in flight, with the channels acked while it was. */
export interface ReadStateFetch {
  readonly generation: number;
  readonly answer: Promise<UnreadChannel[]>;
  readonly acked: Set<string>;
}

/**
 * Keys (user ids, channel ids) that events touched while a REST load of the same kind was in
 * flight: the load's answer may be older than those events, so it leaves them alone. Nothing is
 * recorded while no load is open.
 */
export class TouchLog {
  private readonly open = new Set<Set<string>>();

  begin(): Set<string> {
    const touched = new Set<string>();
    this.open.add(touched);
    return touched;
  }

  end(touched: Set<string>): void {
    this.open.delete(touched);
  }

  touch(key: string): void {
    if (this.open.size === 0) return;
    for (const touched of this.open) touched.add(key);
  }
}

/**
 * The REST work in flight on one connection, owned by that connection (never shared between
 * connections or stores). Every entry carries the READY generation it started in; answers from
 * an older generation are dropped. Handlers check a map's size first, so the hot path costs one
 * comparison while nothing is in flight.
 */
export class InFlight {
  /** Channel id -> its message refresh (and the events journaled meanwhile). */
  readonly journals = new Map<string, RefreshJournal>();
  /** Space id -> its load after my own member.join. */
  readonly spaceLoads = new Map<string, SpaceLoad>();
  /** `messageId \0 emoji` -> the reactor list being fetched. */
  readonly reconciles = new Map<string, Reconcile>();
  /** Voice loads (GET voice-status): user ids whose voice state an event set meanwhile. */
  readonly voiceTouches = new TouchLog();
  /** Read-state loads (GET read-states): channel ids an ack (read_state.update) read meanwhile. */
  readonly readStateTouches = new TouchLog();
  /** The read-state fetch the spaces loading share. */
  readStateFetch: ReadStateFetch | null = null;
  /** The read-state GET that follows the one in flight (for loads that asked after it was sent). */
  readStateFollowing: { readonly generation: number; readonly fetch: Promise<ReadStateFetch> } | null = null;
  /** Parent id -> its thread's replies being loaded (concurrent askers share it). */
  readonly threadLoads = new Map<string, GenerationalLoad<readonly Message[]>>();
  /** Channel id -> its older history being paged in (concurrent askers share it). */
  readonly historyLoads = new Map<string, GenerationalLoad<readonly Message[]>>();
  /** Thread and history loads: message ids a `message.delete` removed meanwhile. */
  readonly messageDeletes = new TouchLog();
  /** POST /channels/{id}/ack requests, one in flight per channel (actions/read-state.ts). */
  readonly acks = new ReadAcks();

  /** The refresh of the channel in flight in `generation`, if any. */
  runningRefresh(channelId: string, generation: number): RefreshJournal | undefined {
    const journal = this.journals.get(channelId);
    return journal !== undefined && journal.generation === generation ? journal : undefined;
  }

  /** Records an event for the channel when its refresh is in flight (callers check journals.size first). */
  journal(channelId: string, generation: number, entry: JournalEntry): void {
    this.runningRefresh(channelId, generation)?.entries.push(entry);
  }

  openJournal(channelId: string, generation: number): RefreshJournal {
    const journal: RefreshJournal = { generation, entries: [], promise: null };
    this.journals.set(channelId, journal);
    return journal;
  }

  /** Stops recording for this refresh (a newer one that replaced it keeps recording). */
  closeJournal(channelId: string, journal: RefreshJournal): void {
    if (this.journals.get(channelId) === journal) this.journals.delete(channelId);
  }

  /** The load of the space in flight in `generation` and not cancelled, if any. */
  runningSpaceLoad(spaceId: string, generation: number): SpaceLoad | undefined {
    const load = this.spaceLoads.get(spaceId);
    return load !== undefined && load.generation === generation && !load.cancelled ? load : undefined;
  }

  /** I left the space before its load finished: the load must not bring it back. */
  cancelSpaceLoad(spaceId: string): void {
    const load = this.spaceLoads.get(spaceId);
    if (load) load.cancelled = true;
  }
}
