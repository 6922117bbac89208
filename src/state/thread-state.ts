import type { Message } from '../models/index.js';
import type { TimerHandle } from '../util/clock.js';
import { MessageList } from './message-list.js';

/**
 * One thread a connection tracks (docs/protocol.md §10: a parent message plus the replies whose
 * `thread_id` is its id). Replies live here, never in their channel's list.
 *
 * Live replies are kept for a thread that is tracked already or whose parent is cached (at most
 * messageCap of them, newest kept); `loadThread` makes it `loaded`: every reply, held until
 * `closeThread`.
 */
export class ThreadState {
  readonly replies = new MessageList();
  /** The replies were fetched over REST (the list is the whole thread, kept current live). */
  loaded = false;

  constructor(
    readonly channelId: string,
    /** The parent when known: the channel list's own object while it is cached there. */
    public parent: Message | undefined,
  ) {}
}

/** Who types in one thread: user id -> display name and when that lapses; one timer per thread. */
export interface ThreadTyping {
  readonly users: Map<string, { name: string; stopAt: number }>;
  handle: TimerHandle | null;
}
