import type { Message } from '../../../src/models/index.js';
import type { AppContext } from '../context.js';
import { h, replaceChildren } from '../dom.js';
import { parseServerTime } from '../format.js';
import { memberName } from '../reads.js';
import { messageSignature, renderMessage, type MessageActions, type MessageItemInput } from './message-item.js';

const GROUP_WINDOW_MS = 5 * 60_000;

interface Rendered {
  el: HTMLElement;
  signature: string;
}

/**
 * The open channel's messages, oldest first. Re-rendering is keyed by message id: an element is
 * rebuilt only when what it shows changed, so scrolling, focus and text selection survive updates.
 */
export class MessageList {
  readonly el = h('section', {
    className: 'message-list',
    testId: 'message-list',
    attrs: { role: 'log', 'aria-live': 'polite', 'aria-label': 'Messages', tabindex: 0 },
  });
  private readonly rendered = new Map<string, Rendered>();
  private channelId: string | null = null;
  private editingId: string | null = null;

  constructor(
    private readonly ctx: AppContext,
    private readonly actions: MessageActions & { saveEdit(message: Message, content: string): Promise<void> },
  ) {}

  show(channelId: string | null): void {
    this.channelId = channelId;
    this.editingId = null;
    this.rendered.clear();
    replaceChildren(this.el);
    this.render();
    this.scrollToBottom();
  }

  render(): void {
    const channelId = this.channelId;
    if (!channelId) {
      replaceChildren(this.el, h('p', { className: 'empty' }, 'Pick a channel to start chatting.'));
      return;
    }
    const store = this.ctx.store;
    const messages = store.messages(channelId);
    const stick = this.isNearBottom();
    const spaceId = store.channel(channelId)?.space_id ?? null;
    const me = this.ctx.connectionForChannel(channelId)?.user?.id;
    const wanted: HTMLElement[] = [];
    const keep = new Set<string>();
    let previous: Message | undefined;
    for (const message of messages) {
      const input: MessageItemInput = {
        message,
        authorName: memberName(store, spaceId, message.author_id),
        continued: isContinuation(previous, message),
        mine: me !== undefined && message.author_id === me,
        mentionsMe: me !== undefined && (message.mention_everyone || message.mentions.includes(me)),
      };
      previous = message;
      keep.add(message.id);
      const existing = this.rendered.get(message.id);
      if (existing && (existing.signature === messageSignature(input) || this.editingId === message.id)) {
        wanted.push(existing.el);
        continue;
      }
      const el = renderMessage(input, { ...this.actions, edit: (m) => this.beginEdit(m) });
      this.rendered.set(message.id, { el, signature: messageSignature(input) });
      wanted.push(el);
    }
    for (const id of [...this.rendered.keys()]) if (!keep.has(id)) this.rendered.delete(id);
    if (wanted.length === 0) {
      replaceChildren(this.el, h('p', { className: 'empty', testId: 'no-messages' }, 'No messages yet. Say hello!'));
      return;
    }
    reconcile(this.el, wanted);
    if (stick) this.scrollToBottom();
  }

  private beginEdit(message: Message): void {
    const rendered = this.rendered.get(message.id);
    const content = rendered?.el.querySelector<HTMLElement>('.message-content');
    if (!rendered || !content) return;
    this.editingId = message.id;
    const input = h('textarea', {
      className: 'edit-input',
      testId: 'message-edit-input',
      attrs: { 'aria-label': 'Edit message', rows: 1 },
    });
    input.value = message.content;
    const finish = (): void => {
      this.editingId = null;
      this.rendered.delete(message.id);
      this.render();
    };
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') finish();
      if (event.key === 'Enter' && !event.shiftKey) {
        event.preventDefault();
        const text = input.value.trim();
        if (text && text !== message.content) void this.actions.saveEdit(message, text).finally(finish);
        else finish();
      }
    });
    content.replaceWith(h('div', { className: 'edit-box' }, input, h('p', { className: 'hint' }, 'Enter to save · Esc to cancel')));
    input.focus();
  }

  private isNearBottom(): boolean {
    return this.el.scrollHeight - this.el.scrollTop - this.el.clientHeight < 80;
  }

  private scrollToBottom(): void {
    this.el.scrollTop = this.el.scrollHeight;
  }
}

function isContinuation(previous: Message | undefined, message: Message): boolean {
  if (!previous || previous.author_id !== message.author_id) return false;
  if (previous.type !== 'default' || message.type !== 'default') return false;
  const a = parseServerTime(previous.timestamp)?.getTime();
  const b = parseServerTime(message.timestamp)?.getTime();
  return a !== undefined && b !== undefined && b - a < GROUP_WINDOW_MS;
}

/** Makes `parent`'s children exactly `wanted`, in order, moving as few nodes as possible. */
function reconcile(parent: HTMLElement, wanted: readonly HTMLElement[]): void {
  const wantedSet = new Set<Node>(wanted);
  for (const child of [...parent.childNodes]) if (!wantedSet.has(child)) child.remove();
  let cursor: ChildNode | null = parent.firstChild;
  for (const el of wanted) {
    if (cursor === el) {
      cursor = cursor.nextSibling;
      continue;
    }
    parent.insertBefore(el, cursor);
  }
}
