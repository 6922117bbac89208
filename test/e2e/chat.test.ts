import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServer } from '../../src/cli/app-server.js';
import type { DemoLogin } from '../../src/cli/demo-logins.js';
import { AccordRest } from '../../src/rest/index.js';
import { launchChromium, prepareChromium } from './browser.js';
import { openChannelId as openChannelIdOf, otherTextChannel } from './demo-page.js';
import { ROOT, startPageServer } from './page-server.js';

const ARTIFACTS = join(ROOT, 'test-artifacts');
const TYPING_TIMEOUT_MS = 1500;

let app: AppServer;
let context: BrowserContext | undefined;
let page: Page;
let launching: Promise<void> | undefined;
let me: DemoLogin;
let other: DemoLogin;
let third: DemoLogin;
let otherRest: AccordRest;

/** A scenario step's own wait: generous, because CI machines are slow, never a timing assertion. */
const WAIT = { timeout: 15_000 };

beforeAll(async () => {
  prepareChromium();
  app = await startPageServer();
  const users = app.demoLogins.users;
  expect(users.length).toBeGreaterThanOrEqual(3);
  [me, other, third] = users as [DemoLogin, DemoLogin, DemoLogin];
  otherRest = new AccordRest({ baseUrl: app.url, token: other.token });
}, 120_000);

/**
 * Every test starts here, so a missing Chromium fails each test with the launcher's message
 * instead of failing the hook and leaving the tests reported as skipped.
 */
function browser(): Promise<void> {
  launching ??= (async () => {
    context = await launchChromium();
    page = await context.newPage();
  })();
  return launching;
}

afterAll(async () => {
  if (context) {
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-final.png') }).catch(() => undefined);
  }
  await context?.close();
  await app?.close();
});

const openChannelId = (): Promise<string> => openChannelIdOf(page, WAIT);

function message(id: string) {
  return page.locator(`[data-testid="message-${id}"]`);
}

describe('the browser client against the server npm start runs', () => {
  it('signs in as a demo user and shows the demo spaces', async () => {
    await browser();
    await page.goto(`${app.url}/?typingTimeoutMs=${TYPING_TIMEOUT_MS}`);
    await page.locator(`[data-testid="demo-login-${me.username}"]`).click(WAIT);
    const spaces = await new AccordRest({ baseUrl: app.url, token: me.token }).listCurrentUserSpaces();
    expect(spaces.length).toBeGreaterThanOrEqual(2);
    for (const space of spaces) {
      await expect.poll(() => page.locator(`[data-testid="space-${space.id}"]`).getAttribute('title'), WAIT).toBe(space.name);
    }
    await expect.poll(() => page.locator('[data-testid="current-user"]').textContent(), WAIT).toBeTruthy();
    await openChannelId();
  });

  it('shows a message another user posts over REST, then its edit, reactions and delete', async () => {
    await browser();
    const channelId = await openChannelId();
    // Tag an existing message's element: a new message must not rebuild the ones already shown.
    const tagged = await page.evaluate(() => {
      const first = document.querySelector<HTMLElement>('[data-testid="message-list"] article');
      if (first) first.dataset['e2eTag'] = 'kept';
      return first?.dataset['messageId'] ?? null;
    });
    const posted = await otherRest.createMessage(channelId, { content: 'hello from the e2e test' });
    const item = message(posted.id);
    await expect.poll(() => item.locator('[data-testid="message-content"]').textContent(), WAIT).toContain('hello from the e2e test');
    expect(tagged).not.toBeNull();
    expect(await message(tagged ?? '').getAttribute('data-e2e-tag')).toBe('kept');

    await otherRest.editMessage(channelId, posted.id, { content: 'hello, edited by its author' });
    await expect.poll(() => item.locator('[data-testid="message-content"]').textContent(), WAIT).toContain('hello, edited by its author');
    await expect.poll(() => item.locator('[data-testid="message-edited"]').count(), WAIT).toBe(1);

    const reaction = item.locator('[data-testid="reaction-👍"]');
    await otherRest.addReaction(channelId, posted.id, '👍');
    await expect.poll(() => reaction.locator('[data-testid="reaction-count"]').textContent(), WAIT).toBe('1');
    await new AccordRest({ baseUrl: app.url, token: third.token }).addReaction(channelId, posted.id, '👍');
    await expect.poll(() => reaction.locator('[data-testid="reaction-count"]').textContent(), WAIT).toBe('2');
    expect(await reaction.getAttribute('aria-pressed')).toBe('false');
    await reaction.click();
    await expect.poll(() => reaction.locator('[data-testid="reaction-count"]').textContent(), WAIT).toBe('3');
    await expect.poll(() => reaction.getAttribute('aria-pressed'), WAIT).toBe('true');

    await otherRest.deleteMessage(channelId, posted.id);
    await expect.poll(() => item.count(), WAIT).toBe(0);
  });

  it('sends from the composer through the store', async () => {
    await browser();
    await page.locator('[data-testid="composer-input"]').fill('typed in the browser');
    await page.keyboard.press('Enter');
    const mine = page.locator('[data-testid="message-list"] article', { hasText: 'typed in the browser' });
    await expect.poll(() => mine.count(), WAIT).toBe(1);
    expect(await page.locator('[data-testid="composer-input"]').inputValue()).toBe('');
  });

  it('shows who is typing and clears it after the timeout', async () => {
    await browser();
    const channelId = await openChannelId();
    const who = await otherRest.getCurrentUser();
    const indicator = page.locator('[data-testid="typing-indicator"]');
    await otherRest.triggerTyping(channelId);
    await expect.poll(() => indicator.getAttribute('data-active'), WAIT).toBe('true');
    const text = (await indicator.textContent()) ?? '';
    expect(text).toContain('is typing');
    expect([who.username, who.display_name].some((name) => name !== null && text.includes(name))).toBe(true);
    await expect.poll(() => indicator.getAttribute('data-active'), WAIT).toBe('false');
    expect(await indicator.textContent()).toBe('');
  });

  it('shows reconnecting while every connection is dropped, then clears, with nothing lost', async () => {
    await browser();
    const channelId = await openChannelId();
    // Record every banner state, so a state that passes quickly is still seen.
    await page.evaluate(() => {
      const banner = document.querySelector('[data-testid="connection-banner"]');
      const seen: string[] = [];
      (window as unknown as { bannerStates: string[] }).bannerStates = seen;
      if (!banner) return;
      new MutationObserver(() => seen.push(banner.getAttribute('data-state') ?? '')).observe(banner, { attributes: true, attributeFilter: ['data-state'] });
    });
    const result = app.accord.faults.dropAll();
    expect(result.hit.length).toBeGreaterThan(0);
    const during = await otherRest.createMessage(channelId, { content: 'sent while you were away' });

    const states = (): Promise<string[]> => page.evaluate(() => (window as unknown as { bannerStates: string[] }).bannerStates);
    await expect.poll(states, WAIT).toContain('reconnecting');
    await expect.poll(() => page.locator('[data-testid="connection-banner"]').getAttribute('data-state'), WAIT).toBe('ok');
    expect(await states()).toContain('reconnected');
    expect(await page.locator('[data-testid="connection-banner"]').isHidden()).toBe(true);
    await expect.poll(() => message(during.id).locator('[data-testid="message-content"]').textContent(), WAIT).toContain('sent while you were away');
  });

  it('shows a fatal close with its code and reason, then clears once the store has reconnected', async () => {
    await browser();
    const banner = page.locator('[data-testid="connection-banner"]');
    await page.evaluate(() => {
      const el = document.querySelector('[data-testid="connection-banner"]');
      const seen: string[] = [];
      (window as unknown as { bannerTexts: string[] }).bannerTexts = seen;
      if (!el) return;
      new MutationObserver(() => seen.push(el.textContent ?? '')).observe(el, { childList: true, subtree: true, characterData: true });
    });
    app.accord.faults.closeWith(4004, 'Authentication failed');
    const texts = (): Promise<string[]> => page.evaluate(() => (window as unknown as { bannerTexts: string[] }).bannerTexts);
    await expect.poll(async () => (await texts()).some((t) => t.includes('Disconnected from this server (code 4004: Authentication failed)')), WAIT).toBe(true);
    await expect.poll(() => banner.getAttribute('data-state'), WAIT).toBe('ok');
    expect((await texts()).some((t) => t.includes('Reconnected to this server'))).toBe(true);
    await expect.poll(() => page.locator('[data-testid="connection-status"]').getAttribute('data-status'), WAIT).toBe('connected');
  });

  it('marks another channel unread and clears it when opened', async () => {
    await browser();
    const current = await openChannelId();
    const elsewhere = await otherTextChannel(page, current);
    const unreadBadge = page.locator(`[data-testid="channel-unread-${elsewhere}"]`);
    // The demo history may leave it unread already: read it, then go back.
    await page.locator(`[data-testid="channel-${elsewhere}"]`).click();
    await page.locator(`[data-testid="channel-${current}"]`).click();
    await expect.poll(() => openChannelId(), WAIT).toBe(current);
    expect(await unreadBadge.count()).toBe(0);

    const posted = await otherRest.createMessage(elsewhere, { content: 'news in another channel' });
    await expect.poll(() => unreadBadge.count(), WAIT).toBe(1);
    expect(await page.locator(`[data-testid="channel-${elsewhere}"]`).getAttribute('data-unread')).toBe('true');

    await page.locator(`[data-testid="channel-${elsewhere}"]`).click();
    await expect.poll(() => unreadBadge.count(), WAIT).toBe(0);
    expect(await page.locator(`[data-testid="channel-${elsewhere}"]`).getAttribute('aria-current')).toBe('page');
    await expect.poll(() => message(posted.id).count(), WAIT).toBe(1);
  });

  it('moves between channels with the arrow keys', async () => {
    await browser();
    const first = page.locator('[data-testid="channel-list"] button[aria-current="page"]');
    await first.focus();
    const before = await first.getAttribute('data-channel-id');
    await page.keyboard.press('ArrowDown');
    const focusedId = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset['channelId'] ?? null);
    expect(focusedId).not.toBeNull();
    expect(focusedId).not.toBe(before);
    await page.keyboard.press('ArrowUp');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset['channelId'] ?? null)).toBe(before);
  });

  it('lists direct messages, marks a new one unread, opens it and replies from the composer', async () => {
    await browser();
    const meRest = new AccordRest({ baseUrl: app.url, token: me.token });
    const [meUser, otherUser, thirdUser] = await Promise.all([meRest.getCurrentUser(), otherRest.getCurrentUser(), new AccordRest({ baseUrl: app.url, token: third.token }).getCurrentUser()]);
    // A DM with the other user (the one who writes) and a second one to have open meanwhile.
    const withOther = await otherRest.createDmChannel(meUser.id);
    const withThird = await meRest.createDmChannel(thirdUser.id);

    await page.locator('[data-testid="dm-home"]').click(WAIT);
    expect(await page.locator('[data-testid="space-name"]').textContent()).toBe('Direct messages');
    const otherRow = page.locator(`[data-testid="channel-${withOther.id}"]`);
    await expect.poll(() => otherRow.count(), WAIT).toBe(1);
    await expect.poll(() => otherRow.textContent(), WAIT).toContain(otherUser.display_name || otherUser.username);
    // The demo history may leave it unread already: read it, then open the other DM.
    await otherRow.click(WAIT);
    await expect.poll(() => openChannelId(), WAIT).toBe(withOther.id);
    await page.locator(`[data-testid="channel-${withThird.id}"]`).click(WAIT);
    await expect.poll(() => openChannelId(), WAIT).toBe(withThird.id);
    expect(await otherRow.getAttribute('data-unread')).toBe('false');

    const posted = await otherRest.createMessage(withOther.id, { content: 'a direct question' });
    await expect.poll(() => page.locator(`[data-testid="channel-unread-${withOther.id}"]`).count(), WAIT).toBe(1);

    await otherRow.click();
    await expect.poll(() => openChannelId(), WAIT).toBe(withOther.id);
    await expect.poll(() => message(posted.id).count(), WAIT).toBe(1);
    expect(await page.locator(`[data-testid="channel-unread-${withOther.id}"]`).count()).toBe(0);
    expect(await page.locator('[data-testid="channel-title"]').textContent()).toBe(otherUser.display_name || otherUser.username);

    await page.locator('[data-testid="composer-input"]').fill('a direct answer');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await otherRest.listMessages(withOther.id)).some((m) => m.content === 'a direct answer' && m.author_id === meUser.id), WAIT).toBe(true);
  });

  it('leaves the direct messages for a space with no text channel: nothing open, so a new DM is unread', async () => {
    await browser();
    const meRest = new AccordRest({ baseUrl: app.url, token: me.token });
    await page.locator('[data-testid="dm-home"]').click(WAIT);
    const dm = await openChannelId();
    // A space of my own whose only channel (the default one) is gone.
    const space = await meRest.createSpace({ name: 'Nothing to read' });
    for (const channel of await meRest.listSpaceChannels(space.id)) await meRest.deleteChannel(channel.id);
    const spaceButton = page.locator(`[data-testid="space-${space.id}"]`);
    await spaceButton.click(WAIT);

    expect(await page.locator('[data-testid="space-name"]').textContent()).toBe('Nothing to read');
    expect(await spaceButton.getAttribute('aria-current')).toBe('true');
    expect(await page.locator('[data-testid="dm-home"]').getAttribute('aria-current')).toBeNull();
    expect(await page.locator('[data-testid="channel-title"]').count()).toBe(0);
    // The DM is no longer open: a message in it (from whoever else is in it) is unread on the rail.
    const dmWriter = (await otherRest.listDmChannels()).some((c) => c.id === dm) ? otherRest : new AccordRest({ baseUrl: app.url, token: third.token });
    await dmWriter.createMessage(dm, { content: 'while you look elsewhere' });
    await expect.poll(() => page.locator('[data-testid="dm-home-unread"]').count(), WAIT).toBe(1);
  });
});
