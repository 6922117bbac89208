import type { AppContext } from '../context.js';
import { h, replaceChildren } from '../dom.js';
import { isDmChannelType } from '../../../src/models/index.js';
import { dmName } from '../reads.js';

const TYPING_REPEAT_MS = 8_000;

export interface ComposerActions {
  send(channelId: string, content: string): Promise<void>;
  typing(channelId: string): Promise<void>;
}

/** The message box: Enter sends over REST, Shift+Enter adds a line, typing is announced. */
export class Composer {
  readonly el = h('form', { className: 'composer', testId: 'composer', attrs: { autocomplete: 'off' } });
  private readonly input = h('textarea', {
    className: 'composer-input',
    testId: 'composer-input',
    attrs: { id: 'composer-input', rows: 1, placeholder: 'Message', maxlength: 4000 },
  });
  private readonly label = h('label', { className: 'visually-hidden', attrs: { for: 'composer-input' } }, 'Message');
  private readonly error = h('p', { className: 'composer-error', testId: 'composer-error', attrs: { role: 'alert' } });
  private readonly sendButton = h('button', { className: 'send', testId: 'composer-send', attrs: { type: 'submit' } }, 'Send');
  private channelId: string | null = null;
  private lastTypingAt = 0;

  constructor(
    private readonly ctx: AppContext,
    private readonly actions: ComposerActions,
  ) {
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

  show(channelId: string | null): void {
    this.channelId = channelId;
    const channel = channelId ? this.ctx.store.channel(channelId) : undefined;
    let text = 'Message';
    if (channel && isDmChannelType(channel.type)) text = `Message @${dmName(this.ctx.store, channel)}`;
    else if (channel?.name) text = `Message #${channel.name}`;
    this.input.placeholder = text;
    this.label.textContent = text;
    this.input.disabled = channelId === null;
    this.sendButton.disabled = channelId === null;
    this.error.textContent = '';
    this.lastTypingAt = 0;
  }

  focus(): void {
    this.input.focus();
  }

  private onInput(): void {
    this.input.style.height = 'auto';
    this.input.style.height = `${Math.min(this.input.scrollHeight, 200)}px`;
    const channelId = this.channelId;
    const now = Date.now();
    if (!channelId || this.input.value.trim() === '' || now - this.lastTypingAt < TYPING_REPEAT_MS) return;
    this.lastTypingAt = now;
    this.actions.typing(channelId).catch(() => {
      // typing is best effort; a failure here must not bother the person writing
    });
  }

  private async submit(): Promise<void> {
    const channelId = this.channelId;
    const content = this.input.value.trim();
    if (!channelId || content === '') return;
    this.error.textContent = '';
    this.input.value = '';
    this.input.style.height = 'auto';
    this.lastTypingAt = 0;
    try {
      await this.actions.send(channelId, content);
    } catch (error) {
      this.input.value = content;
      this.error.textContent = `Could not send: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
}
