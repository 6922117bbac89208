import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AccordClient, SessionStoreError, fileSessionStore } from '../../../src/index.js';
import type { AccordClientEvents, GatewayError, Message, Session, SessionStore } from '../../../src/index.js';
import { AccordRest } from '../../../src/rest/index.js';
import { AccordServer } from '../../../src/server/index.js';
import { fastClock } from './client-events.js';
import { until } from '../server-gateway/peer.js';

let server: AccordServer;
let dir: string;
let watcherToken: string;
let poster: AccordRest;
let channelId: string;
const clients: Array<AccordClient<SessionStore | undefined>> = [];

beforeAll(async () => {
  server = await AccordServer.start({ port: 0, seed: 'empty' });
  const watcher = await AccordRest.register(server.url, { username: 'session_watcher', password: 'watcher-password-1' });
  const posterAuth = await AccordRest.register(server.url, { username: 'session_poster', password: 'poster-password-1' });
  watcherToken = watcher.token;
  const owner = new AccordRest({ baseUrl: server.url, token: watcherToken });
  const space = (await owner.listCurrentUserSpaces())[0];
  if (!space) throw new Error('registration put the first user in no space');
  channelId = (await owner.createChannel(space.id, { name: 'sessions' })).id;
  const invite = await owner.createInvite(space.id);
  poster = new AccordRest({ baseUrl: server.url, token: posterAuth.token });
  await poster.acceptInvite(invite.code);
  dir = await mkdtemp(join(tmpdir(), 'accordkit-session-it-'));
});

afterEach(async () => {
  for (const client of clients.splice(0)) await client.logout().catch(() => undefined);
});

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

/** A client whose raw sockets the test can reach (to kill one the way a crash does). */
function watcherClient(sessionStore: SessionStore) {
  const sockets: WebSocket[] = [];
  class RecordingWebSocket extends WebSocket {
    constructor(url: string) {
      super(url);
      sockets.push(this);
    }
  }
  const client = new AccordClient({ baseUrl: server.url, token: watcherToken, WebSocket: RecordingWebSocket, clock: fastClock(), sessionStore });
  clients.push(client);
  const messages: Message[] = [];
  client.on('message.create', (message) => {
    if (message.channel_id === channelId) messages.push(message);
  });
  const errors: GatewayError[] = [];
  client.on('error', (error) => errors.push(error));
  const events: Array<keyof AccordClientEvents> = [];
  client.on('reconnecting', () => events.push('reconnecting'));
  client.on('ready', () => events.push('ready'));
  client.on('resumed', () => events.push('resumed'));
  return { client, sockets, messages, errors, events };
}

/** A store that stops reaching the file at `freeze()`: after a crash nothing more is written. */
function crashableStore(inner: SessionStore): SessionStore & { freeze(): void } {
  let frozen = false;
  return {
    freeze: () => {
      frozen = true;
    },
    load: () => inner.load(),
    save: (session: Session) => (frozen ? undefined : inner.save(session)),
    clear: () => (frozen ? undefined : inner.clear()),
  };
}

async function post(content: string): Promise<Message> {
  return poster.createMessage(channelId, { content });
}

describe('sessionStore over real sockets', () => {
  it('a bot killed without a Close frame is RESUMEd by a new client on the same file: what it missed arrives exactly once', async () => {
    const path = join(dir, 'crash.session');
    const store = crashableStore(fileSessionStore(path));
    const first = watcherClient(store);
    await first.client.login();
    const sessionId = first.client.gateway.sessionId ?? '';
    const seen = await post('before the crash');
    await until(() => first.messages.some((m) => m.id === seen.id), 'the first client to receive its message');
    await first.client.gateway.flushSession();

    // The crash: the store stops, the socket dies without a Close frame, nothing else runs.
    store.freeze();
    first.sockets.at(-1)?.terminate();
    first.client.gateway.disconnect();
    await until(() => server.sessionState(sessionId) === 'parked', 'the server to park the session');

    const missed = [await post('missed one'), await post('missed two')];
    const second = watcherClient(fileSessionStore(path));
    const resumedWith = await second.client.login();
    expect(resumedWith).toBeNull();
    expect(second.client.gateway.sessionId).toBe(sessionId);
    // No READY on a resume: who I am comes over REST.
    expect(second.client.user?.username).toBe('session_watcher');
    await until(() => second.messages.length >= 2, 'the replay');
    const after = await post('live after the resume');
    await until(() => second.messages.some((m) => m.id === after.id), 'the live message');

    expect(second.messages.map((m) => m.content)).toEqual(['missed one', 'missed two', 'live after the resume']);
    expect(second.messages.map((m) => m.id)).toEqual([...missed.map((m) => m.id), after.id]);
    expect(second.events).toEqual(['resumed']);
    await second.client.gateway.flushSession();
    const stored = JSON.parse(await readFile(path, 'utf8')) as Session;
    expect(stored.sessionId).toBe(sessionId);
    expect(stored.seq).toBe(second.client.gateway.seq);
    expect(await readFile(path, 'utf8')).not.toContain(watcherToken);
  });

  it('a stale session (unknown to the server) falls back to IDENTIFY and READY at once, and the file gets the new session', async () => {
    const path = join(dir, 'stale.session');
    await writeFile(path, JSON.stringify({ sessionId: '999999999999', seq: 12, resumeUrl: `${server.gatewayUrl}` }));
    const bot = watcherClient(fileSessionStore(path));
    const ready = await bot.client.login();
    expect(ready?.session_id).toBeTruthy();
    expect(bot.events).toEqual(['ready']);
    await bot.client.gateway.flushSession();
    const stored = JSON.parse(await readFile(path, 'utf8')) as Session;
    expect(stored.sessionId).toBe(ready?.session_id);
    expect(stored.sessionId).not.toBe('999999999999');
  });

  it('a corrupt session file is reported as a typed error and treated as no session: READY, no crash', async () => {
    const path = join(dir, 'corrupt.session');
    await writeFile(path, '{"sessionId": tru');
    const bot = watcherClient(fileSessionStore(path));
    const ready = await bot.client.login();
    expect(ready?.session_id).toBeTruthy();
    const storeErrors = bot.errors.filter((error): error is SessionStoreError => error instanceof SessionStoreError);
    expect(storeErrors.map((error) => error.problem)).toEqual(['corrupt']);
    await bot.client.gateway.flushSession();
    expect((JSON.parse(await readFile(path, 'utf8')) as Session).sessionId).toBe(ready?.session_id);
  });

  it('logout() ends the session and clears the file', async () => {
    const path = join(dir, 'logout.session');
    const bot = watcherClient(fileSessionStore(path));
    await bot.client.login();
    await bot.client.gateway.flushSession();
    expect(await fileSessionStore(path).load()).not.toBeNull();
    await bot.client.logout();
    expect(await fileSessionStore(path).load()).toBeNull();
  });
});
