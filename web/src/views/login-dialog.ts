import { h, replaceChildren } from '../dom.js';
import { colorFor, initials } from '../format.js';

export interface DemoLogin {
  username: string;
  displayName?: string;
  token: string;
}

export type LoginRequest =
  | { baseUrl: string; kind: 'token'; token: string; tokenType: 'Bearer' | 'Bot' }
  | { baseUrl: string; kind: 'password'; username: string; password: string };

/** Pick a demo user of this server, or sign in to any accordserver by URL. */
export class LoginDialog {
  readonly el = h('dialog', { className: 'login', testId: 'login-dialog', attrs: { 'aria-labelledby': 'login-title' } });
  private readonly demoSection = h('section', { className: 'demo-users', testId: 'demo-users' });
  private readonly error = h('p', { className: 'form-error', testId: 'login-error', attrs: { role: 'alert' } });
  private readonly closeButton = h('button', { className: 'dialog-close', attrs: { type: 'button', 'aria-label': 'Close' } }, '×');
  private busy = false;
  private closingOnPurpose = false;

  constructor(
    private readonly defaultBaseUrl: string,
    private readonly onLogin: (request: LoginRequest) => Promise<void>,
  ) {
    this.closeButton.addEventListener('click', () => this.el.close());
    // With no server connected yet there is nothing behind the dialog: Escape must not dismiss it.
    // (Chromium ignores preventDefault on 'cancel' without a user gesture, so reopen on 'close'.)
    this.el.addEventListener('cancel', (event) => {
      if (this.el.dataset['dismissible'] !== 'true') event.preventDefault();
    });
    this.el.addEventListener('close', () => {
      if (this.el.dataset['dismissible'] !== 'true' && !this.closingOnPurpose) this.el.showModal();
      this.closingOnPurpose = false;
    });
    replaceChildren(
      this.el,
      h(
        'header',
        { className: 'dialog-header' },
        h('h2', { attrs: { id: 'login-title' } }, 'Sign in'),
        this.closeButton,
      ),
      this.demoSection,
      this.renderForm(),
      this.error,
    );
    this.demoSection.hidden = true;
  }

  setDemoLogins(logins: readonly DemoLogin[]): void {
    this.demoSection.hidden = logins.length === 0;
    replaceChildren(
      this.demoSection,
      h('h3', null, 'Demo users on this server'),
      h(
        'ul',
        { className: 'demo-list' },
        ...logins.map((login) => {
          const name = login.displayName || login.username;
          return h(
            'li',
            null,
            h(
              'button',
              {
                className: 'demo-user',
                testId: `demo-login-${login.username}`,
                attrs: { type: 'button', 'aria-label': `Sign in as ${name}` },
                on: { click: () => void this.submit({ baseUrl: this.defaultBaseUrl, kind: 'token', token: login.token, tokenType: 'Bearer' }) },
              },
              h('span', { className: 'avatar small', attrs: { 'aria-hidden': 'true', style: `--avatar-color: ${colorFor(login.username)}` } }, initials(name)),
              h('span', { className: 'demo-name' }, name),
              h('span', { className: 'demo-handle' }, `@${login.username}`),
            ),
          );
        }),
      ),
    );
  }

  open(options: { dismissible: boolean }): void {
    this.error.textContent = '';
    this.closeButton.hidden = !options.dismissible;
    this.el.dataset['dismissible'] = String(options.dismissible);
    if (!this.el.open) this.el.showModal();
  }

  close(): void {
    if (!this.el.open) return;
    this.closingOnPurpose = true;
    this.el.close();
  }

  private renderForm(): HTMLElement {
    const url = field('Server URL', h('input', { attrs: { name: 'url', type: 'url', required: true, value: this.defaultBaseUrl }, testId: 'login-url' }));
    const mode = h(
      'fieldset',
      { className: 'mode' },
      h('legend', null, 'Sign in with'),
      radio('mode', 'password', 'Username and password', true),
      radio('mode', 'token', 'Token', false),
    );
    const username = field('Username', h('input', { attrs: { name: 'username', autocomplete: 'username' }, testId: 'login-username' }));
    const password = field('Password', h('input', { attrs: { name: 'password', type: 'password', autocomplete: 'current-password' }, testId: 'login-password' }));
    const token = field('Token', h('input', { attrs: { name: 'token', type: 'password', autocomplete: 'off' }, testId: 'login-token' }));
    const tokenType = field(
      'Token type',
      h('select', { attrs: { name: 'tokenType' } }, h('option', { attrs: { value: 'Bearer' } }, 'User (Bearer)'), h('option', { attrs: { value: 'Bot' } }, 'Bot')),
    );
    const passwordFields = h('div', { className: 'mode-fields' }, username, password);
    const tokenFields = h('div', { className: 'mode-fields' }, token, tokenType);
    tokenFields.hidden = true;
    const form = h(
      'form',
      { className: 'login-form', testId: 'login-form' },
      h('h3', null, 'Connect to an accordserver'),
      url,
      mode,
      passwordFields,
      tokenFields,
      h('button', { className: 'primary', testId: 'login-submit', attrs: { type: 'submit' } }, 'Connect'),
    );
    form.addEventListener('change', () => {
      const usingToken = new FormData(form).get('mode') === 'token';
      passwordFields.hidden = usingToken;
      tokenFields.hidden = !usingToken;
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const data = new FormData(form);
      const text = (name: string): string => String(data.get(name) ?? '').trim();
      const baseUrl = text('url').replace(/\/+$/, '');
      if (text('mode') === 'token') {
        void this.submit({ baseUrl, kind: 'token', token: text('token'), tokenType: text('tokenType') === 'Bot' ? 'Bot' : 'Bearer' });
      } else {
        void this.submit({ baseUrl, kind: 'password', username: text('username'), password: String(data.get('password') ?? '') });
      }
    });
    return form;
  }

  private async submit(request: LoginRequest): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.error.textContent = '';
    this.el.dataset['busy'] = 'true';
    try {
      await this.onLogin(request);
      this.close();
    } catch (error) {
      this.error.textContent = error instanceof Error ? error.message : String(error);
    } finally {
      this.busy = false;
      this.el.dataset['busy'] = 'false';
    }
  }
}

function field(label: string, control: HTMLInputElement | HTMLSelectElement): HTMLElement {
  return h('label', { className: 'field' }, h('span', { className: 'field-label' }, label), control);
}

function radio(name: string, value: string, label: string, checked: boolean): HTMLElement {
  return h('label', { className: 'radio' }, h('input', { attrs: { type: 'radio', name, value, checked } }), ` ${label}`);
}
