import type { Message, Reaction } from '../../../src/models/index.js';
import { h, type Child } from '../dom.js';
import { colorFor, formatClock, formatFullTime, formatTime, initials } from '../format.js';

export const QUICK_REACTIONS = ['👍', '❤️', '😂', '🎉', '👀', '🚀'];

export interface MessageItemInput {
  message: Message;
  authorName: string;
  /** Same author as the message before, shortly before: render without the header. */
  continued: boolean;
  mine: boolean;
  mentionsMe: boolean;
}

export interface MessageActions {
  toggleReaction(message: Message, emoji: string, mine: boolean): void;
  edit(message: Message): void;
  remove(message: Message): void;
}

/** A key that changes whenever anything this message renders changes. */
export function messageSignature(input: MessageItemInput): string {
  const { message } = input;
  const reactions = (message.reactions ?? []).map((r) => `${r.emoji.name}:${r.count}:${r.me ? 1 : 0}`).join(',');
  return [message.content, message.edited_at ?? '', reactions, input.authorName, input.continued, input.mine, input.mentionsMe].join('\u0000');
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
  const classes = ['message', input.continued ? 'continued' : '', input.mentionsMe ? 'mentions-me' : ''].filter(Boolean).join(' ');
  return h(
    'article',
    {
      className: classes,
      testId: `message-${message.id}`,
      data: { messageId: message.id, authorId: message.author_id },
      attrs: { 'aria-label': `${input.authorName}: ${message.content}` },
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
    ),
    renderToolbar(input, actions),
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

function renderReactions(message: Message, actions: MessageActions): HTMLElement | null {
  const reactions = message.reactions ?? [];
  if (reactions.length === 0) return null;
  return h(
    'div',
    { className: 'reactions', testId: 'reactions' },
    ...reactions.filter((r) => r.count > 0).map((reaction) => renderReaction(message, reaction, actions)),
  );
}

function renderReaction(message: Message, reaction: Reaction, actions: MessageActions): HTMLElement {
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
    input.mine
      ? h('button', { className: 'tool', testId: 'message-edit', attrs: { type: 'button', title: 'Edit message' }, on: { click: () => actions.edit(message) } }, 'Edit')
      : null,
    input.mine
      ? h('button', { className: 'tool danger', testId: 'message-delete', attrs: { type: 'button', title: 'Delete message' }, on: { click: () => actions.remove(message) } }, 'Delete')
      : null,
  );
}
