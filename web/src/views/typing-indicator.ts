import { h, replaceChildren } from '../dom.js';

/** "X is typing…" for the open channel, fed by typingStarted / typingStopped. */
export class TypingIndicator {
  readonly el = h('div', { className: 'typing', testId: 'typing-indicator', attrs: { 'aria-live': 'polite' } });
  private readonly typing = new Map<string, Set<string>>();
  private channelId: string | null = null;

  started(channelId: string, username: string): void {
    let names = this.typing.get(channelId);
    if (!names) {
      names = new Set();
      this.typing.set(channelId, names);
    }
    names.add(username);
    if (channelId === this.channelId) this.render();
  }

  stopped(channelId: string): void {
    this.typing.delete(channelId);
    if (channelId === this.channelId) this.render();
  }

  /** A message from someone ends their typing at once, as chat clients show it. */
  messageFrom(channelId: string, username: string): void {
    const names = this.typing.get(channelId);
    if (!names?.delete(username)) return;
    if (names.size === 0) this.typing.delete(channelId);
    if (channelId === this.channelId) this.render();
  }

  show(channelId: string | null): void {
    this.channelId = channelId;
    this.render();
  }

  private render(): void {
    const names = [...(this.channelId ? (this.typing.get(this.channelId) ?? []) : [])];
    this.el.dataset['active'] = names.length > 0 ? 'true' : 'false';
    if (names.length === 0) {
      replaceChildren(this.el);
      return;
    }
    replaceChildren(
      this.el,
      h('span', { className: 'typing-dots', attrs: { 'aria-hidden': 'true' } }, h('i'), h('i'), h('i')),
      h('span', { testId: 'typing-text' }, typingText(names)),
    );
  }
}

export function typingText(names: readonly string[]): string {
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  if (names.length === 3) return `${names[0]}, ${names[1]} and ${names[2]} are typing…`;
  return 'Several people are typing…';
}
