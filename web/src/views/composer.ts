import type { AppContext } from '../context.js';
import { h, replaceChildren } from '../dom.js';
import { isDmChannelType } from '../../../src/models/index.js';
import { dmName } from '../reads.js';

export interface ComposerActions {
  /** Resolves once the send is in the store (its entry shows how it goes); rejects if it was refused outright. */
  send(channelId: string, content: string): Promise<void>;
  /** Called on every keystroke: the store sends at most one typing request per 8 s. */
  typing(channelId: string): void;
}

/**
 * A message box: Enter sends through the store (the message shows at once, pending), Shift+Enter
 * adds a line, typing is announced. `name` prefixes its ids ('composer', 'thread-composer').
 */
export class Composer {
  readonly el: HTMLFormElement;
  private readonly input: HTMLTextAreaElement;
  private readonly label: HTMLLabelElement;
  private readonly error: HTMLParagraphElement;
  private readonly sendButton: HTMLButtonElement;
  private channelId: string | null = null;
  private placeholder: ((channelId: string) => string) | null = null;

  constructor(
    private readonly ctx: AppContext,
    private readonly actions: ComposerActions,
    name = 'composer',
  ) {
    this.el = h('form', { className: 'composer', testId: name, attrs: { autocomplete: 'off' } });
    this.input = h('textarea', {
      className: 'composer-input',
      testId: `${name}-input`,
      attrs: { id: `${name}-input`, rows: 1, placeholder: 'Message', maxlength: 4000 },
    });
    this.label = h('label', { className: 'visually-hidden', attrs: { for: `${name}-input` } }, 'Message');
    this.error = h('p', { className: 'composer-error', testId: `${name}-error`, attrs: { role: 'alert' } });
    this.sendButton = h('button', { className: 'send', testId: `${name}-send`, attrs: { type: 'submit' } }, 'Send');
    replaceChildren(this.el, this.label, h('div', { className: 'composer-row' }, this.input, this.sendButton), this.error);
    this.el.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submit();
    });
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        void this.submit();
      }
    });
    this.input.addEventListener('input', () => this.onInput());
  }

  /** A placeholder of its own (the thread composer's), instead of the channel's. */
  setPlaceholder(placeholder: (channelId: string) => string): void {
    this.placeholder = placeholder;
  }

  show(channelId: string | null): void {
    this.channelId = channelId;
    const channel = channelId ? this.ctx.store.channel(channelId) : undefined;
    let text = 'Message';
    if (channelId && this.placeholder) text = this.placeholder(channelId);
    else if (channel && isDmChannelType(channel.type)) text = `Message @${dmName(this.ctx.store, channel)}`;
    else if (channel?.name) text = `Message #${channel.name}`;
    this.input.placeholder = text;
    this.label.textContent = text;
    this.input.disabled = channelId === null;
    this.sendButton.disabled = channelId === null;
    this.error.textContent = '';
  }

  focus(): void {
    this.input.focus();
  }

  private onInput(): void {
    this.input.style.height = 'auto';
    this.input.style.height = `${Math.min(this.input.scrollHeight, 200)}px`;
    const channelId = this.channelId;
    if (channelId && this.input.value.trim() !== '') this.actions.typing(channelId);
  }

  private async submit(): Promise<void> {
    const channelId = this.channelId;
    const content = this.input.value.trim();
    if (!channelId || content === '') return;
    this.error.textContent = '';
    this.input.value = '';
    this.input.style.height = 'auto';
    try {
      await this.actions.send(channelId, content);
    } catch (error) {
      this.input.value = content;
      this.error.textContent = `Could not send: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
}
