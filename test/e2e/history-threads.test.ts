import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServer } from '../../src/cli/app-server.js';
import type { DemoLogin } from '../../src/cli/demo-logins.js';
import { AccordRest } from '../../src/rest/index.js';
import { createMessage } from '../../src/server/data/services/messages.js';
import { launchChromium, prepareChromium } from './browser.js';
import { demoLogin } from './demo-page.js';
import { startPageServer } from './page-server.js';

/** A scenario step's own wait: generous, because CI machines are slow, never a timing assertion. */
const WAIT = { timeout: 20_000 };
/** The page keeps this many messages per channel (the store's default), so the history below takes several pages. */
const MESSAGE_CAP = 50;
const HISTORY = 130;

let app: AppServer;
let context: BrowserContext | undefined;
let page: Page;
let launching: Promise<void> | undefined;
let me: DemoLogin;
let meRest: AccordRest;
let otherRest: AccordRest;
let spaceId: string;
let historyChannel: string;

const label = (n: number): string => `history ${String(n).padStart(3, '0')}`;

beforeAll(async () => {
  prepareChromium();
  app = await startPageServer();
  const byName = (name: string): DemoLogin => demoLogin(app, name);
  me = byName('alice');
  meRest = new AccordRest({ baseUrl: app.url, token: me.token });
  otherRest = new AccordRest({ baseUrl: app.url, token: byName('bob').token });
  const lounge = app.accord.seeded?.spaces[0];
  if (!lounge) throw new Error('the demo seed has no space');
  spaceId = lounge.id;
  const channel = await meRest.createChannel(spaceId, { name: 'long-history', type: 'text' });
  historyChannel = channel.id;
  // Straight into the server (as its REST handler would), so seeding takes no REST round trips.
  const myId = app.accord.seeded?.users.find((u) => u.username === me.username)?.id ?? '';
  const services = { data: app.accord.data, gateway: app.accord.control };
  for (let n = 0; n < HISTORY; n++) createMessage(services, myId, historyChannel, { content: label(n) });
}, 120_000);

/** Every test starts here, so a Chromium that cannot start fails each test with the reason. */
function browser(): Promise<void> {
  launching ??= (async () => {
    context = await launchChromium();
    page = await context.newPage();
    await page.goto(`${app.url}/?as=${me.username}`);
    await page.locator(`[data-testid="space-${spaceId}"]`).click({ timeout: 20_000 });
  })();
  return launching;
}

afterAll(async () => {
  await context?.close();
  await app?.close();
});

const list = () => page.locator('[data-testid="message-list"]');
const shownContents = () => list().locator('article [data-testid="message-content"]').allTextContents();

describe('history and threads in the browser client', () => {
  it('scrolls back to the channel start with a spinner, keeping the view in place, and trims at the bottom', async () => {
    await browser();
    await page.locator(`[data-testid="channel-${historyChannel}"]`).click(WAIT);
    await expect.poll(async () => (await shownContents()).at(-1), WAIT).toBe(label(HISTORY - 1));
    expect((await shownContents()).length).toBeLessThanOrEqual(MESSAGE_CAP);
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { historyHeaders: string[] }).historyHeaders = seen;
      const el = document.querySelector('[data-testid="message-list"]');
      if (!el) return;
      new MutationObserver(() => {
        const header = el.firstElementChild as HTMLElement | null;
        seen.push(header?.dataset['testid'] ?? '');
      }).observe(el, { childList: true });
    });

    // One page back: what the reader sees stays where it was on screen. (The second message: the
    // first one loses its author line once the message before it, by the same author, is loaded.)
    const firstBefore = (await shownContents())[1] ?? '';
    const topOf = (text: string) =>
      list().evaluate((el, wanted) => {
        const article = [...el.querySelectorAll('article')].find((a) => a.querySelector('[data-testid="message-content"]')?.textContent === wanted);
        return article ? article.getBoundingClientRect().top : null;
      }, text);
    await list().evaluate((el) => {
      el.scrollTop = 0;
    });
    const before = await topOf(firstBefore);
    await expect.poll(async () => (await shownContents()).length, WAIT).toBeGreaterThan(MESSAGE_CAP);
    await expect.poll(() => page.locator('[data-testid="history-spinner"]').count(), WAIT).toBe(0);
    const seen = (): Promise<string[]> => page.evaluate(() => (window as unknown as { historyHeaders: string[] }).historyHeaders);
    expect(await seen()).toContain('history-spinner');
    expect(await topOf(firstBefore)).toBe(before);

    // On to the start.
    for (let guard = 0; guard < 20 && (await page.locator('[data-testid="channel-start"]').count()) === 0; guard++) {
      await list().evaluate((el) => {
        el.scrollTop = 0;
      });
      await expect.poll(async () => (await page.locator('[data-testid="history-spinner"]').count()) === 0, WAIT).toBe(true);
    }
    await expect.poll(() => page.locator('[data-testid="channel-start"]').count(), WAIT).toBe(1);
    const all = await shownContents();
    expect(all).toEqual(Array.from({ length: HISTORY }, (_, n) => label(n)));

    // Back at the newest messages, the channel shrinks to the cap again.
    await list().evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    await expect.poll(async () => (await shownContents()).length, WAIT).toBeLessThanOrEqual(MESSAGE_CAP);
    expect((await shownContents()).at(-1)).toBe(label(HISTORY - 1));
  });

  it('opens a thread beside the channel with its replies, and replies in it', async () => {
    await browser();
    const general = app.accord.seeded?.spaces[0]?.channels.find((c) => c.name === 'general');
    if (!general) throw new Error('the demo space has no #general');
    const parent = await otherRest.createMessage(general.id, { content: 'a question for a thread' });
    await otherRest.createMessage(general.id, { content: 'first reply', thread_id: parent.id });
    await otherRest.createMessage(general.id, { content: 'second reply', thread_id: parent.id });
    await page.locator(`[data-testid="channel-${general.id}"]`).click(WAIT);
    const parentEl = page.locator(`[data-testid="message-list"] [data-testid="message-${parent.id}"]`);
    await expect.poll(() => parentEl.locator('[data-testid="thread-link"]').textContent(), WAIT).toBe('2 replies');
    expect(await entriesIn('message-list', 'first reply').count()).toBe(0);

    await parentEl.locator('[data-testid="thread-link"]').click();
    const panel = page.locator('[data-testid="thread-panel"]');
    await expect.poll(() => panel.isVisible(), WAIT).toBe(true);
    expect(await panel.locator('[data-testid="thread-parent"]').textContent()).toContain('a question for a thread');
    await expect.poll(() => panel.locator('article [data-testid="message-content"]').allTextContents(), WAIT).toEqual(['first reply', 'second reply']);

    await page.locator('[data-testid="thread-composer-input"]').fill('my reply in the thread');
    await page.keyboard.press('Enter');
    await expect.poll(() => entriesIn('thread-messages', 'my reply in the thread').getAttribute('data-pending'), WAIT).toBeNull();
    await expect.poll(() => entriesIn('thread-messages', 'my reply in the thread').count(), WAIT).toBe(1);
    const replies = await meRest.listMessages(general.id, { thread_id: parent.id });
    expect(replies.filter((m) => m.content === 'my reply in the thread').map((m) => m.thread_id)).toEqual([parent.id]);
    expect(await entriesIn('message-list', 'my reply in the thread').count()).toBe(0);
    await expect.poll(() => parentEl.locator('[data-testid="thread-link"]').textContent(), WAIT).toBe('3 replies');

    await panel.locator('[data-testid="thread-close"]').click();
    await expect.poll(() => panel.isVisible(), WAIT).toBe(false);
  });
});

function entriesIn(testId: string, text: string) {
  return page.locator(`[data-testid="${testId}"] article`, { hasText: text });
}
