import type { ServerConnection } from '../../../src/state/index.js';
import type { AppContext } from '../context.js';
import { h, replaceChildren } from '../dom.js';
import { colorFor, initials } from '../format.js';
import { dmsUnread, spaceIdsOf, spaceUnread } from '../reads.js';

/** The far-left column: one group per server connection, one round button per space. */
export class ServerRail {
  readonly el = h('nav', { className: 'rail', testId: 'server-rail', attrs: { 'aria-label': 'Servers and spaces' } });
  private readonly spaceButtons = new Map<string, HTMLButtonElement>();
  private dmButton: HTMLButtonElement | null = null;

  constructor(private readonly ctx: AppContext) {}

  render(): void {
    this.spaceButtons.clear();
    const groups = this.ctx.store.connections.map((conn) => this.renderConnection(conn));
    const add = h(
      'button',
      {
        className: 'rail-add',
        testId: 'add-server',
        attrs: { type: 'button', title: 'Add a server', 'aria-label': 'Add a server' },
        on: { click: () => this.ctx.openLogin() },
      },
      '+',
    );
    this.dmButton = this.renderDms();
    replaceChildren(this.el, this.dmButton, h('hr', { className: 'rail-divider' }), ...groups, add);
  }

  /** Refreshes the direct-messages button (selection, unread dot, mention count). */
  updateDms(): void {
    if (!this.dmButton) {
      this.render();
      return;
    }
    const fresh = this.renderDms();
    this.dmButton.replaceWith(fresh);
    this.dmButton = fresh;
  }

  /** Refreshes one space's unread dot, mention count and selection without touching the rest. */
  updateSpace(spaceId: string): void {
    const button = this.spaceButtons.get(spaceId);
    if (!button) {
      this.render();
      return;
    }
    button.replaceWith(this.renderSpace(spaceId));
  }

  /** Refreshes one connection's status indicator. */
  updateConnection(conn: ServerConnection): void {
    const group = this.el.querySelector<HTMLElement>(`[data-connection="${conn.index}"]`);
    if (!group) {
      this.render();
      return;
    }
    group.dataset['status'] = conn.status;
    const label = `${this.ctx.connectionLabel(conn)}: ${conn.status}`;
    group.querySelector<HTMLElement>('.rail-server-label')?.setAttribute('title', label);
    group.querySelector<HTMLElement>('.rail-status')?.setAttribute('aria-label', label);
  }

  private renderConnection(conn: ServerConnection): HTMLElement {
    const label = `${this.ctx.connectionLabel(conn)}: ${conn.status}`;
    return h(
      'div',
      {
        className: 'rail-server',
        testId: `server-${conn.index}`,
        data: { connection: String(conn.index), status: conn.status },
      },
      h(
        'span',
        { className: 'rail-server-label', attrs: { title: label } },
        h('span', { className: 'rail-status', attrs: { role: 'img', 'aria-label': label } }),
        h('span', { className: 'rail-host' }, this.ctx.connectionLabel(conn, true)),
      ),
      ...spaceIdsOf(conn).map((id) => this.renderSpace(id)),
      h('hr', { className: 'rail-divider' }),
    );
  }

  private renderDms(): HTMLButtonElement {
    const selected = this.ctx.showingDms();
    const { unread, mentions } = dmsUnread(this.ctx.store);
    const described = ['Direct messages', unread ? 'unread messages' : '', mentions > 0 ? `${mentions} mentions` : ''].filter(Boolean).join(', ');
    return h(
      'button',
      {
        className: `rail-space rail-dms${selected ? ' selected' : ''}`,
        testId: 'dm-home',
        attrs: { type: 'button', title: 'Direct messages', 'aria-label': described, 'aria-current': selected ? 'true' : undefined },
        data: { unread: unread ? 'true' : 'false' },
        on: { click: () => this.ctx.selectDms() },
      },
      h('span', { className: 'rail-pill', attrs: { 'aria-hidden': 'true' } }),
      h('span', { className: 'rail-icon', attrs: { 'aria-hidden': 'true' } }, '@'),
      unread && !selected ? h('span', { className: 'unread-dot', testId: 'dm-home-unread' }) : null,
      mentions > 0 ? h('span', { className: 'mention-badge', testId: 'dm-home-mentions' }, String(mentions)) : null,
    );
  }

  private renderSpace(spaceId: string): HTMLButtonElement {
    const store = this.ctx.store;
    const space = store.space(spaceId);
    const name = space?.name ?? spaceId;
    const { unread, mentions } = spaceUnread(store, spaceId);
    const selected = this.ctx.selectedSpaceId() === spaceId;
    const described = [name, unread ? 'unread messages' : '', mentions > 0 ? `${mentions} mentions` : '']
      .filter(Boolean)
      .join(', ');
    const button = h(
      'button',
      {
        className: `rail-space${selected ? ' selected' : ''}`,
        testId: `space-${spaceId}`,
        attrs: { type: 'button', title: name, 'aria-label': described, 'aria-current': selected ? 'true' : undefined },
        data: { unread: unread ? 'true' : 'false' },
        on: { click: () => this.ctx.selectSpace(spaceId) },
      },
      h('span', { className: 'rail-pill', attrs: { 'aria-hidden': 'true' } }),
      h('span', { className: 'rail-icon', attrs: { 'aria-hidden': 'true', style: `--space-color: ${colorFor(spaceId)}` } }, initials(name)),
      unread && !selected ? h('span', { className: 'unread-dot', testId: `space-unread-${spaceId}` }) : null,
      mentions > 0 ? h('span', { className: 'mention-badge', testId: `space-mentions-${spaceId}` }, String(mentions)) : null,
    );
    this.spaceButtons.set(spaceId, button);
    return button;
  }
}
