import type { PresenceStatus } from '../../../src/protocol/index.js';
import { h } from '../dom.js';

const CHOICES: readonly { status: PresenceStatus; label: string }[] = [
  { status: 'online', label: 'Online' },
  { status: 'idle', label: 'Idle' },
  { status: 'dnd', label: 'Do not disturb' },
  { status: 'invisible', label: 'Invisible' },
];

function choiceFor(value: string): PresenceStatus | undefined {
  return CHOICES.find((choice) => choice.status === value)?.status;
}

/**
 * The user panel's status menu. `current` is what the store shows for me ('offline' while
 * invisible, since that is how others see me).
 */
export function presencePicker(current: string, choose: (status: PresenceStatus) => void): HTMLSelectElement {
  const shown = current === 'offline' ? 'invisible' : current;
  const select = h(
    'select',
    {
      className: 'presence-picker',
      testId: 'presence-picker',
      attrs: { 'aria-label': 'Set your status', title: 'Set your status' },
      on: {
        change: () => {
          const status = choiceFor(select.value);
          if (status) choose(status);
        },
      },
    },
    ...CHOICES.map((choice) => h('option', { attrs: { value: choice.status, selected: choice.status === shown } }, choice.label)),
  );
  return select;
}
