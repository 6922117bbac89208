import { afterEach, describe, expect, it } from 'vitest';
import type { AccordServer } from '../../../src/server/index.js';
import type { AccordStore, AccordStoreOptions, ServerConnection } from '../../../src/state/index.js';
import { waitFor } from './converge.js';
import { World, demo, restAs } from './world.js';

/**
 * Issue 13 (unread, mentions, read state, partial payloads), issue 14 (markRead) and issue 16 §5
 * (a READY that does not parse, late messages), over real sockets against the embedded server.
 */
const world = new World();
afterEach(() => world.close());
const startServer = (): Promise<AccordServer> => world.server();

function seededOf(server: AccordServer) {
  const seed = demo(server);
  return { ...seed, alice: seed.user('alice'), bob: seed.user('bob'), carol: seed.user('carol'), textCategory: seed.channel('Text Channels') };
}

async function connect(server: AccordServer, token: string, options: AccordStoreOptions = {}): Promise<{ store: AccordStore; conn: ServerConnection }> {
  const store = world.store(options);
  const conn = store.addServer({ baseUrl: server.url, token });
  await conn.ready;
  return { store, conn };
}

const rest = restAs;

/** The channel ids the server lists unread for the token's user (GET /users/@me/read-states). */
async function serverUnread(server: AccordServer, token: string): Promise<string[]> {
  return (await rest(server, token).listReadStates()).map((entry) => entry.channel_id);
}

/** Records `channelsUpdated` / `dmChannelsUpdated` as they come. */
function channelListSignals(store: AccordStore): string[] {
  const heard: string[] = [];
  store.on('channelsUpdated', (spaceId) => heard.push(`channels:${spaceId}`));
  store.on('dmChannelsUpdated', () => heard.push('dms'));
  return heard;
}

describe('read state against the embedded AccordServer', () => {
  it('two sessions of one account: unread and mentions reach the channel list; markRead clears both sessions and survives a reload', async () => {
    const server = await startServer();
    const s = seededOf(server);
    const a = await connect(server, s.alice.token);
    const b = await connect(server, s.alice.token);
    expect(a.store.isUnread(s.general)).toBe(false);
    const heardA = channelListSignals(a.store);
    const heardB = channelListSignals(b.store);

    await rest(server, s.bob.token).createMessage(s.general, 'hello @alice');
    await waitFor(() => a.store.mentionCount(s.general) === 1 && b.store.mentionCount(s.general) === 1, 'the mention in both sessions');
    expect(a.store.isUnread(s.general)).toBe(true);
    expect(heardA).toContain(`channels:${s.lounge.id}`);
    expect(heardB).toContain(`channels:${s.lounge.id}`);
    expect(await serverUnread(server, s.alice.token)).toContain(s.general);

    heardB.length = 0;
    await a.store.markRead(s.general);
    expect(a.store.isUnread(s.general)).toBe(false);
    await waitFor(() => !b.store.isUnread(s.general) && b.store.mentionCount(s.general) === 0, 'read_state.update in the other session');
    expect(heardB).toContain(`channels:${s.lounge.id}`);
    expect(await serverUnread(server, s.alice.token)).not.toContain(s.general);

    const reloaded = await connect(server, s.alice.token);
    expect(reloaded.store.isUnread(s.general)).toBe(false);
    expect(reloaded.store.mentionCount(s.general)).toBe(0);
  });

  it('a DM that becomes unread is heard by the DM list, and markRead clears it on the server', async () => {
    const server = await startServer();
    const s = seededOf(server);
    const dmId = server.seeded?.dms[0]?.id ?? '';
    const { store } = await connect(server, s.alice.token);
    await store.markRead(dmId);
    const heard = channelListSignals(store);
    await rest(server, s.bob.token).createMessage(dmId, 'psst');
    await waitFor(() => store.isUnread(dmId), 'the DM unread');
    expect(heard).toContain('dms');
    await store.markRead(dmId);
    expect(await serverUnread(server, s.alice.token)).not.toContain(dmId);
  });

  it('opening an unread channel marks it read on the server; leaving it acks what arrived while it was shown', async () => {
    const server = await startServer();
    const s = seededOf(server);
    const { store } = await connect(server, s.alice.token);
    const bob = rest(server, s.bob.token);
    await bob.createMessage(s.random, 'one');
    await waitFor(() => store.isUnread(s.random), 'random unread');
    store.currentChannelId = s.random;
    expect(store.isUnread(s.random)).toBe(false);
    await waitFor(async () => !(await serverUnread(server, s.alice.token)).includes(s.random), 'the server to hold random read');

    const shown = await bob.createMessage(s.random, 'two, read as it arrives');
    await waitFor(() => store.message(shown.id) !== undefined, 'the message while shown');
    expect(store.isUnread(s.random)).toBe(false);
    expect(await serverUnread(server, s.alice.token)).toContain(s.random);
    store.currentChannelId = s.general;
    await waitFor(async () => !(await serverUnread(server, s.alice.token)).includes(s.random), 'the ack on leaving random');
    const reloaded = await connect(server, s.alice.token);
    expect(reloaded.store.isUnread(s.random)).toBe(false);
  });

  it('my own send, marked read up to it (markReadUpTo), is not unread after a reload', async () => {
    const server = await startServer();
    const s = seededOf(server);
    const { store } = await connect(server, s.alice.token);
    const mine = await rest(server, s.alice.token).createMessage(s.general, 'my own');
    expect(await serverUnread(server, s.alice.token)).toContain(s.general);
    await store.markReadUpTo(s.general, mine.id);
    expect(await serverUnread(server, s.alice.token)).not.toContain(s.general);
    const reloaded = await connect(server, s.alice.token);
    expect(reloaded.store.isUnread(s.general)).toBe(false);
  });

  it("a muted category's channels (READY mutes) are never unread, though READY lists them", async () => {
    const server = await startServer();
    const s = seededOf(server);
    const muted = await fetch(`${server.url}/api/v1/channels/${s.textCategory}/mute`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${s.alice.token}` },
    });
    expect(muted.ok).toBe(true);
    const bob = rest(server, s.bob.token);
    await bob.createMessage(s.random, 'in a muted channel');
    await bob.createMessage(s.general, 'also muted, @alice');
    expect(await serverUnread(server, s.alice.token)).toEqual(expect.arrayContaining([s.random, s.general]));
    const { store } = await connect(server, s.alice.token);
    expect(store.isMuted(s.random)).toBe(true);
    expect(store.isUnread(s.random)).toBe(false);
    expect(store.isUnread(s.general)).toBe(false);
  });
});

describe('partial payloads over the wire keep the cached fields', () => {
  it('message.update without author_id and member.update without roles or joined_at', async () => {
    const server = await startServer();
    const s = seededOf(server);
    const { store } = await connect(server, s.alice.token);
    const sent = await rest(server, s.bob.token).createMessage(s.general, 'original');
    await waitFor(() => store.message(sent.id) !== undefined, 'the message');
    const carol = store.member(s.lounge.id, s.carol.id);
    const carolRoles = carol?.roles.slice() ?? [];
    const carolJoined = carol?.joined_at;
    expect(carolRoles.length).toBeGreaterThan(0);

    server.faults.injectRaw(JSON.stringify({ op: 0, type: 'message.update', data: { id: sent.id, channel_id: s.general, content: 'edited' } }), s.alice.id);
    server.faults.injectRaw(
      JSON.stringify({ op: 0, type: 'member.update', data: { user_id: s.carol.id, space_id: s.lounge.id, nickname: 'Cee' } }),
      s.alice.id,
    );
    await waitFor(() => store.message(sent.id)?.content === 'edited' && store.member(s.lounge.id, s.carol.id)?.nickname === 'Cee', 'the partial updates');
    expect(store.message(sent.id)).toMatchObject({ author_id: s.bob.id, timestamp: sent.timestamp, space_id: s.lounge.id });
    expect(store.member(s.lounge.id, s.carol.id)).toMatchObject({ roles: carolRoles, joined_at: carolJoined });
  });
});

describe('hostile frames (issue 16 §5)', () => {
  it('a mid-session READY that does not parse leaves the caches as they were, and the connection recovers', async () => {
    const server = await startServer();
    const s = seededOf(server);
    const { store, conn } = await connect(server, s.alice.token);
    await store.fetchMessages(s.general);
    const spaces = store.spaces().length;
    const members = store.members(s.lounge.id).length;
    const messages = store.messages(s.general).map((m) => m.id);
    expect(spaces).toBeGreaterThan(0);
    expect(messages.length).toBeGreaterThan(0);
    const spaceCounts: number[] = [];
    store.on('spacesUpdated', () => spaceCounts.push(store.spaces().length));
    let reconnected = 0;
    store.on('serverReconnected', () => reconnected++);

    server.faults.injectRaw(JSON.stringify({ op: 0, type: 'ready', data: { session_id: 'evil', user_id: s.alice.id, spaces: '__proto__' } }), s.alice.id);
    await waitFor(() => reconnected > 0 && conn.status === 'connected', 'the connection to recover');
    expect(Math.min(...spaceCounts)).toBe(spaces);
    expect(store.spaces()).toHaveLength(spaces);
    expect(store.members(s.lounge.id)).toHaveLength(members);
    expect(store.messages(s.general).map((m) => m.id)).toEqual(messages);
    // Still live: a new message arrives.
    const after = await rest(server, s.bob.token).createMessage(s.general, 'after the bad READY');
    await waitFor(() => store.message(after.id) !== undefined, 'a message after recovery');
  });

  it('a late message.create older than the cached window is not inserted and evicts nothing', async () => {
    const server = await startServer();
    const s = seededOf(server);
    const { store } = await connect(server, s.alice.token, { messageCap: 3 });
    const bob = rest(server, s.bob.token);
    const sent = [];
    for (let i = 0; i < 4; i++) sent.push(await bob.createMessage(s.general, `m${i}`));
    const newest = sent.slice(1).map((m) => m.id);
    await waitFor(() => store.messages(s.general).map((m) => m.id).join() === newest.join(), 'the window');
    const late = sent[0];
    server.faults.injectRaw(JSON.stringify({ op: 0, type: 'message.create', data: late }), s.alice.id);
    const marker = await bob.createMessage(s.random, 'marker');
    await waitFor(() => store.message(marker.id) !== undefined, 'a later frame');
    expect(store.messages(s.general).map((m) => m.id)).toEqual(newest);
  });
});
