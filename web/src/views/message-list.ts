import type { StoreMessage } from '../../../src/state/index.js';
import type { AppContext } from '../context.js';
import { h, replaceChildren } from '../dom.js';
import { parseServerTime } from '../format.js';
import { memberName } from '../reads.js';
import { messageSignature, renderMessage, type MessageActions, type MessageItemInput } from './message-item.js';

const GROUP_WINDOW_MS = 5 * 60_000;
const NEAR_BOTTOM_PX = 80;

interface Rendered {
  el: HTMLElement;
  signature: string;
}

export interface MessageListActions extends Omit<MessageActions, 'edit'> {
  saveEdit(message: StoreMessage, content: string): void;
}

export interface MessageListOptions {
  testId: string;
  label: string;
  /** Where the messages come from: a channel's (`store.messages`) or a thread's replies. */
  read(key: string): readonly StoreMessage[];
  /** Shown above the messages (a history spinner, the channel's start, a thread's parent). */
  header?(key: string): HTMLElement | null;
  inThread?: boolean;
  emptyText: string;
}

/**
 * A column of messages, oldest first (a channel's, or a thread's replies). Re-rendering is keyed
 * by message id: an element is rebuilt only when what it shows changed, so scrolling, focus and
 * text selection survive updates.
 */
export class MessageList {
  readonly el: HTMLElement;
  private readonly rendered = new Map<string, Rendered>();
  private key: string | null = null;
  private channelId: string | null = null;
  private editingId: string | null = null;
  /** Set while older messages are prepended: the distance from the bottom to keep. */
  private keepFromBottom: number | null = null;

  constructor(
    private readonly ctx: AppContext,
    private readonly actions: MessageListActions,
    private readonly options: MessageListOptions,
  ) {
    this.el = h('section', {
      className: 'message-list',
      testId: options.testId,
      attrs: { role: 'log', 'aria-live': 'polite', 'aria-label': options.label, tabindex: 0 },
    });
  }

  /** What is shown: a key for `read` (a channel id, or a thread's parent id) in its channel. */
  show(key: string | null, channelId: string | null = key): void {
    this.key = key;
    this.channelId = channelId;
    this.editingId = null;
    this.keepFromBottom = null;
    this.rendered.clear();
    replaceChildren(this.el);
    this.render();
    this.scrollToBottom();
  }

  /**
   * From now until `releasePosition`, renders keep what the reader sees in place (its distance
   * from the bottom), however much is prepended above it: call it before older messages load.
   */
  holdPosition(): void {
    this.keepFromBottom ??= this.el.scrollHeight - this.el.scrollTop;
  }

  releasePosition(): void {
    this.keepFromBottom = null;
  }

  isNearBottom(): boolean {
    return this.el.scrollHeight - this.el.scrollTop - this.el.clientHeight < NEAR_BOTTOM_PX;
  }

  render(): void {
    const key = this.key;
    const channelId = this.channelId;
    if (!key || !channelId) {
      replaceChildren(this.el, h('p', { className: 'empty' }, 'Pick a channel to start chatting.'));
      return;
    }
    const store = this.ctx.store;
    const stick = this.isNearBottom();
    const spaceId = store.channel(channelId)?.space_id ?? null;
    const me = this.ctx.connectionForChannel(channelId)?.user?.id;
    const wanted: HTMLElement[] = [];
    const header = this.options.header?.(key);
    if (header) wanted.push(header);
    const keep = new Set<string>();
    let previous: StoreMessage | undefined;
    for (const message of this.options.read(key)) {
      const input: MessageItemInput = {
        message,
        authorName: memberName(store, spaceId, message.author_id),
        continued: isContinuation(previous, message),
        mine: me !== undefined && message.author_id === me,
        mentionsMe: me !== undefined && (message.mention_everyone || message.mentions.includes(me)),
        inThread: this.options.inThread === true,
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
    if (keep.size === 0) wanted.push(h('p', { className: 'empty', testId: 'no-messages' }, this.options.emptyText));
    reconcile(this.el, wanted);
    const fromBottom = this.keepFromBottom;
    if (fromBottom !== null) this.el.scrollTop = this.el.scrollHeight - fromBottom;
    else if (stick) this.scrollToBottom();
  }

  private beginEdit(message: StoreMessage): void {
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
        // The store shows the edit at once (and restores the old text if the server refuses).
        this.editingId = null;
        if (text && text !== message.content) this.actions.saveEdit(message, text);
        finish();
      }
    });
    content.replaceWith(h('div', { className: 'edit-box' }, input, h('p', { className: 'hint' }, 'Enter to save · Esc to cancel')));
    input.focus();
  }

  private scrollToBottom(): void {
    this.el.scrollTop = this.el.scrollHeight;
  }
}

function isContinuation(previous: StoreMessage | undefined, message: StoreMessage): boolean {
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
