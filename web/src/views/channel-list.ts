import type { Channel } from '../../../src/models/index.js';
import type { AppContext } from '../context.js';
import { h, replaceChildren } from '../dom.js';
import { icon, type IconName } from '../icons.js';
import { dmName, memberName } from '../reads.js';
import { isDmChannelType } from '../../../src/models/index.js';

const TEXT_LIKE = new Set(['text', 'announcement', 'forum']);
const ICONS = new Map<string, IconName>([
  ['text', 'hash'],
  ['announcement', 'megaphone'],
  ['forum', 'forum'],
  ['voice', 'speaker'],
]);

interface ChannelGroup {
  category: Channel | null;
  channels: Channel[];
}

/** Channels of the selected space, grouped under their categories, with unread and voice users. */
export class ChannelList {
  readonly el = h('nav', { className: 'channel-list', testId: 'channel-list', attrs: { 'aria-label': 'Channels' } });
  private readonly rows = new Map<string, HTMLLIElement>();

  constructor(private readonly ctx: AppContext) {
    this.el.addEventListener('keydown', (event) => this.onKeyDown(event));
  }

  render(): void {
    this.rows.clear();
    if (this.ctx.showingDms()) {
      const rows = this.ctx.store.dmChannels().map((channel) => this.renderChannel(channel));
      replaceChildren(this.el, h('ul', { className: 'channel-group-list', testId: 'dm-list', attrs: { 'aria-label': 'Direct messages' } }, ...rows));
      this.fixRovingFocus();
      return;
    }
    const spaceId = this.ctx.selectedSpaceId();
    if (!spaceId) {
      replaceChildren(this.el);
      return;
    }
    const groups = groupChannels(this.ctx.store.channels(spaceId));
    replaceChildren(this.el, ...groups.map((group) => this.renderGroup(group)));
    this.fixRovingFocus();
  }

  /** Refreshes one channel row (unread, mentions, voice users, selection). */
  updateChannel(channelId: string): void {
    const row = this.rows.get(channelId);
    const channel = this.ctx.store.channel(channelId);
    if (!row || !channel) return;
    const hadFocus = row.contains(document.activeElement);
    const fresh = this.renderChannel(channel);
    row.replaceWith(fresh);
    this.fixRovingFocus();
    if (hadFocus) fresh.querySelector<HTMLButtonElement>('button.channel')?.focus();
  }

  focusCurrent(): void {
    this.buttons().find((b) => b.getAttribute('aria-current') === 'page')?.focus();
  }

  private renderGroup(group: ChannelGroup): HTMLElement {
    const list = h('ul', { className: 'channel-group-list' }, ...group.channels.map((c) => this.renderChannel(c)));
    if (!group.category) return h('div', { className: 'channel-group' }, list);
    const headingId = `category-${group.category.id}`;
    list.setAttribute('aria-labelledby', headingId);
    return h(
      'section',
      { className: 'channel-group', testId: `category-${group.category.id}` },
      h('h3', { className: 'category-name', attrs: { id: headingId } }, group.category.name ?? ''),
      list,
    );
  }

  /** One channel row (a DM or group DM shows its recipients' names): unread, mentions, voice users. */
  private renderChannel(channel: Channel): HTMLLIElement {
    const store = this.ctx.store;
    const dm = isDmChannelType(channel.type);
    const isVoice = channel.type === 'voice';
    const current = store.currentChannelId === channel.id;
    const unread = !isVoice && !current && store.isUnread(channel.id);
    const mentions = isVoice ? 0 : store.mentionCount(channel.id);
    const name = dm ? dmName(store, channel) : (channel.name ?? channel.id);
    const kind = dm ? 'direct message' : isVoice ? 'voice channel' : 'channel';
    const label = [`${kind} ${name}`, unread ? 'unread' : '', mentions > 0 ? `${mentions} mentions` : ''].filter(Boolean).join(', ');
    const button = h(
      'button',
      {
        className: `channel${dm ? ' dm' : ''}${current ? ' current' : ''}${unread ? ' unread' : ''}`,
        testId: `channel-${channel.id}`,
        attrs: { type: 'button', 'aria-label': label, 'aria-current': current ? 'page' : undefined, tabindex: -1 },
        data: { type: channel.type, unread: unread ? 'true' : 'false', channelId: channel.id },
        on: { click: () => this.ctx.openChannel(channel.id) },
      },
      h('span', { className: 'channel-icon' }, dm ? '@' : icon(ICONS.get(channel.type) ?? 'hash')),
      h('span', { className: 'channel-name' }, name),
      unread ? h('span', { className: 'unread-dot', testId: `channel-unread-${channel.id}` }) : null,
      mentions > 0 ? h('span', { className: 'mention-badge', testId: `channel-mentions-${channel.id}` }, String(mentions)) : null,
    );
    const row = h('li', { className: 'channel-row' }, button, isVoice ? this.renderVoiceUsers(channel) : null);
    this.rows.set(channel.id, row);
    return row;
  }

  private renderVoiceUsers(channel: Channel): HTMLElement | null {
    const states = this.ctx.store.voiceStates(channel.id);
    if (states.length === 0) return null;
    const spaceId = channel.space_id;
    return h(
      'ul',
      { className: 'voice-users', testId: `voice-users-${channel.id}`, attrs: { 'aria-label': `In ${channel.name ?? 'voice'}` } },
      ...states.map((state) =>
        h(
          'li',
          { className: 'voice-user', testId: `voice-user-${state.user_id}` },
          h('span', { className: 'voice-avatar', attrs: { 'aria-hidden': 'true' } }),
          memberName(this.ctx.store, spaceId, state.user_id),
          state.self_mute || state.self_deaf
            ? h('span', { className: 'voice-flag', attrs: { title: state.self_deaf ? 'deafened' : 'muted' } }, icon('muted', state.self_deaf ? 'deafened' : 'muted'))
            : null,
        ),
      ),
    );
  }

  private buttons(): HTMLButtonElement[] {
    return [...this.el.querySelectorAll<HTMLButtonElement>('button.channel')];
  }

  /** Exactly one channel button is in the tab order: the current one, else the first. */
  private fixRovingFocus(): void {
    const buttons = this.buttons();
    const active = buttons.find((b) => b === document.activeElement);
    const current = active ?? buttons.find((b) => b.getAttribute('aria-current') === 'page') ?? buttons[0];
    for (const b of buttons) b.tabIndex = b === current ? 0 : -1;
  }

  private onKeyDown(event: KeyboardEvent): void {
    const buttons = this.buttons();
    const index = buttons.findIndex((b) => b === document.activeElement);
    if (index < 0) return;
    let next: number | undefined;
    if (event.key === 'ArrowDown') next = (index + 1) % buttons.length;
    else if (event.key === 'ArrowUp') next = (index - 1 + buttons.length) % buttons.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = buttons.length - 1;
    if (next === undefined) return;
    event.preventDefault();
    const target = buttons[next];
    if (!target) return;
    for (const b of buttons) b.tabIndex = b === target ? 0 : -1;
    target.focus();
  }
}

/** Uncategorised channels first, then each category with its children, all by position. */
export function groupChannels(channels: readonly Channel[]): ChannelGroup[] {
  const byPosition = (a: Channel, b: Channel): number => a.position - b.position || a.id.localeCompare(b.id);
  const categories = channels.filter((c) => c.type === 'category').sort(byPosition);
  const categoryIds = new Set(categories.map((c) => c.id));
  const visible = channels.filter((c) => TEXT_LIKE.has(c.type) || c.type === 'voice');
  const loose = visible.filter((c) => !c.parent_id || !categoryIds.has(c.parent_id)).sort(byPosition);
  const groups: ChannelGroup[] = loose.length > 0 ? [{ category: null, channels: loose }] : [];
  for (const category of categories) {
    const children = visible.filter((c) => c.parent_id === category.id).sort(byPosition);
    groups.push({ category, channels: children });
  }
  return groups;
}

export function isTextLike(channel: Channel | undefined): boolean {
  return channel !== undefined && TEXT_LIKE.has(channel.type);
}
