import type { StoreMessage } from '../../../src/state/index.js';
import type { AppContext } from '../context.js';
import { h, replaceChildren } from '../dom.js';
import type { Writes } from '../writes.js';
import { memberName } from '../reads.js';
import { Composer } from './composer.js';
import { MessageList } from './message-list.js';
import { typingText } from './typing-indicator.js';

/**
 * A thread beside the channel: its parent, its replies (`store.loadThread`, then live through
 * `threadUpdated`), who is typing in it, and a composer that replies into it. Closing it tells the
 * store (`closeThread`), which then stops holding every reply.
 */
export class ThreadPanel {
  readonly el = h('aside', { className: 'thread-panel', testId: 'thread-panel', attrs: { 'aria-label': 'Thread', hidden: true } });
  private readonly title = h('h2', { className: 'thread-title', testId: 'thread-title' }, 'Thread');
  private readonly status = h('p', { className: 'thread-status', testId: 'thread-status', attrs: { role: 'status' } });
  private readonly typing = h('div', { className: 'typing', testId: 'thread-typing', attrs: { 'aria-live': 'polite' } });
  private readonly list: MessageList;
  private readonly composer: Composer;
  private parentId: string | null = null;
  private channelId: string | null = null;

  constructor(
    private readonly ctx: AppContext,
    private readonly writes: Writes,
    private readonly onVisibility: (open: boolean) => void,
  ) {
    this.list = new MessageList(
      ctx,
      {
        toggleReaction: (m, emoji, mine) => writes.toggleReaction(m, emoji, mine),
        remove: (m) => writes.remove(m),
        saveEdit: (m, content) => writes.edit(m, content),
        retry: (m) => writes.retry(m),
        discard: (m) => writes.discard(m),
        openThread: () => undefined,
      },
      {
        testId: 'thread-messages',
        label: 'Thread replies',
        read: (parentId) => ctx.store.threadMessages(parentId),
        header: (parentId) => this.renderParent(parentId),
        inThread: true,
        emptyText: 'No replies yet.',
      },
    );
    this.composer = new Composer(
      ctx,
      {
        send: (channelId, content) => writes.send(channelId, content, this.parentId ?? undefined),
        typing: (channelId) => writes.typing(channelId, this.parentId ?? undefined),
      },
      'thread-composer',
    );
    this.composer.setPlaceholder(() => 'Reply in the thread');
    const close = h(
      'button',
      { className: 'tool thread-close', testId: 'thread-close', attrs: { type: 'button', 'aria-label': 'Close the thread' }, on: { click: () => this.close() } },
      '✕',
    );
    replaceChildren(
      this.el,
      h('header', { className: 'thread-header' }, this.title, close),
      this.status,
      this.list.el,
      h('div', { className: 'chat-footer' }, this.typing, this.composer.el),
    );
  }

  open(parent: StoreMessage): void {
    if (this.parentId === parent.id) return;
    this.close();
    this.parentId = parent.id;
    this.channelId = parent.channel_id;
    this.el.hidden = false;
    this.onVisibility(true);
    this.status.textContent = 'Loading replies…';
    this.list.show(parent.id, parent.channel_id);
    this.composer.show(parent.channel_id);
    this.renderTyping();
    this.composer.focus();
    this.ctx.store.loadThread(parent.id).then(
      () => {
        if (this.parentId === parent.id) this.status.textContent = '';
      },
      (error: unknown) => {
        if (this.parentId === parent.id) this.status.textContent = `Could not load the replies: ${error instanceof Error ? error.message : String(error)}`;
      },
    );
  }

  close(): void {
    const parentId = this.parentId;
    if (parentId === null) return;
    this.parentId = null;
    this.channelId = null;
    this.el.hidden = true;
    this.list.show(null);
    this.composer.show(null);
    this.ctx.store.closeThread(parentId);
    this.onVisibility(false);
  }

  /** The open channel changed: a thread of another channel closes. */
  channelShown(channelId: string | null): void {
    if (this.channelId !== null && this.channelId !== channelId) this.close();
  }

  threadUpdated(parentId: string): void {
    if (parentId === this.parentId) this.list.render();
  }

  /** The parent may have changed (edited, reply count) among the channel's messages. */
  messagesUpdated(channelId: string): void {
    if (this.parentId !== null && channelId === this.channelId) this.list.render();
  }

  threadTypingUpdated(threadId: string): void {
    if (threadId === this.parentId) this.renderTyping();
  }

  private renderTyping(): void {
    const names = this.parentId ? this.ctx.store.typingIn(this.parentId) : [];
    this.typing.dataset['active'] = names.length > 0 ? 'true' : 'false';
    this.typing.textContent = names.length > 0 ? typingText(names) : '';
  }

  private renderParent(parentId: string): HTMLElement | null {
    const store = this.ctx.store;
    const parent = store.message(parentId);
    if (!parent) return null;
    const spaceId = store.channel(parent.channel_id)?.space_id ?? null;
    return h(
      'div',
      { className: 'thread-parent', testId: 'thread-parent', data: { messageId: parent.id } },
      h('span', { className: 'author' }, memberName(store, spaceId, parent.author_id)),
      h('p', { className: 'message-content' }, parent.content),
      h('p', { className: 'hint' }, `${parent.reply_count} ${parent.reply_count === 1 ? 'reply' : 'replies'}`),
    );
  }
}
