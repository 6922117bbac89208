import { afterEach, describe, expect, it } from 'vitest';
import type { AccordServer } from '../../../src/server/index.js';
import type { AccordStore, StoreSignals } from '../../../src/state/index.js';
import { waitConverged, waitFor, type Scope } from './converge.js';
import { World, demo, restAs } from './world.js';

const world = new World();
afterEach(() => world.close());
const startServer = (): Promise<AccordServer> => world.server();

function seededOf(server: AccordServer) {
  const seed = demo(server);
  return { ...seed, alice: seed.user('alice'), bob: seed.user('bob'), carol: seed.user('carol') };
}

const newStore = (): AccordStore => world.store();

const rest = restAs;

describe('AccordStore against the embedded AccordServer', () => {
  it('converges while another user acts over REST', async () => {
    const server = await startServer();
    const s = seededOf(server);
    const store = newStore();
    const conn = store.addServer({ baseUrl: server.url, token: s.alice.token });
    await conn.ready;
    expect(conn.status).toBe('connected');
    expect(store.currentUser?.id).toBe(s.alice.id);
    expect(store.spaces().map((space) => space.id).sort()).toEqual(server.seeded?.spaces.map((space) => space.id).sort());
    await store.fetchMessages(s.general);
    await store.fetchMessages(s.random);

    const typing: string[] = [];
    store.on('typingStarted', (channelId, name) => typing.push(`${channelId}:${name}`));

    const bob = rest(server, s.bob.token);
    const alice = rest(server, s.alice.token);
    const hello = await bob.createMessage(s.general, 'hello @alice');
    const gone = await bob.createMessage(s.random, 'oops');
    await bob.editMessage(s.general, hello.id, 'hello again @alice');
    await bob.addReaction(s.general, hello.id, '👍');
    await bob.addReaction(s.general, hello.id, '👍');
    await alice.addReaction(s.general, hello.id, '👍');
    await bob.deleteMessage(s.random, gone.id);
    await bob.updateCurrentMember(s.lounge.id, { nickname: 'Bobby' });
    await alice.createChannel(s.lounge.id, { name: 'fresh' });
    await bob.triggerTyping(s.general);
    await bob.joinVoice(s.lobby);

    const scope: Scope = { spaceId: s.lounge.id, channelIds: [s.general, s.random], voiceChannelIds: [s.lobby] };
    const views = await waitConverged(store, server, alice, scope);
    expect(views.store).toEqual(views.server);
    expect(store.message(hello.id)?.reactions).toEqual([{ emoji: { id: null, name: '👍' }, count: 2, me: true }]);
    expect(store.member(s.lounge.id, s.bob.id)?.nickname).toBe('Bobby');
    expect(store.voiceStates(s.lobby).map((v) => v.user_id)).toEqual([s.bob.id]);
    expect(store.isUnread(s.general)).toBe(true);
    expect(store.mentionCount(s.general)).toBe(1);
    expect(typing).toContain(`${s.general}:Bob`);
  });

  it('holds two servers in one store and routes each event to its own', async () => {
    const [serverA, serverB] = await Promise.all([startServer(), startServer()]);
    const a = seededOf(serverA);
    const b = seededOf(serverB);
    const store = newStore();
    const connA = store.addServer({ baseUrl: serverA.url, token: a.alice.token });
    const connB = store.addServer({ baseUrl: serverB.url, token: b.bob.token });
    await Promise.all([connA.ready, connB.ready]);
    expect(connA.index).not.toBe(connB.index);
    expect(connA.spaceIds.sort()).toEqual(serverA.seeded?.spaces.map((space) => space.id).sort());
    expect(connB.spaceIds.sort()).toEqual(serverB.seeded?.spaces.map((space) => space.id).sort());
    expect(store.spaces()).toHaveLength(connA.spaceIds.length + connB.spaceIds.length);
    expect(store.currentUser?.id).toBe(a.alice.id);
    expect(connB.user?.id).toBe(b.bob.id);

    const onB = await rest(serverB, b.carol.token).createMessage(b.general, 'only on B');
    const onA = await rest(serverA, a.carol.token).createMessage(a.general, 'only on A');
    await waitFor(() => store.message(onB.id) !== undefined && store.message(onA.id) !== undefined, 'both messages');
    expect(store.messages(b.general).map((m) => m.id)).toEqual([onB.id]);
    expect(store.messages(a.general).map((m) => m.id)).toEqual([onA.id]);
    expect(connA.cache.findMessage(onB.id) !== undefined).toBe(false);

    await store.removeServer(connB);
    expect(store.connections).toEqual([connA]);
    expect(store.space(b.lounge.id)).toBeUndefined();
    expect(store.space(a.lounge.id)?.id).toBe(a.lounge.id);
    const late = await rest(serverB, b.carol.token).createMessage(b.general, 'after removal');
    const stillA = await rest(serverA, a.carol.token).createMessage(a.general, 'still A');
    await waitFor(() => store.message(stillA.id) !== undefined, 'the message on A');
    expect(store.message(late.id)).toBeUndefined();
  });

  it('after a drop and a resume with events missed in between, equals the server', async () => {
    const server = await startServer();
    const s = seededOf(server);
    const store = newStore();
    const conn = store.addServer({ baseUrl: server.url, token: s.alice.token });
    await conn.ready;
    await store.fetchMessages(s.general);
    await store.fetchMessages(s.random);
    const recoveries: unknown[] = [];
    conn.client.on('recovered', (info) => recoveries.push(info));
    const signals: (keyof StoreSignals)[] = [];
    store.on('serverReconnecting', () => signals.push('serverReconnecting'));
    store.on('serverReconnected', () => signals.push('serverReconnected'));

    server.faults.drop(s.alice.id);
    await waitFor(() => conn.status === 'reconnecting', 'the store to see the drop');
    const bob = rest(server, s.bob.token);
    const first = await bob.createMessage(s.general, 'missed 1');
    const second = await bob.createMessage(s.general, 'missed 2 @alice');
    await bob.editMessage(s.general, first.id, 'missed 1, edited');
    await bob.addReaction(s.general, second.id, '🔥');
    await bob.deleteMessage(s.general, first.id);
    await bob.updateCurrentMember(s.lounge.id, { nickname: 'Away Bob' });

    await waitFor(() => conn.status === 'connected', 'the store to reconnect');
    expect(recoveries).toEqual([{ kind: 'resumed', replayed: expect.any(Number) }]);
    expect((recoveries[0] as { replayed: number }).replayed).toBeGreaterThanOrEqual(6);
    expect(signals).toContain('serverReconnected');

    const scope: Scope = { spaceId: s.lounge.id, channelIds: [s.general, s.random] };
    const views = await waitConverged(store, server, rest(server, s.alice.token), scope);
    expect(views.store).toEqual(views.server);
    expect(store.message(first.id)).toBeUndefined();
    expect(store.message(second.id)?.reactions?.[0]).toMatchObject({ count: 1, me: false });
    expect(store.mentionCount(s.general)).toBe(1);
  });

  it('after a lost session (re-IDENTIFY) rebuilds from READY and equals the server', async () => {
    const server = await startServer();
    const s = seededOf(server);
    const store = newStore();
    const conn = store.addServer({ baseUrl: server.url, token: s.alice.token });
    await conn.ready;
    await store.fetchMessages(s.general);
    const recoveries: unknown[] = [];
    conn.client.on('recovered', (info) => recoveries.push(info));

    server.faults.drop(s.alice.id);
    server.faults.invalidate(s.alice.id);
    const bob = rest(server, s.bob.token);
    const missed = await bob.createMessage(s.general, 'sent while the session was gone');
    await bob.updateCurrentMember(s.lounge.id, { nickname: 'Rebuilt Bob' });

    await waitFor(() => recoveries.length > 0 && conn.status === 'connected', 'the store to re-identify');
    expect(recoveries).toEqual([{ kind: 'reidentified' }]);
    const scope: Scope = { spaceId: s.lounge.id, channelIds: [s.general] };
    const views = await waitConverged(store, server, rest(server, s.alice.token), scope);
    expect(views.store).toEqual(views.server);
    expect(store.message(missed.id)?.content).toBe('sent while the session was gone');
    expect(store.members(s.lounge.id).filter((m) => m.user_id === s.bob.id)).toHaveLength(1);
  });

  it('a refused token rejects ready and asks for re-authentication, without leaking the token', async () => {
    const server = await startServer();
    const store = newStore();
    const logged: string[] = [];
    const reauth: number[] = [];
    store.on('reauthNeeded', (index) => reauth.push(index));
    const badToken = 'f'.repeat(64);
    const conn = store.addServer({ baseUrl: server.url, token: badToken });
    const failure = await conn.ready.then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    logged.push(String(failure), JSON.stringify(failure));
    expect(conn.status).toBe('error');
    expect(reauth).toEqual([conn.index]);
    for (const text of logged) expect(text).not.toContain(badToken);
  });
});
