import type { AppContext } from '../context.js';
import { h } from '../dom.js';
import type { MessageList } from './message-list.js';

/** How close to the top (px) scrolling starts loading the page before. */
const LOAD_AT_PX = 120;
const PAGE_SIZE = 50;

/**
 * Scroll-back for the open channel: near the top it loads the page before (`store.loadOlder`)
 * with a spinner and keeps what the reader sees in place; back at the bottom it lets the store
 * drop what paging added (`store.trimHistory`). At the channel's start it says so.
 */
export class HistoryPager {
  private channelId: string | null = null;
  private loading: string | null = null;
  /** Whether this channel holds pages loaded by scrolling (so there is something to trim). */
  private paged = false;
  /** Whether the reader has scrolled away from the newest messages since the last trim. */
  private away = false;
  private failed = false;
  private list: MessageList | null = null;

  constructor(private readonly ctx: AppContext) {}

  /** Listens to the list's scrolling; call once. */
  attach(list: MessageList): void {
    this.list = list;
    list.el.addEventListener('scroll', () => this.onScroll(), { passive: true });
  }

  show(channelId: string | null): void {
    this.channelId = channelId;
    this.paged = false;
    this.away = false;
    this.failed = false;
  }

  /** The element above the first message: a spinner while loading, the start marker at the start. */
  header(channelId: string): HTMLElement | null {
    const store = this.ctx.store;
    if (this.loading === channelId) {
      return h('div', { className: 'history-loading', testId: 'history-spinner', attrs: { role: 'status' } }, h('span', { className: 'spinner', attrs: { 'aria-hidden': 'true' } }), 'Loading older messages…');
    }
    if (store.messages(channelId).length === 0) return null;
    if (!store.hasOlder(channelId)) {
      const name = store.channel(channelId)?.name;
      return h('p', { className: 'history-note channel-start', testId: 'channel-start' }, name ? `This is the start of #${name}.` : 'This is the start of the conversation.');
    }
    // Also for a list too short to scroll (so it cannot be scrolled up).
    return h(
      'button',
      { className: 'history-note history-more', testId: 'history-more', attrs: { type: 'button' }, on: { click: () => this.loadMore() } },
      this.failed ? 'Could not load older messages. Try again' : 'Load older messages',
    );
  }

  private onScroll(): void {
    const list = this.list;
    const channelId = this.channelId;
    if (!list || !channelId) return;
    const atBottom = list.isNearBottom();
    if (!atBottom) this.away = true;
    if (list.el.scrollTop < LOAD_AT_PX && !atBottom) this.loadMore();
    else if (atBottom && this.away && this.paged && this.loading === null) {
      // The reader came back down to the newest messages: drop what paging added.
      this.paged = false;
      this.away = false;
      this.ctx.store.trimHistory(channelId);
    }
  }

  private loadMore(): void {
    const channelId = this.channelId;
    const list = this.list;
    const store = this.ctx.store;
    if (!channelId || !list || this.loading !== null || store.messages(channelId).length === 0 || !store.hasOlder(channelId)) return;
    this.loading = channelId;
    this.failed = false;
    list.holdPosition();
    list.render();
    store.loadOlder(channelId, PAGE_SIZE).then(
      (added) => this.loaded(channelId, added.length > 0, false),
      () => this.loaded(channelId, false, true),
    );
  }

  private loaded(channelId: string, added: boolean, failed: boolean): void {
    if (this.loading !== channelId) return;
    this.loading = null;
    if (this.channelId !== channelId || !this.list) return;
    if (added) this.paged = true;
    this.failed = failed;
    this.list.render();
    this.list.releasePosition();
  }
}
