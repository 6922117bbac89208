import type { AppContext } from '../context.js';
import { h, replaceChildren } from '../dom.js';
import { icon } from '../icons.js';
import { isDmChannelType } from '../../../src/models/index.js';
import { dmName } from '../reads.js';

/** The open channel's name and topic. */
export class ChatHeader {
  readonly el = h('header', { className: 'chat-header', testId: 'chat-header' });

  constructor(private readonly ctx: AppContext) {}

  render(): void {
    const channelId = this.ctx.store.currentChannelId;
    const channel = channelId ? this.ctx.store.channel(channelId) : undefined;
    if (!channel) {
      replaceChildren(this.el, h('h1', { className: 'chat-title' }, 'Accord'));
      return;
    }
    if (isDmChannelType(channel.type)) {
      replaceChildren(
        this.el,
        h('span', { className: 'channel-icon' }, '@'),
        h('h1', { className: 'chat-title', testId: 'channel-title' }, dmName(this.ctx.store, channel)),
      );
      return;
    }
    replaceChildren(
      this.el,
      h('span', { className: 'channel-icon' }, icon(channel.type === 'announcement' ? 'megaphone' : 'hash')),
      h('h1', { className: 'chat-title', testId: 'channel-title' }, channel.name ?? channel.id),
      channel.topic ? h('p', { className: 'chat-topic', testId: 'channel-topic' }, channel.topic) : null,
    );
  }
}
