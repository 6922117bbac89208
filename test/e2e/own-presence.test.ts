import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServer } from '../../src/cli/app-server.js';
import type { DemoLogin } from '../../src/cli/demo-logins.js';
import { AccordClient } from '../../src/client/index.js';
import { GatewayIntents } from '../../src/protocol/index.js';
import { setPresence } from '../../src/server/data/services/presence.js';
import { launchChromium, prepareChromium } from './browser.js';
import { demoLogin } from './demo-page.js';
import { startPageServer } from './page-server.js';

/** A scenario step's own wait: generous, because CI machines are slow, never a timing assertion. */
const WAIT = { timeout: 15_000 };

let app: AppServer;
let context: BrowserContext | undefined;
let page: Page;
let launching: Promise<void> | undefined;
let alice: DemoLogin;
let bob: DemoLogin;
let carol: DemoLogin;
let dave: DemoLogin;
/** bob's client: sees everyone's presence.update (a member of every demo space). */
let observer: AccordClient;
const clients: AccordClient[] = [];
/** Every status the observer was told, per user, in order. */
const seen = new Map<string, string[]>();
/** Ids of the messages the observer's gateway delivered. */
const delivered = new Set<string>();

const seeded = () => {
  if (!app.accord.seeded) throw new Error('the page server has no demo seed');
  return app.accord.seeded;
};
const userId = (login: DemoLogin): string => seeded().users.find((u) => u.username === login.username)?.id ?? '';
const lastSeen = (login: DemoLogin): string | undefined => seen.get(userId(login))?.at(-1);

async function connect(login: DemoLogin, presence?: { status: 'idle' | 'dnd' }): Promise<AccordClient> {
  const client = new AccordClient({ baseUrl: app.url, token: login.token, intents: GatewayIntents.all(), ...(presence ? { presence } : {}) });
  clients.push(client);
  await client.login();
  return client;
}

beforeAll(async () => {
  prepareChromium();
  app = await startPageServer();
  const byName = (name: string): DemoLogin => demoLogin(app, name);
  [alice, bob, carol, dave] = [byName('alice'), byName('bob'), byName('carol'), byName('dave')];
  observer = await connect(bob);
  observer.on('presence.update', (presence) => {
    const list = seen.get(presence.user_id) ?? [];
    list.push(presence.status);
    seen.set(presence.user_id, list);
  });
  observer.on('message.create', (message) => delivered.add(message.id));
}, 120_000);

/** Every test starts here, so a Chromium that cannot start fails each test with the reason. */
function browser(): Promise<void> {
  launching ??= (async () => {
    context = await launchChromium();
    page = await context.newPage();
    await page.goto(app.url);
  })();
  return launching;
}

afterAll(async () => {
  await context?.close();
  for (const client of clients) await client.logout();
  await app?.close();
});

const memberStatus = (login: DemoLogin) => page.locator(`[data-testid="member-list"] [data-testid="member-${userId(login)}"]`).getAttribute('data-status');

async function signIn(login: DemoLogin): Promise<void> {
  await page.locator(`[data-testid="demo-login-${login.username}"]`).click(WAIT);
  await expect.poll(() => page.locator('[data-testid="current-user"]').count(), WAIT).toBe(1);
}

async function signOut(): Promise<void> {
  await page.locator('[data-testid="sign-out"]').click(WAIT);
  await expect.poll(() => page.locator('[data-testid="login-dialog"]').getAttribute('open'), WAIT).not.toBeNull();
  await expect.poll(() => page.locator('[data-testid="current-user"]').count(), WAIT).toBe(0);
}

describe('my own presence in the browser client', () => {
  it('is online once I sign in, though the demo traffic had left my account idle', async () => {
    await browser();
    // What the simulator of `npm start` does to accounts nobody is signed in to.
    setPresence({ data: app.accord.data, gateway: app.accord.control }, userId(carol), 'idle');
    await expect.poll(() => lastSeen(carol), WAIT).toBe('idle');

    await signIn(carol);
    await expect.poll(() => memberStatus(carol), WAIT).toBe('online');
    expect(await page.locator('[data-testid="user-panel"]').getAttribute('data-presence')).toBe('online');
    await expect.poll(() => lastSeen(carol), WAIT).toBe('online');

    await signOut();
    // No other session of carol's is left: the server ends her presence (docs/protocol.md §1.19).
    await expect.poll(() => lastSeen(carol), WAIT).toBe('offline');
  });

  it('is online while I use the page, and goes back to what my other client set when I sign out', async () => {
    await browser();
    // My other client (think: the desktop app, left idle) is connected the whole time.
    await connect(alice, { status: 'idle' });
    await expect.poll(() => lastSeen(alice), WAIT).toBe('idle');

    await signIn(alice);
    await expect.poll(() => memberStatus(alice), WAIT).toBe('online');
    expect(await page.locator('[data-testid="user-panel"]').getAttribute('data-presence')).toBe('online');
    await expect.poll(() => lastSeen(alice), WAIT).toBe('online');

    await signOut();
    await expect.poll(() => lastSeen(alice), WAIT).toBe('idle');
    // The page's session is over (only bob's and my other client's are left), and its end changed
    // nothing: anything it had broadcast would reach the observer before this later message.
    await expect.poll(() => app.accord.sessionCount, WAIT).toBe(2);
    const channel = seeded().spaces[0]?.channels.find((c) => c.type === 'text');
    if (!channel) throw new Error('the demo space needs a text channel');
    const marker = await observer.sendMessage(channel.id, 'after the sign-out');
    await expect.poll(() => delivered.has(marker.id), WAIT).toBe(true);
    expect(lastSeen(alice)).toBe('idle');
  });

  it('follows the presence picker, shows the choice to others, and gives the choice back at sign-out', async () => {
    await browser();
    // My other client left idle, as in the test before.
    await connect(dave, { status: 'idle' });
    await expect.poll(() => lastSeen(dave), WAIT).toBe('idle');
    await signIn(dave);
    await expect.poll(() => lastSeen(dave), WAIT).toBe('online');

    await page.locator('[data-testid="presence-picker"]').selectOption('dnd');
    await expect.poll(() => lastSeen(dave), WAIT).toBe('dnd');
    await expect.poll(() => memberStatus(dave), WAIT).toBe('dnd');
    await expect.poll(() => page.locator('[data-testid="user-panel"]').getAttribute('data-presence'), WAIT).toBe('dnd');
    expect(await page.locator('[data-testid="presence-picker"]').inputValue()).toBe('dnd');

    await signOut();
    await expect.poll(() => app.accord.sessionCount, WAIT).toBe(3);
    // What I picked here is what my other client keeps showing, not the idle from before.
    const channel = seeded().spaces[0]?.channels.find((c) => c.type === 'text');
    if (!channel) throw new Error('the demo space needs a text channel');
    const marker = await observer.sendMessage(channel.id, 'after the picker sign-out');
    await expect.poll(() => delivered.has(marker.id), WAIT).toBe(true);
    expect(lastSeen(dave)).toBe('dnd');
    expect(seen.get(userId(dave))).not.toContain('offline');
  });
});
