import { h, replaceChildren } from '../dom.js';

export type LinkState =
  | { kind: 'disconnected'; code: number; reason: string }
  | { kind: 'reconnecting'; attempt: number; max: number }
  | { kind: 'reconnected' };

const SEVERITY: Record<LinkState['kind'], number> = { disconnected: 3, reconnecting: 2, reconnected: 1 };
const RECONNECTED_VISIBLE_MS = 2_500;

/**
 * One line per server whose link is not plainly healthy. `data-state` on the banner holds the most
 * serious state shown ('disconnected' > 'reconnecting' > 'reconnected'), or 'ok' when hidden.
 */
export class ConnectionBanner {
  readonly el = h('div', { className: 'banner', testId: 'connection-banner', attrs: { role: 'status', 'aria-live': 'polite' } });
  private readonly states = new Map<number, { label: string; state: LinkState }>();
  private readonly clearTimers = new Map<number, ReturnType<typeof setTimeout>>();

  constructor() {
    this.render();
  }

  set(connIndex: number, label: string, state: LinkState): void {
    const timer = this.clearTimers.get(connIndex);
    if (timer !== undefined) clearTimeout(timer);
    this.clearTimers.delete(connIndex);
    this.states.set(connIndex, { label, state });
    if (state.kind === 'reconnected') {
      this.clearTimers.set(
        connIndex,
        setTimeout(() => this.clear(connIndex), RECONNECTED_VISIBLE_MS),
      );
    }
    this.render();
  }

  clear(connIndex: number): void {
    this.states.delete(connIndex);
    this.clearTimers.delete(connIndex);
    this.render();
  }

  private render(): void {
    const entries = [...this.states.values()].sort((a, b) => SEVERITY[b.state.kind] - SEVERITY[a.state.kind]);
    const worst = entries[0]?.state.kind ?? 'ok';
    this.el.dataset['state'] = worst;
    this.el.hidden = entries.length === 0;
    replaceChildren(
      this.el,
      ...entries.map(({ label, state }) => h('p', { className: `banner-line ${state.kind}`, data: { state: state.kind } }, bannerText(label, state))),
    );
  }
}

export function bannerText(label: string, state: LinkState): string {
  switch (state.kind) {
    case 'disconnected':
      return `Disconnected from ${label} (code ${state.code}${state.reason ? `: ${state.reason}` : ''})`;
    case 'reconnecting':
      return `Reconnecting to ${label} ${state.attempt}/${state.max}…`;
    case 'reconnected':
      return `Reconnected to ${label}`;
  }
}
