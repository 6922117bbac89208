import type { Message, ReactionClearData, ReactionClearEmojiData, ReactionEventData } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import { PerConnection } from '../per-connection.js';

/** A message event that reached a channel while its REST page was in flight. */
export type JournalEntry =
  | { kind: 'create'; message: Message }
  | { kind: 'update'; message: Message }
  | { kind: 'delete'; ids: readonly string[] }
  | { kind: 'reaction.add' | 'reaction.remove'; data: ReactionEventData }
  | { kind: 'reaction.clear'; data: ReactionClearData }
  | { kind: 'reaction.clear_emoji'; data: ReactionClearEmojiData };

/** One channel's refresh in flight: the events to re-apply on top of the page it brings. */
export interface RefreshJournal {
  readonly generation: number;
  readonly entries: JournalEntry[];
  promise: Promise<void> | null;
}

/**
 * How many journals are open over every connection. Handlers read it first, so the hot path
 * costs one comparison while no refresh is running.
 */
export let openJournals = 0;

const journals = new PerConnection<RefreshJournal>();

/** The refresh in flight for the channel in the connection's current READY generation. */
export function runningRefresh(conn: ServerConnection, channelId: string): RefreshJournal | undefined {
  if (openJournals === 0) return undefined;
  const journal = journals.get(conn, channelId);
  return journal && journal.generation === conn.generation ? journal : undefined;
}

/** Records an event for the channel when a refresh of it is in flight (callers check openJournals). */
export function journalEvent(conn: ServerConnection, channelId: string, entry: JournalEntry): void {
  runningRefresh(conn, channelId)?.entries.push(entry);
}

export function openJournal(conn: ServerConnection, channelId: string): RefreshJournal {
  const journal: RefreshJournal = { generation: conn.generation, entries: [], promise: null };
  if (journals.set(conn, channelId, journal)) openJournals++;
  return journal;
}

/** Stops recording for this refresh (a newer one that replaced it keeps recording). */
export function closeJournal(conn: ServerConnection, channelId: string, journal: RefreshJournal): void {
  if (journals.deleteIfCurrent(conn, channelId, journal)) openJournals--;
}
