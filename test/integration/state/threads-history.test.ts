import { afterEach, describe, expect, it } from 'vitest';
import { AccordServer } from '../../../src/server/index.js';
import { AccordRest } from '../../../src/rest/index.js';
import type { Message } from '../../../src/models/index.js';
import { AccordStore, type StoreSignals } from '../../../src/state/index.js';
import { waitFor } from './converge.js';

const servers: AccordServer[] = [];
const stores: AccordStore[] = [];

afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** The demo server (REST limiter off: the scroll-back test posts many messages) and its cast. */
async function start() {
  const server = await AccordServer.start({ port: 0, seed: 'demo', restRateLimit: { disabled: true } });
  servers.push(server);
  const seeded = server.seeded;
  const [alice, bob] = seeded?.users ?? [];
  const lounge = seeded?.spaces[0];
  if (!alice || !bob || !lounge) throw new Error('demo seed incomplete');
  const rest = (token: string) => new AccordRest({ baseUrl: server.url, token });
  return { server, alice, bob, lounge, aliceRest: rest(alice.token), bobRest: rest(bob.token) };
}

async function storeFor(server: AccordServer, token: string): Promise<AccordStore> {
  const store = new AccordStore();
  stores.push(store);
  await store.addServer({ baseUrl: server.url, token }).ready;
  return store;
}

function record<E extends keyof StoreSignals>(store: AccordStore, event: E): StoreSignals[E][] {
  const seen: StoreSignals[E][] = [];
  store.on(event, ((...args: StoreSignals[E]) => seen.push(args)) as never);
  return seen;
}

const ids = (messages: readonly Message[]) => messages.map((m) => m.id);

describe('threads against the embedded AccordServer', () => {
  it('a live reply lives in its thread, not the channel (also after a page reload); edits, reactions and deletes find it', async () => {
    const t = await start();
    const store = await storeFor(t.server, t.alice.token);
    const channel = await t.aliceRest.createChannel(t.lounge.id, { name: 'threads' });
    await waitFor(() => store.channel(channel.id) !== undefined, 'the new channel');
    await store.fetchMessages(channel.id);
    const threadSignals = record(store, 'threadUpdated');

    const parent = await t.bobRest.createMessage(channel.id, 'parent');
    await waitFor(() => store.message(parent.id) !== undefined, 'the parent');
    const reply = await t.bobRest.createMessage(channel.id, { content: 'first reply', thread_id: parent.id });
    await waitFor(() => store.message(parent.id)?.reply_count === 1, "the parent's reply_count");
    await waitFor(() => store.message(reply.id) !== undefined, 'the reply');
    expect(ids(store.messages(channel.id))).toEqual([parent.id]);
    expect(ids(store.threadMessages(parent.id))).toEqual([reply.id]);
    await store.fetchMessages(channel.id);
    expect(ids(store.messages(channel.id))).toEqual([parent.id]);

    expect(ids(await store.loadThread(parent.id))).toEqual([reply.id]);
    const second = await t.bobRest.createMessage(channel.id, { content: 'second reply', thread_id: parent.id });
    await waitFor(() => store.threadMessages(parent.id).length === 2, 'the live reply after loadThread');
    await waitFor(() => store.message(parent.id)?.reply_count === 2, 'reply_count 2');
    expect(ids(store.threadMessages(parent.id))).toEqual([reply.id, second.id]);

    await t.bobRest.editMessage(channel.id, reply.id, 'edited reply');
    await waitFor(() => store.threadMessages(parent.id)[0]?.content === 'edited reply', 'the edit');
    await t.bobRest.addReaction(channel.id, reply.id, '👍');
    await waitFor(() => store.threadMessages(parent.id)[0]?.reactions?.[0]?.count === 1, 'the reaction');
    await t.bobRest.deleteMessage(channel.id, second.id);
    await waitFor(() => store.threadMessages(parent.id).length === 1, 'the delete');
    expect(ids(store.messages(channel.id))).toEqual([parent.id]);
    expect(threadSignals).toContainEqual([parent.id]);
  });

  it('a reply marks nothing unread; one that mentions me counts in mentionCount', async () => {
    const t = await start();
    const store = await storeFor(t.server, t.alice.token);
    const channel = await t.aliceRest.createChannel(t.lounge.id, { name: 'quiet' });
    await waitFor(() => store.channel(channel.id) !== undefined, 'the new channel');
    const parent = await t.bobRest.createMessage(channel.id, 'parent');
    await waitFor(() => store.message(parent.id) !== undefined, 'the parent');
    store.currentChannelId = channel.id;
    store.currentChannelId = null;
    expect(store.isUnread(channel.id)).toBe(false);

    const plain = await t.bobRest.createMessage(channel.id, { content: 'plain reply', thread_id: parent.id });
    await waitFor(() => store.message(plain.id) !== undefined, 'the plain reply');
    expect(store.isUnread(channel.id)).toBe(false);
    expect(store.mentionCount(channel.id)).toBe(0);
    const ping = await t.bobRest.createMessage(channel.id, { content: 'ping @alice', thread_id: parent.id });
    await waitFor(() => store.message(ping.id) !== undefined, 'the mentioning reply');
    expect(store.mentionCount(channel.id)).toBe(1);
    expect(store.isUnread(channel.id)).toBe(false);
  });

  it("a DM reply does not move the DM's last message", async () => {
    const t = await start();
    const store = await storeFor(t.server, t.alice.token);
    const dm = await t.bobRest.createDmChannel(t.alice.id);
    const top = await t.bobRest.createMessage(dm.id, 'hi alice');
    await waitFor(() => store.channel(dm.id)?.last_message_id === top.id, 'the DM preview');
    const reply = await t.bobRest.createMessage(dm.id, { content: 'in a thread', thread_id: top.id });
    await waitFor(() => store.message(top.id)?.reply_count === 1, "the parent's reply_count");
    await waitFor(() => store.message(reply.id) !== undefined, 'the reply');
    expect(store.channel(dm.id)?.last_message_id).toBe(top.id);
    expect(store.channel(dm.id)?.last_message?.id).toBe(top.id);
    expect(ids(store.messages(dm.id))).toEqual([top.id]);
    expect(store.hasOlder(dm.id)).toBe(false);
  });

  it('typing in a thread: typingStarted names the channel, typingIn(thread) names the typist', async () => {
    const t = await start();
    const store = await storeFor(t.server, t.alice.token);
    const general = t.lounge.channels.find((c) => c.name === 'general')?.id ?? '';
    const parent = await t.bobRest.createMessage(general, 'parent');
    await waitFor(() => store.message(parent.id) !== undefined, 'the parent');
    const started = record(store, 'typingStarted');
    await t.bobRest.triggerTyping(general, parent.id);
    await waitFor(() => store.typingIn(parent.id).length === 1, 'typing in the thread');
    expect(started.map(([channelId]) => channelId)).toEqual([general]);
    expect(store.typingIn(parent.id)).toEqual([store.user(t.bob.id)?.display_name ?? store.user(t.bob.id)?.username]);
  });
});

describe('history, typing and presence against the embedded AccordServer', () => {
  it('loadOlder reaches the first message with no duplicates or gaps; hasOlder is then false', async () => {
    const t = await start();
    const store = await storeFor(t.server, t.alice.token);
    const channel = await t.aliceRest.createChannel(t.lounge.id, { name: 'history' });
    const posted: string[] = [];
    for (let i = 0; i < 130; i++) {
      const top = await t.aliceRest.createMessage(channel.id, `message ${i}`);
      posted.push(top.id);
      if (i % 7 === 0) await t.bobRest.createMessage(channel.id, { content: `reply ${i}`, thread_id: top.id });
    }
    await waitFor(() => store.channel(channel.id) !== undefined, 'the channel');
    await store.fetchMessages(channel.id);
    store.currentChannelId = channel.id;
    expect(store.messages(channel.id)).toHaveLength(50);
    expect(store.hasOlder(channel.id)).toBe(true);
    let loads = 0;
    while (store.hasOlder(channel.id) && loads++ < 20) await store.loadOlder(channel.id, 30);
    expect(store.hasOlder(channel.id)).toBe(false);
    expect(ids(store.messages(channel.id))).toEqual(posted);

    // A live message beyond the cap evicts nothing the user scrolled to; leaving the channel shrinks it.
    const live = await t.bobRest.createMessage(channel.id, 'live');
    await waitFor(() => store.messages(channel.id).length === 131, 'the live message');
    expect(store.messages(channel.id)[0]?.id).toBe(posted[0]);
    expect(store.messages(channel.id).at(-1)?.id).toBe(live.id);
    store.currentChannelId = null;
    expect(ids(store.messages(channel.id))).toEqual([...posted.slice(-49), live.id]);
    expect(store.hasOlder(channel.id)).toBe(true);
  });

  it('sendTyping reaches the others; setPresence sends op 8 and currentUser.status follows', async () => {
    const t = await start();
    const alice = await storeFor(t.server, t.alice.token);
    const bob = await storeFor(t.server, t.bob.token);
    const general = t.lounge.channels.find((c) => c.name === 'general')?.id ?? '';
    const typing = record(bob, 'typingStarted');
    await alice.sendTyping(general);
    await alice.sendTyping(general);
    await waitFor(() => typing.length >= 1, "bob sees alice typing");

    await alice.setPresence('dnd', { name: 'chess' });
    expect(alice.currentUser?.status).toBe('dnd');
    await waitFor(() => bob.user(t.alice.id)?.status === 'dnd', "bob sees alice's dnd");
    await waitFor(() => alice.member(t.lounge.id, t.alice.id)?.status === 'dnd', 'my own member entry');
  });
});
