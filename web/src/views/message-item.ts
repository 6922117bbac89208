import type { Reaction } from '../../../src/models/index.js';
import type { StoreMessage } from '../../../src/state/index.js';
import { h, type Child } from '../dom.js';
import { colorFor, formatClock, formatFullTime, formatTime, initials } from '../format.js';

export const QUICK_REACTIONS = ['👍', '❤️', '😂', '🎉', '👀', '🚀'];

export interface MessageItemInput {
  message: StoreMessage;
  authorName: string;
  /** Same author as the message before, shortly before: render without the header. */
  continued: boolean;
  mine: boolean;
  mentionsMe: boolean;
  /** Thread replies render without thread controls (a thread has no threads of its own). */
  inThread?: boolean;
}

export interface MessageActions {
  toggleReaction(message: StoreMessage, emoji: string, mine: boolean): void;
  edit(message: StoreMessage): void;
  remove(message: StoreMessage): void;
  /** A failed send of mine: send it again, or drop it. */
  retry(message: StoreMessage): void;
  discard(message: StoreMessage): void;
  openThread(message: StoreMessage): void;
}

/** A key that changes whenever anything this message renders changes. */
export function messageSignature(input: MessageItemInput): string {
  const { message } = input;
  const reactions = (message.reactions ?? []).map((r) => `${r.emoji.name}:${r.count}:${r.me ? 1 : 0}`).join(',');
  const state = [message.pending ?? '', message.error?.message ?? '', message.reply_count, input.inThread === true];
  return [message.content, message.edited_at ?? '', reactions, input.authorName, input.continued, input.mine, input.mentionsMe, ...state].join('\u0000');
}

export function renderMessage(input: MessageItemInput, actions: MessageActions): HTMLElement {
  const { message } = input;
  if (message.type === 'member_join') {
    return h(
      'article',
      { className: 'message system', testId: `message-${message.id}`, data: { messageId: message.id } },
      h('span', { className: 'system-icon', attrs: { 'aria-hidden': 'true' } }, '→'),
      h('span', { className: 'message-content', testId: 'message-content' }, message.content),
      h('time', { className: 'message-time', attrs: { datetime: message.timestamp, title: formatFullTime(message.timestamp) } }, formatTime(message.timestamp)),
    );
  }
  const pending = message.pending;
  const classes = ['message', input.continued ? 'continued' : '', input.mentionsMe ? 'mentions-me' : '', pending ? `pending ${pending}` : '']
    .filter(Boolean)
    .join(' ');
  return h(
    'article',
    {
      className: classes,
      testId: `message-${message.id}`,
      data: { messageId: message.id, authorId: message.author_id, pending },
      attrs: { 'aria-label': `${input.authorName}: ${message.content}${pending ? ` (${PENDING_LABELS[pending]})` : ''}` },
    },
    input.continued
      ? h('time', { className: 'gutter-time', attrs: { datetime: message.timestamp, title: formatFullTime(message.timestamp) } }, formatClock(message.timestamp))
      : h('div', { className: 'avatar', attrs: { 'aria-hidden': 'true', style: `--avatar-color: ${colorFor(message.author_id)}` } }, initials(input.authorName)),
    h(
      'div',
      { className: 'message-body' },
      input.continued ? null : renderHeader(input),
      h(
        'div',
        { className: 'message-content', testId: 'message-content' },
        ...renderContent(message.content),
        message.edited_at
          ? h('span', { className: 'edited', testId: 'message-edited', attrs: { title: formatFullTime(message.edited_at) } }, ' (edited)')
          : null,
      ),
      renderReactions(message, actions),
      pending ? renderPending(message, actions) : renderThreadLink(input, actions),
    ),
    pending ? null : renderToolbar(input, actions),
  );
}

const PENDING_LABELS = { sending: 'sending', queued: 'waiting for the connection', failed: 'not sent' } as const;

/** Under a send of mine the server has not confirmed: where it stands, and for a failed one what to do. */
function renderPending(message: StoreMessage, actions: MessageActions): HTMLElement {
  if (message.pending !== 'failed') {
    return h('p', { className: 'pending-note', testId: 'message-pending' }, message.pending === 'queued' ? 'Waiting for the connection…' : 'Sending…');
  }
  const reason = message.error ? `: ${message.error.message}` : '';
  return h(
    'div',
    { className: 'send-failed', testId: 'send-failed', attrs: { role: 'alert' } },
    h('span', { className: 'send-failed-text' }, `Not sent${reason}`),
    h('button', { className: 'tool', testId: 'message-retry', attrs: { type: 'button' }, on: { click: () => actions.retry(message) } }, 'Retry'),
    h('button', { className: 'tool danger', testId: 'message-discard', attrs: { type: 'button' }, on: { click: () => actions.discard(message) } }, 'Discard'),
  );
}

function renderThreadLink(input: MessageItemInput, actions: MessageActions): HTMLElement | null {
  const count = input.message.reply_count;
  if (input.inThread || count <= 0) return null;
  return h(
    'button',
    { className: 'thread-link', testId: 'thread-link', attrs: { type: 'button' }, on: { click: () => actions.openThread(input.message) } },
    `${count} ${count === 1 ? 'reply' : 'replies'}`,
  );
}

function renderHeader(input: MessageItemInput): HTMLElement {
  const { message } = input;
  return h(
    'header',
    { className: 'message-header' },
    h('span', { className: 'author', testId: 'message-author', attrs: { style: `color: ${colorFor(message.author_id)}` } }, input.authorName),
    h('time', { className: 'message-time', attrs: { datetime: message.timestamp, title: formatFullTime(message.timestamp) } }, formatTime(message.timestamp)),
  );
}

/** Plain text with @mentions set apart; never parsed as HTML. */
function renderContent(content: string): Child[] {
  return content.split(/(@[A-Za-z0-9_.]+)/).map((part) => (part.startsWith('@') ? h('span', { className: 'mention' }, part) : part));
}

function renderReactions(message: StoreMessage, actions: MessageActions): HTMLElement | null {
  const reactions = message.reactions ?? [];
  if (reactions.length === 0) return null;
  return h(
    'div',
    { className: 'reactions', testId: 'reactions' },
    ...reactions.filter((r) => r.count > 0).map((reaction) => renderReaction(message, reaction, actions)),
  );
}

function renderReaction(message: StoreMessage, reaction: Reaction, actions: MessageActions): HTMLElement {
  const emoji = reaction.emoji.name;
  const label = `${emoji} ${reaction.count} ${reaction.count === 1 ? 'reaction' : 'reactions'}${reaction.me ? ', including yours' : ''}`;
  return h(
    'button',
    {
      className: `reaction${reaction.me ? ' mine' : ''}`,
      testId: `reaction-${emoji}`,
      attrs: { type: 'button', 'aria-pressed': reaction.me ? 'true' : 'false', 'aria-label': label, title: label },
      on: { click: () => actions.toggleReaction(message, emoji, reaction.me) },
    },
    h('span', { className: 'reaction-emoji' }, emoji),
    h('span', { className: 'reaction-count', testId: 'reaction-count' }, String(reaction.count)),
  );
}

function renderToolbar(input: MessageItemInput, actions: MessageActions): HTMLElement {
  const { message } = input;
  const mineReactions = new Set((message.reactions ?? []).filter((r) => r.me).map((r) => r.emoji.name));
  const picker = h(
    'div',
    { className: 'reaction-picker', attrs: { role: 'group', 'aria-label': 'Add a reaction' } },
    ...QUICK_REACTIONS.map((emoji) =>
      h(
        'button',
        {
          className: 'picker-emoji',
          attrs: { type: 'button', 'aria-label': `React with ${emoji}`, title: `React with ${emoji}` },
          on: { click: () => actions.toggleReaction(message, emoji, mineReactions.has(emoji)) },
        },
        emoji,
      ),
    ),
  );
  return h(
    'div',
    { className: 'message-toolbar' },
    picker,
    input.inThread
      ? null
      : h('button', { className: 'tool', testId: 'message-thread', attrs: { type: 'button', title: 'Reply in a thread' }, on: { click: () => actions.openThread(message) } }, 'Thread'),
    input.mine
      ? h('button', { className: 'tool', testId: 'message-edit', attrs: { type: 'button', title: 'Edit message' }, on: { click: () => actions.edit(message) } }, 'Edit')
      : null,
    input.mine
      ? h('button', { className: 'tool danger', testId: 'message-delete', attrs: { type: 'button', title: 'Delete message' }, on: { click: () => actions.remove(message) } }, 'Delete')
      : null,
  );
}
