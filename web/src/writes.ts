import type { Activity, PresenceStatus } from '../../src/protocol/index.js';
import { StoreActionError, type AccordStore, type StoreMessage } from '../../src/state/index.js';
import type { OwnPresence } from './own-presence.js';

/** StoreActionError codes a send is refused with before its pending entry exists. */
const REFUSED_BEFORE_LISTING: ReadonlySet<string> = new Set(['invalid_argument', 'unknown_channel']);

/** Rejections the UI has nothing to add to: the store already shows (or rolled back) the change. */
function shownByTheStore(): void {
  // An edit, delete or reaction the server refused is restored in the caches (and re-rendered);
  // a failed send stays in the list with its retry/discard control.
}

/**
 * Every write the browser client makes, and only through store actions: the store shows each at
 * once (a pending send, an edit, a reaction) and settles it to the server's answer.
 */
export class Writes {
  constructor(
    private readonly store: AccordStore,
    private readonly ownPresence: OwnPresence,
  ) {}

  /**
   * Resolves once the send settles; rejects only when the store refused it before listing an
   * entry (no content, an unknown channel), so the composer gives the text back. A send that
   * fails later stays listed with its retry/discard control instead.
   */
  send(channelId: string, content: string, threadId?: string): Promise<void> {
    return this.store.sendMessage(channelId, content, threadId === undefined ? {} : { threadId }).then(
      () => undefined,
      (error: unknown) => {
        if (error instanceof StoreActionError && REFUSED_BEFORE_LISTING.has(error.code)) throw error;
      },
    );
  }

  typing(channelId: string, threadId?: string): void {
    this.store.sendTyping(channelId, threadId).catch(shownByTheStore);
  }

  edit(message: StoreMessage, content: string): void {
    this.store.editMessage(message.id, content).catch(shownByTheStore);
  }

  remove(message: StoreMessage): void {
    this.store.deleteMessage(message.id).catch(shownByTheStore);
  }

  toggleReaction(message: StoreMessage, emoji: string, mine: boolean): void {
    const change = mine ? this.store.removeReaction(message.id, emoji) : this.store.addReaction(message.id, emoji);
    change.catch(shownByTheStore);
  }

  retry(message: StoreMessage): void {
    this.store.retrySend(message.id).catch(shownByTheStore);
  }

  discard(message: StoreMessage): void {
    try {
      this.store.discardSend(message.id);
    } catch {
      // already on its way again (a retry raced the click): its entry shows how it goes
    }
  }

  /** The presence picker's choice: on every connection now, and what signing out gives back. */
  setPresence(status: PresenceStatus, activity: Activity | null = null): void {
    this.ownPresence.choose({ status, activity });
    this.store.setPresence(status, activity).catch(shownByTheStore);
  }
}
