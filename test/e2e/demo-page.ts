/** What the browser scenarios share: demo accounts by name, and the channel the page has open. */
import type { Page } from 'playwright-core';
import type { AppServer } from '../../src/cli/app-server.js';
import type { DemoLogin } from '../../src/cli/demo-logins.js';

/** The demo seed's login for `username` (its token is fixed and public). */
export function demoLogin(app: AppServer, username: string): DemoLogin {
  const login = app.demoLogins.users.find((u) => u.username === username);
  if (!login) throw new Error(`the demo seed has no ${username}`);
  return login;
}

/** The id of the channel the page shows as open (the channel list's current entry). */
export async function openChannelId(page: Page, wait: { timeout: number }): Promise<string> {
  const id = await page.locator('[data-testid="channel-list"] button[aria-current="page"]').getAttribute('data-channel-id', wait);
  if (!id) throw new Error('no channel is open');
  return id;
}

/** A text channel of the page's channel list other than `current`. */
export async function otherTextChannel(page: Page, current: string): Promise<string> {
  const ids = await page.locator('[data-testid="channel-list"] button[data-type="text"]').evaluateAll((buttons) =>
    buttons.map((b) => (b as HTMLElement).dataset['channelId'] ?? ''),
  );
  const elsewhere = ids.find((id) => id !== '' && id !== current);
  if (!elsewhere) throw new Error('the demo space needs a second text channel');
  return elsewhere;
}
