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
    return this.railButton({
      name: 'Direct messages',
      selected: this.ctx.showingDms(),
      ...dmsUnread(this.ctx.store),
      className: 'rail-space rail-dms',
      testId: 'dm-home',
      badgeTestIds: { unread: 'dm-home-unread', mentions: 'dm-home-mentions' },
      icon: h('span', { className: 'rail-icon', attrs: { 'aria-hidden': 'true' } }, '@'),
      onClick: () => this.ctx.selectDms(),
    });
  }

  private renderSpace(spaceId: string): HTMLButtonElement {
    const name = this.ctx.store.space(spaceId)?.name ?? spaceId;
    const button = this.railButton({
      name,
      selected: this.ctx.selectedSpaceId() === spaceId,
      ...spaceUnread(this.ctx.store, spaceId),
      className: 'rail-space',
      testId: `space-${spaceId}`,
      badgeTestIds: { unread: `space-unread-${spaceId}`, mentions: `space-mentions-${spaceId}` },
      icon: h('span', { className: 'rail-icon', attrs: { 'aria-hidden': 'true', style: `--space-color: ${colorFor(spaceId)}` } }, initials(name)),
      onClick: () => this.ctx.selectSpace(spaceId),
    });
    this.spaceButtons.set(spaceId, button);
    return button;
  }

  /** A round rail button: selection pill, icon, unread dot (unless selected) and mention count. */
  private railButton(spec: RailButton): HTMLButtonElement {
    const { name, selected, unread, mentions } = spec;
    const described = [name, unread ? 'unread messages' : '', mentions > 0 ? `${mentions} mentions` : ''].filter(Boolean).join(', ');
    return h(
      'button',
      {
        className: `${spec.className}${selected ? ' selected' : ''}`,
        testId: spec.testId,
        attrs: { type: 'button', title: name, 'aria-label': described, 'aria-current': selected ? 'true' : undefined },
        data: { unread: unread ? 'true' : 'false' },
        on: { click: spec.onClick },
      },
      h('span', { className: 'rail-pill', attrs: { 'aria-hidden': 'true' } }),
      spec.icon,
      unread && !selected ? h('span', { className: 'unread-dot', testId: spec.badgeTestIds.unread }) : null,
      mentions > 0 ? h('span', { className: 'mention-badge', testId: spec.badgeTestIds.mentions }, String(mentions)) : null,
    );
  }
}

interface RailButton {
  name: string;
  selected: boolean;
  unread: boolean;
  mentions: number;
  className: string;
  testId: string;
  badgeTestIds: { unread: string; mentions: string };
  icon: HTMLElement;
  onClick: () => void;
}
