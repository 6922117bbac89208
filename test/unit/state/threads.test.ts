import { describe, expect, it } from 'vitest';
import { deferred, flush } from './fake-client.js';
import { message, readyData } from './fixtures.js';
import { setup } from './harness.js';

/** A channel with a parent the store holds; replies to it are tracked. */
async function withParent() {
  const h = await setup();
  const parent = message('c1', 'u2');
  h.client.emit('message.create', parent);
  h.clearSignals();
  return { h, parent };
}

describe('live thread replies', () => {
  it('go into their thread, never into the channel list', async () => {
    const { h, parent } = await withParent();
    const reply = message('c1', 'u2', { thread_id: parent.id });
    h.client.emit('message.create', reply);
    expect(h.store.messages('c1')).toEqual([parent]);
    expect(h.store.threadMessages(parent.id)).toEqual([reply]);
    expect(h.store.message(reply.id)).toBe(reply);
    expect(h.signals).toEqual([['threadUpdated', parent.id]]);
  });

  it('do not mark the channel unread; one that mentions me counts in mentionCount', async () => {
    const { h, parent } = await withParent();
    h.store.currentChannelId = 'c1';
    h.store.currentChannelId = 'c2';
    expect(h.store.isUnread('c1')).toBe(false);
    h.client.emit('message.create', message('c1', 'u2', { thread_id: parent.id }));
    expect(h.store.isUnread('c1')).toBe(false);
    expect(h.store.mentionCount('c1')).toBe(0);
    h.clearSignals();
    h.client.emit('message.create', message('c1', 'u2', { thread_id: parent.id, mentions: ['u1'] }));
    expect(h.store.mentionCount('c1')).toBe(1);
    expect(h.store.isUnread('c1')).toBe(false);
    expect(h.signals).toContainEqual(['channelsUpdated', 's1']);
  });

  it('do not move a DM preview', async () => {
    const h = await setup();
    const top = message('d1', 'u4', { space_id: null });
    h.client.emit('message.create', top);
    h.client.emit('message.create', message('d1', 'u4', { space_id: null, thread_id: top.id }));
    const dm = h.store.channel('d1');
    expect(dm?.last_message_id).toBe(top.id);
    expect(dm?.last_message).toBe(top);
    expect(h.store.messages('d1')).toEqual([top]);
  });

  it("the parent's message.update carries reply_count, and the thread hears it", async () => {
    const { h, parent } = await withParent();
    await h.store.loadThread(parent.id);
    h.clearSignals();
    h.client.emit('message.update', { ...parent, reply_count: 3, reactions: null });
    expect(h.store.message(parent.id)?.reply_count).toBe(3);
    expect(h.signals).toEqual([
      ['messagesUpdated', 'c1'],
      ['threadUpdated', parent.id],
    ]);
    // A repeat of that update changes nothing: neither the channel nor the thread hears it.
    h.clearSignals();
    h.client.emit('message.update', { ...parent, reply_count: 3, reactions: null });
    expect(h.signals).toEqual([]);
  });

  it('my edit and my reaction on a reply are signalled to its thread, also when they roll back', async () => {
    const { h, parent } = await withParent();
    const mine = message('c1', 'u1', { thread_id: parent.id });
    h.client.emit('message.create', mine);
    h.clearSignals();
    // The fake REST refuses the edit (503): it shows at once, then rolls back. The reaction goes through.
    await expect(h.store.editMessage(mine.id, 'edited')).rejects.toThrow();
    await h.store.addReaction(mine.id, '👍');
    expect(h.store.threadMessages(parent.id)[0]?.reactions?.[0]?.me).toBe(true);
    expect(h.signals.length).toBeGreaterThan(0);
    expect(h.signals.every(([name, id]) => name === 'threadUpdated' && id === parent.id)).toBe(true);
  });

  it('updates, deletes and reactions on a reply find it in its thread', async () => {
    const { h, parent } = await withParent();
    const reply = message('c1', 'u2', { thread_id: parent.id });
    h.client.emit('message.create', reply);
    h.clearSignals();
    h.client.emit('message.update', { ...reply, content: 'edited', reactions: null });
    expect(h.store.threadMessages(parent.id)[0]?.content).toBe('edited');
    h.client.emit('reaction.add', { channel_id: 'c1', message_id: reply.id, user_id: 'u1', emoji: '👍' });
    expect(h.store.threadMessages(parent.id)[0]?.reactions).toEqual([{ emoji: { id: null, name: '👍' }, count: 1, me: true }]);
    h.client.emit('message.delete', { id: reply.id, channel_id: 'c1', space_id: 's1' });
    expect(h.store.threadMessages(parent.id)).toEqual([]);
    expect(h.store.messages('c1')).toEqual([parent]);
    expect(h.signals).toEqual([
      ['threadUpdated', parent.id],
      ['threadUpdated', parent.id],
      ['threadUpdated', parent.id],
    ]);
  });

  it('typing.start with a thread_id is typing in that thread', async () => {
    const { h, parent } = await withParent();
    h.client.emit('typing.start', { channel_id: 'c1', user_id: 'u2', thread_id: parent.id });
    expect(h.signals).toEqual([
      ['typingStarted', 'c1', 'User u2'],
      ['threadTypingUpdated', parent.id],
    ]);
    expect(h.store.typingIn(parent.id)).toEqual(['User u2']);
    h.clock.advance(10_000);
    expect(h.store.typingIn(parent.id)).toEqual([]);
    expect(h.signals).toContainEqual(['threadTypingUpdated', parent.id]);
    expect(h.signals.filter(([name]) => name === 'threadTypingUpdated')).toHaveLength(2);
  });
});

describe('loadThread', () => {
  it('loads the replies oldest first over GET ?thread_id=, keeps a live one that arrived meanwhile', async () => {
    const { h, parent } = await withParent();
    const old1 = message('c1', 'u2', { thread_id: parent.id });
    const old2 = message('c1', 'u3', { thread_id: parent.id });
    const page = deferred<typeof old1[]>();
    h.client.rest.listMessages.mockReturnValueOnce(page.promise);
    const loading = h.store.loadThread(parent.id);
    const live = message('c1', 'u2', { thread_id: parent.id });
    h.client.emit('message.create', live);
    page.resolve([old1, old2]);
    expect(await loading).toEqual([old1, old2, live]);
    expect(h.client.rest.listMessages).toHaveBeenCalledWith('c1', { thread_id: parent.id, limit: 100 });
    expect(h.store.threadMessages(parent.id)).toEqual([old1, old2, live]);
  });

  it('rejects an unknown parent with a typed error before any request', async () => {
    const h = await setup();
    await expect(h.store.loadThread('nope')).rejects.toMatchObject({ name: 'StoreActionError', code: 'unknown_message' });
    expect(h.client.rest.listMessages).not.toHaveBeenCalled();
  });

  it('a READY rebuild keeps a loaded thread on show and reloads it: replies deleted meanwhile go, new ones come', async () => {
    const { h, parent } = await withParent();
    const kept = message('c1', 'u2', { thread_id: parent.id });
    const gone = message('c1', 'u3', { thread_id: parent.id });
    h.client.rest.listMessages.mockResolvedValueOnce([kept, gone]);
    await h.store.loadThread(parent.id);
    const added = message('c1', 'u3', { thread_id: parent.id });
    const reload = deferred<typeof kept[]>();
    h.client.rest.listMessages.mockImplementation((_channelId, options) => (options?.thread_id ? reload.promise : Promise.resolve([parent])));
    h.client.emit('ready', readyData());
    await flush();
    expect(h.store.threadMessages(parent.id)).toEqual([kept, gone]);
    h.clearSignals();
    reload.resolve([kept, added]);
    await flush();
    expect(h.store.threadMessages(parent.id).map((m) => m.id)).toEqual([kept.id, added.id]);
    expect(h.signals).toContainEqual(['threadUpdated', parent.id]);
  });

  it('a loaded thread keeps every reply past the cap until closeThread', async () => {
    const h = await setup({ store: { messageCap: 3 } });
    const parent = message('c1', 'u2');
    h.client.emit('message.create', parent);
    await h.store.loadThread(parent.id);
    for (let i = 0; i < 5; i++) h.client.emit('message.create', message('c1', 'u2', { thread_id: parent.id }));
    expect(h.store.threadMessages(parent.id)).toHaveLength(5);
    h.store.closeThread(parent.id);
    expect(h.store.threadMessages(parent.id)).toHaveLength(3);
    await flush();
  });
});
