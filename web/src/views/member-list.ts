import type { AppContext } from '../context.js';
import { h, replaceChildren } from '../dom.js';
import { colorFor, initials } from '../format.js';
import { memberName } from '../reads.js';

export const PRESENCE_GROUPS = ['online', 'idle', 'dnd', 'offline'] as const;
export type PresenceGroup = (typeof PRESENCE_GROUPS)[number];

const GROUP_TITLES: Record<PresenceGroup, string> = {
  online: 'Online',
  idle: 'Idle',
  dnd: 'Do not disturb',
  offline: 'Offline',
};

export function presenceGroup(status: string | null | undefined): PresenceGroup {
  return status === 'online' || status === 'idle' || status === 'dnd' ? status : 'offline';
}

/** Members of the selected space, grouped by presence, each group sorted by name. */
export class MemberList {
  readonly el = h('aside', { className: 'member-list', testId: 'member-list', attrs: { 'aria-label': 'Members' } });

  constructor(private readonly ctx: AppContext) {}

  render(): void {
    const spaceId = this.ctx.selectedSpaceId();
    if (!spaceId) {
      replaceChildren(this.el);
      return;
    }
    const store = this.ctx.store;
    const grouped = new Map<PresenceGroup, { id: string; name: string; bot: boolean }[]>();
    for (const member of store.members(spaceId)) {
      const user = store.user(member.user_id);
      const status = member.status ?? user?.status;
      const group = presenceGroup(status);
      const list = grouped.get(group) ?? [];
      list.push({ id: member.user_id, name: memberName(store, spaceId, member.user_id), bot: user?.bot === true });
      grouped.set(group, list);
    }
    const sections = PRESENCE_GROUPS.map((group) => {
      const people = (grouped.get(group) ?? []).sort((a, b) => a.name.localeCompare(b.name));
      if (people.length === 0) return null;
      const headingId = `members-${group}`;
      return h(
        'section',
        { className: 'member-group', testId: `member-group-${group}`, data: { status: group } },
        h('h3', { className: 'member-group-title', attrs: { id: headingId } }, `${GROUP_TITLES[group]} — ${people.length}`),
        h(
          'ul',
          { attrs: { 'aria-labelledby': headingId } },
          ...people.map((person) =>
            h(
              'li',
              { className: `member ${group}`, testId: `member-${person.id}`, data: { status: group } },
              h(
                'span',
                { className: 'avatar small', attrs: { 'aria-hidden': 'true', style: `--avatar-color: ${colorFor(person.id)}` } },
                initials(person.name),
                h('span', { className: `presence-dot ${group}` }),
              ),
              h('span', { className: 'member-name' }, person.name),
              person.bot ? h('span', { className: 'bot-tag' }, 'BOT') : null,
            ),
          ),
        ),
      );
    });
    replaceChildren(this.el, ...sections);
  }
}
