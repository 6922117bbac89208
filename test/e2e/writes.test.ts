import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServer } from '../../src/cli/app-server.js';
import type { DemoLogin } from '../../src/cli/demo-logins.js';
import { AccordClient } from '../../src/client/index.js';
import { GatewayIntents } from '../../src/protocol/index.js';
import { AccordRest } from '../../src/rest/index.js';
import { launchChromium, prepareChromium } from './browser.js';
import { demoLogin, openChannelId as openChannelIdOf, otherTextChannel } from './demo-page.js';
import { startPageServer } from './page-server.js';
import { Reachability } from './unreachable.js';

/** A scenario step's own wait: generous, because CI machines are slow, never a timing assertion. */
const WAIT = { timeout: 20_000 };

let app: AppServer;
let context: BrowserContext | undefined;
let page: Page;
let launching: Promise<void> | undefined;
let reach: Reachability;
let me: DemoLogin;
let meRest: AccordRest;
let otherRest: AccordRest;
/** Another session of mine: it hears my read_state.update, so a test knows the ack reached the server. */
let myOtherClient: AccordClient | undefined;
const acked = new Map<string, string>();

beforeAll(async () => {
  prepareChromium();
  app = await startPageServer();
  const byName = (name: string): DemoLogin => demoLogin(app, name);
  me = byName('alice');
  meRest = new AccordRest({ baseUrl: app.url, token: me.token });
  otherRest = new AccordRest({ baseUrl: app.url, token: byName('bob').token });
  myOtherClient = new AccordClient({ baseUrl: app.url, token: me.token, intents: GatewayIntents.all() });
  myOtherClient.on('read_state.update', (state) => acked.set(state.channel_id, state.last_read_message_id ?? ''));
  await myOtherClient.login();
}, 120_000);

/** Every test starts here, so a Chromium that cannot start fails each test with the reason. */
function browser(): Promise<void> {
  launching ??= (async () => {
    context = await launchChromium();
    page = await context.newPage();
    reach = await Reachability.install(page);
    await page.goto(`${app.url}/?as=${me.username}`);
  })();
  return launching;
}

afterAll(async () => {
  await context?.close();
  await myOtherClient?.logout();
  await app?.close();
});

const openChannelId = (): Promise<string> => openChannelIdOf(page, WAIT);

const entries = (text: string) => page.locator('[data-testid="message-list"] article', { hasText: text });
const onServer = async (channelId: string, content: string) => (await meRest.listMessages(channelId, { limit: 50 })).filter((m) => m.content === content);
const status = () => page.locator('[data-testid="connection-status"]').getAttribute('data-status');

async function send(text: string): Promise<void> {
  await page.locator('[data-testid="composer-input"]').fill(text);
  await page.keyboard.press('Enter');
}

describe('the browser client writes through the store', () => {
  it('shows a send made while the server is unreachable as queued, then delivers it once', async () => {
    await browser();
    const channelId = await openChannelId();
    reach.down();
    const entry = entries('sent while unreachable');
    try {
      app.accord.faults.dropAll();
      await expect.poll(status, WAIT).not.toBe('connected');

      await send('sent while unreachable');
      await expect.poll(() => entry.getAttribute('data-pending'), WAIT).toBe('queued');
      expect(await entry.locator('.message-content').evaluate((el) => getComputedStyle(el).opacity)).toBe('0.5');
      expect(await entry.locator('[data-testid="message-pending"]').textContent()).toContain('Waiting for the connection');
      expect(await onServer(channelId, 'sent while unreachable')).toEqual([]);
    } finally {
      // Back whatever happened above, so the tests after this one find the server.
      await reach.up();
    }
    await expect.poll(status, WAIT).toBe('connected');
    await expect.poll(() => entry.getAttribute('data-pending'), WAIT).toBeNull();
    const delivered = await onServer(channelId, 'sent while unreachable');
    expect(delivered).toHaveLength(1);
    expect(await entry.count()).toBe(1);
    expect(await entry.getAttribute('data-message-id')).toBe(delivered[0]?.id);
  });

  it('shows a refused send with retry and discard', async () => {
    await browser();
    const channelId = await openChannelId();
    const path = `/channels/${channelId}/messages`;
    app.accord.faults.failRest({ action: 'fail', method: 'POST', path, status: 403, code: 'missing_permissions' });
    await send('refused, then retried');
    const retried = entries('refused, then retried');
    await expect.poll(() => retried.getAttribute('data-pending'), WAIT).toBe('failed');
    expect(await retried.locator('[data-testid="send-failed"]').isVisible()).toBe(true);
    await retried.locator('[data-testid="message-retry"]').click();
    await expect.poll(() => retried.getAttribute('data-pending'), WAIT).toBeNull();
    expect(await onServer(channelId, 'refused, then retried')).toHaveLength(1);

    app.accord.faults.failRest({ action: 'fail', method: 'POST', path, status: 403, code: 'missing_permissions' });
    await send('refused, then discarded');
    const discarded = entries('refused, then discarded');
    await expect.poll(() => discarded.getAttribute('data-pending'), WAIT).toBe('failed');
    await discarded.locator('[data-testid="message-discard"]').click();
    await expect.poll(() => discarded.count(), WAIT).toBe(0);
    expect(await onServer(channelId, 'refused, then discarded')).toEqual([]);
  });

  it('shows my edit and my reaction at once, before the server has answered', async () => {
    await browser();
    const channelId = await openChannelId();
    await send('to be edited');
    const entry = entries('to be edited');
    await expect.poll(() => entry.getAttribute('data-pending'), WAIT).toBeNull();
    const id = (await entry.getAttribute('data-message-id')) ?? '';

    // The server runs what it is asked but neither answers nor tells anyone until released.
    app.accord.faults.pauseDispatch();
    app.accord.faults.failRest({ action: 'hold', method: 'PATCH', path: `/messages/${id}` });
    app.accord.faults.failRest({ action: 'hold', method: 'PUT', path: `/messages/${id}/reactions` });
    try {
      await entry.hover();
      await entry.locator('[data-testid="message-edit"]').click();
      await page.locator('[data-testid="message-edit-input"]').fill('edited at once');
      await page.keyboard.press('Enter');
      const edited = page.locator(`[data-testid="message-${id}"]`);
      await expect.poll(() => edited.locator('[data-testid="message-content"]').textContent(), WAIT).toContain('edited at once');

      await edited.hover();
      await edited.locator('[aria-label="React with 🎉"]').click();
      const reaction = edited.locator('[data-testid="reaction-🎉"]');
      await expect.poll(() => reaction.getAttribute('aria-pressed'), WAIT).toBe('true');
      expect(await reaction.locator('[data-testid="reaction-count"]').textContent()).toBe('1');
      expect(app.accord.faults.rest.heldCount).toBe(2);
    } finally {
      app.accord.faults.releaseRest();
      app.accord.faults.resumeDispatch();
    }
    const [saved] = (await meRest.listMessages(channelId, { limit: 20 })).filter((m) => m.id === id);
    expect(saved?.content).toBe('edited at once');
    expect(saved?.reactions?.map((r) => [r.emoji.name, r.count])).toEqual([['🎉', 1]]);
    // The echoes change nothing: still one reaction of mine.
    await expect.poll(() => page.locator(`[data-testid="message-${id}"] [data-testid="reaction-🎉"] [data-testid="reaction-count"]`).textContent(), WAIT).toBe('1');
  });

  it('keeps what I read across a reload', async () => {
    await browser();
    const current = await openChannelId();
    const elsewhere = await otherTextChannel(page, current);
    const posted = await otherRest.createMessage(elsewhere, { content: 'read me before the reload' });
    const badge = page.locator(`[data-testid="channel-unread-${elsewhere}"]`);
    await expect.poll(() => badge.count(), WAIT).toBe(1);

    await page.locator(`[data-testid="channel-${elsewhere}"]`).click();
    await expect.poll(() => badge.count(), WAIT).toBe(0);
    // My other session hears the ack: the server has it.
    await expect.poll(() => acked.get(elsewhere), WAIT).toBe(posted.id);
    await page.locator(`[data-testid="channel-${current}"]`).click();

    await page.reload();
    await expect.poll(() => page.locator(`[data-testid="channel-${elsewhere}"]`).count(), WAIT).toBe(1);
    await expect.poll(openChannelId, WAIT).toBeTruthy();
    expect(await page.locator(`[data-testid="channel-${elsewhere}"]`).getAttribute('data-unread')).toBe('false');
    expect(await badge.count()).toBe(0);
  });
});
