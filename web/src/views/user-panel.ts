import type { AppContext } from '../context.js';
import { h, replaceChildren } from '../dom.js';
import { colorFor, displayName, initials } from '../format.js';
import { presenceGroup } from './member-list.js';
import { presencePicker } from './presence-picker.js';

/** Who I am on the selected space's server, and that connection's state. */
export class UserPanel {
  readonly el = h('footer', { className: 'user-panel', testId: 'user-panel' });

  constructor(private readonly ctx: AppContext) {}

  render(): void {
    const spaceId = this.ctx.selectedSpaceId();
    const conn = spaceId ? this.ctx.connectionForSpace(spaceId) : this.ctx.store.connections[0];
    const me = conn?.user;
    if (!conn || !me) {
      delete this.el.dataset['presence'];
      replaceChildren(this.el);
      return;
    }
    const cached = this.ctx.store.user(me.id);
    const name = displayName(cached ?? me);
    const status = presenceGroup(cached?.status ?? 'online');
    this.el.dataset['presence'] = status;
    replaceChildren(
      this.el,
      h(
        'span',
        { className: 'avatar small', attrs: { 'aria-hidden': 'true', style: `--avatar-color: ${colorFor(me.id)}` } },
        initials(name),
        h('span', { className: `presence-dot ${status}` }),
      ),
      h(
        'div',
        { className: 'user-panel-text' },
        h('span', { className: 'user-panel-name', testId: 'current-user' }, name),
        h('span', { className: 'user-panel-status', testId: 'connection-status', data: { status: conn.status } }, `${this.ctx.connectionLabel(conn)} · ${conn.status}`),
      ),
      presencePicker(cached?.status ?? 'online', (status) => this.ctx.setPresence(status)),
      h(
        'button',
        {
          className: 'sign-out',
          testId: 'sign-out',
          attrs: { type: 'button', title: 'Sign out', 'aria-label': `Sign out of ${this.ctx.connectionLabel(conn)}` },
          on: { click: () => void this.ctx.signOut(conn) },
        },
        'Sign out',
      ),
    );
  }
}
