import type { ServerConnection } from './connection.js';
import type { StateContext } from './context.js';
import { refreshMessages } from './loaders/messages.js';
import { adoptMessages } from './mutations/handover.js';
import type { Handover, HandoverListener } from './routing.js';

/**
 * Two accounts of one store share a space (or a DM): when the one it is routed to lets go (it
 * left, its READY no longer has it, it was removed) or a lower-indexed holder claims it back,
 * the other takes over without a gap. Messages move over at once, while the previous owner still
 * holds them; the signals and a REST refresh of what moved (for the new account's view of it)
 * follow once the change that caused the handover is complete.
 */
export class Handovers implements HandoverListener<ServerConnection> {
  /** Handovers to announce, each with whether the new owner refreshes the channel's messages. */
  private readonly queued: { handover: Handover<ServerConnection>; refresh: boolean }[] = [];

  constructor(
    private readonly ctx: StateContext,
    /** Whether the handover still stands (the id's owner now). */
    private readonly ownerOf: (handover: Handover<ServerConnection>) => ServerConnection | undefined,
  ) {}

  handover(handover: Handover<ServerConnection>): void {
    // The previous owner had this channel's messages: the new one shows them now, then refreshes.
    const refresh = handover.kind === 'channel' && handover.from.cache.messages.has(handover.id);
    if (refresh && !handover.to.removed) adoptMessages(handover.from.cache, handover.to.cache, handover.id, this.ctx.messageCap);
    if (this.queued.push({ handover, refresh }) === 1) queueMicrotask(() => this.announce());
  }

  private announce(): void {
    const ctx = this.ctx;
    let spaces = false;
    let dms = false;
    for (const { handover, refresh } of this.queued.splice(0)) {
      const to = handover.to;
      if (to.removed || this.ownerOf(handover) !== to) continue;
      if (handover.kind === 'space') {
        spaces = true;
        ctx.emit('channelsUpdated', handover.id);
        ctx.emit('membersUpdated', handover.id);
        ctx.emit('rolesUpdated', handover.id);
        continue;
      }
      const channel = to.cache.channel(handover.id);
      if (channel && !channel.space_id) dms = true;
      if (refresh && to.cache.isKnownChannel(handover.id)) void refreshMessages(ctx, to, handover.id);
      ctx.emit('messagesUpdated', handover.id);
    }
    if (spaces) ctx.emit('spacesUpdated');
    if (dms) ctx.emit('dmChannelsUpdated');
  }
}
