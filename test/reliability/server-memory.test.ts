import { afterEach, describe, expect, it } from 'vitest';
import { ChildServer, MB, mb } from './memory/child-server.js';
import { LightPeer } from './memory/light-peer.js';

/**
 * Issue 16 §1: a member must not be able to run the embedded server out of memory. Each attack
 * runs against a server alone in a child process; its memory (V8 heap + external buffers, after a
 * full gc) is measured before and after. Set MEMORY_REPORT=1 to print the figures.
 */

let server: ChildServer | undefined;
const peers: LightPeer[] = [];
afterEach(async () => {
  for (const peer of peers.splice(0)) peer.terminate();
  await server?.close();
  server = undefined;
});

function report(attack: string, before: number, after: number): void {
  if (process.env.MEMORY_REPORT) console.log(`[memory] ${attack}: ${mb(before)} -> ${mb(after)}`);
}

async function rest(base: string, method: string, path: string, token: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
}

function textChannelOf(s: ChildServer): string {
  const channel = s.seeded.spaces[0]?.channels.find((c) => c.type === 'text');
  if (!channel) throw new Error('demo seed has no text channel');
  return channel.id;
}

function tokenOf(s: ChildServer, index: number): string {
  const users = s.seeded.users;
  const user = users[index % users.length];
  if (!user) throw new Error('demo seed has no users');
  return user.token;
}

async function connect(s: ChildServer, count: number, intents: string[], firstUser = 1): Promise<LightPeer[]> {
  const out: LightPeer[] = [];
  for (let i = 0; i < count; i += 1) {
    // user 0 is the attacker; the others watch (several sessions per user is fine)
    const index = firstUser + (i % (s.seeded.users.length - firstUser));
    const peer = await LightPeer.identify(s.gatewayUrl, tokenOf(s, index), intents);
    peers.push(peer);
    out.push(peer);
  }
  return out;
}

describe('hostile members cannot run the server out of memory', () => {
  it('op 8 presences with 2 MB activities, watched by 20 sessions: refused, memory stays flat', async () => {
    server = await ChildServer.start({ seed: 'demo' });
    const watchers = await connect(server, 20, ['presences']);
    const attacker = await LightPeer.identify(server.gatewayUrl, tokenOf(server, 0), ['messages']);
    peers.push(attacker);
    await Promise.all(watchers.map((w) => w.waitFor((f) => f.type === 'presence.update' && (f.data as { status?: string } | undefined)?.status === 'online')));
    const before = await server.memory();

    const huge = { name: 'x'.repeat(2 * MB) };
    for (let i = 0; i < 10; i += 1) attacker.send({ op: 8, data: { status: 'online', activity: huge } });
    attacker.send({ op: 8, data: { status: 'idle', activity: { name: 'Chess' } } });
    // honest watchers keep receiving: the small presence after the attack reaches every one of them
    await Promise.all(watchers.map((w) => w.waitFor((f) => f.type === 'presence.update' && (f.data as { status?: string } | undefined)?.status === 'idle', 60_000)));
    const after = await server.memory();
    report('op 8 presences, 10 x 2 MB activity, 20 watchers', before, after);

    expect(after - before).toBeLessThan(16 * MB);
    // the oversized presences were refused, not relayed
    for (const watcher of watchers) expect(watcher.bytesRead).toBeLessThan(MB);
  });

  it('messages with nine 100k-character embeds, to ten readers: refused with 400, memory stays flat', async () => {
    server = await ChildServer.start({ seed: 'demo' });
    const readers = await connect(server, 10, ['messages']);
    const channelId = textChannelOf(server);
    const author = tokenOf(server, 0);
    const before = await server.memory();

    const embeds = Array.from({ length: 9 }, (_, i) => ({ title: `embed ${i}`, description: 'y'.repeat(100_000) }));
    const answers: { status: number; body: unknown }[] = [];
    for (let i = 0; i < 30; i += 1) answers.push(await rest(server.url, 'POST', `/channels/${channelId}/messages`, author, { content: `big ${i}`, embeds }));
    const honest = await rest(server.url, 'POST', `/channels/${channelId}/messages`, author, { content: 'after the attack' });
    expect(honest.status).toBe(200);
    await Promise.all(readers.map((r) => r.waitFor((f) => f.type === 'message.create' && (f.data as { content?: string } | undefined)?.content === 'after the attack', 60_000)));
    const after = await server.memory();
    report('30 messages x 9 embeds x 100k chars, 10 readers', before, after);

    expect(after - before).toBeLessThan(16 * MB);
    for (const answer of answers) {
      expect(answer).toEqual({ status: 400, body: { error: { code: 'invalid_request', message: 'embeds must total at most 16384 bytes of JSON' } } });
    }
    for (const reader of readers) expect(reader.count('message.create')).toBe(1);
  });

  it('ten paused readers and 800 of the largest messages allowed: slow readers are dropped, memory stays bounded', async () => {
    server = await ChildServer.start({ seed: 'demo', restRateLimit: { disabled: true } });
    const paused = await connect(server, 10, ['messages']);
    const [honest] = await connect(server, 1, ['messages']);
    if (!honest) throw new Error('no honest reader');
    const channelId = textChannelOf(server);
    const author = tokenOf(server, 0);
    for (const peer of paused) peer.pause();
    const before = await server.memory();

    // the largest message the server accepts: 4,000 bytes of content and 16 KiB of embeds
    const content = 'z'.repeat(4000);
    const embeds = Array.from({ length: 4 }, (_, i) => ({ title: `part ${i}`, description: 'w'.repeat(4000) }));
    const messages = 800;
    for (let i = 0; i < messages; i += 1) {
      const posted = await rest(server.url, 'POST', `/channels/${channelId}/messages`, author, { content, embeds });
      expect(posted.status).toBe(200);
      // deleted at once, so the store stays flat and only the gateway's share is measured
      const id = (posted.body as { data: { id: string } }).data.id;
      expect((await rest(server.url, 'DELETE', `/channels/${channelId}/messages/${id}`, author)).status).toBe(200);
    }
    await honest.waitFor((f) => f.type === 'message.delete' && honest.count('message.delete') === messages, 60_000);
    const after = await server.memory();
    report(`10 paused readers, ${messages} x ~21 KB messages`, before, after);

    // unshared, ten parked replay buffers of these frames alone would hold ~27 MB
    expect(after - before).toBeLessThan(20 * MB);
    expect(honest.count('message.create')).toBe(messages);
    // every slow reader was dropped without a Close frame and its session parked (resumable)
    for (const peer of paused) expect(await server.sessionState(peer.sessionId)).toBe('parked');
  });
});
