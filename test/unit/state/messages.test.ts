import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../../src/models/index.js';
import { deferred, flush } from './fake-client.js';
import { message, readyData, user } from './fixtures.js';
import { setup } from './harness.js';

describe('message.create', () => {
  it('cached messages share one frozen empty list for empty mentions, role mentions, attachments and embeds', async () => {
    const h = await setup();
    const a = message('c1', 'u2', { mentions: [], mention_roles: [], attachments: [], embeds: [] });
    const b = message('c1', 'u2', { mentions: ['u1'], mention_roles: [], attachments: [], embeds: [] });
    h.client.emit('message.create', a);
    h.client.emit('message.create', b);
    const [first, second] = h.store.messages('c1');
    expect(first?.mentions).toBe(second?.mention_roles);
    expect(first?.attachments).toBe(first?.embeds);
    expect(Object.isFrozen(first?.mentions)).toBe(true);
    expect(second?.mentions).toEqual(['u1']);
    expect(Object.isFrozen(second?.mentions)).toBe(false);
    // An edit that adds a mention brings its own list; the shared one stays empty.
    h.client.emit('message.update', { ...a, mentions: ['u3'], content: 'edited' });
    expect(h.store.message(a.id)?.mentions).toEqual(['u3']);
    expect(second?.mention_roles).toEqual([]);
  });

  it('appends, indexes and signals messagesUpdated(channelId), and channelsUpdated(spaceId) when it becomes unread', async () => {
    const h = await setup();
    const m = message('c1', 'u2');
    h.client.emit('message.create', m);
    expect(h.store.messages('c1')).toEqual([m]);
    expect(h.store.message(m.id)).toBe(m);
    expect(h.signals).toEqual([
      ['channelsUpdated', 's1'],
      ['messagesUpdated', 'c1'],
    ]);
  });

  it('signals reach listeners added after removeAllListeners (and none of the removed ones)', async () => {
    const h = await setup();
    const removed: string[] = [];
    const added: string[] = [];
    h.store.on('messagesUpdated', (channelId) => removed.push(channelId));
    h.store.removeAllListeners();
    h.client.emit('message.create', message('c1', 'u2'));
    h.store.on('messagesUpdated', (channelId) => added.push(channelId));
    h.client.emit('message.create', message('c2', 'u2'));
    expect(removed).toEqual([]);
    expect(added).toEqual(['c2']);
  });

  it('stores the wire object itself (no re-mapping)', async () => {
    const h = await setup();
    const m = message('c1', 'u2');
    h.client.emit('message.create', m);
    expect(h.store.messages('c1')[0]).toBe(m);
    expect(h.store.message(m.id)?.author_id).toBe('u2');
  });

  it('caps each channel at messageCap, evicting the oldest and its index entry', async () => {
    const h = await setup({ store: { messageCap: 3 } });
    const sent = [1, 2, 3, 4, 5].map(() => message('c1', 'u2'));
    for (const m of sent) h.client.emit('message.create', m);
    expect(h.store.messages('c1').map((m) => m.id)).toEqual(sent.slice(2).map((m) => m.id));
    expect(h.store.message(sent[0]!.id)).toBeUndefined();
    expect(h.store.message(sent[1]!.id)).toBeUndefined();
    expect(h.store.message(sent[2]!.id)).toBe(sent[2]);
  });

  it('defaults the cap to 50', async () => {
    const h = await setup();
    for (let i = 0; i < 60; i++) h.client.emit('message.create', message('c1', 'u2'));
    expect(h.store.messages('c1')).toHaveLength(50);
  });

  it('ignores a duplicate id (no second copy, no signal)', async () => {
    const h = await setup();
    const m = message('c1', 'u2');
    h.client.emit('message.create', m);
    h.clearSignals();
    h.client.emit('message.create', { ...m, content: 'again' });
    expect(h.store.messages('c1')).toEqual([m]);
    expect(h.store.messages('c1')[0]?.content).toBe('hello');
    expect(h.signals).toEqual([]);
  });

  it('ignores messages for channels the connection does not know (global DM leaks)', async () => {
    const h = await setup();
    h.client.emit('message.create', message('elsewhere', 'u2', { space_id: null }));
    expect(h.store.messages('elsewhere')).toEqual([]);
    expect(h.signals).toEqual([]);
  });

  it('fetches an unknown author once, caches the message at once and fills the author in later', async () => {
    const h = await setup();
    const answer = deferred<ReturnType<typeof user>>();
    h.client.rest.getUser.mockImplementation(() => answer.promise);
    const first = message('c1', 'u9');
    const second = message('c1', 'u9');
    const third = message('c1', 'u2');
    h.client.emit('message.create', first);
    h.client.emit('message.create', second);
    h.client.emit('message.create', third);
    expect(h.store.messages('c1').map((m) => m.id)).toEqual([first.id, second.id, third.id]);
    expect(h.client.rest.getUser).toHaveBeenCalledTimes(1);
    expect(h.client.rest.getUser).toHaveBeenCalledWith('u9');
    expect(h.store.user('u9')).toBeUndefined();

    answer.resolve(user('u9', { display_name: 'Nine' }));
    await flush();
    expect(h.store.user('u9')?.display_name).toBe('Nine');
    expect(h.store.user('u9')?.status).toBe('offline');
    expect(h.store.messages('c1').map((m) => m.id)).toEqual([first.id, second.id, third.id]);
    expect(h.signals).toEqual([
      ['channelsUpdated', 's1'],
      ['messagesUpdated', 'c1'],
      ['messagesUpdated', 'c1'],
      ['messagesUpdated', 'c1'],
      ['userUpdated', 'u9'],
    ]);
  });

  it('does not refetch an author whose fetch failed', async () => {
    const h = await setup();
    h.client.emit('message.create', message('c1', 'ghost'));
    await flush();
    h.client.emit('message.create', message('c1', 'ghost'));
    await flush();
    expect(h.client.rest.getUser).toHaveBeenCalledTimes(1);
    expect(h.store.messages('c1')).toHaveLength(2);
  });

  it('asks again for an author whose fetch failed on the network (not decided by the server)', async () => {
    const h = await setup();
    h.client.rest.getUser.mockRejectedValueOnce(new Error('fetch failed (read ECONNRESET)'));
    h.client.rest.getUser.mockResolvedValueOnce(user('u9', { display_name: 'Nine' }));
    h.client.emit('message.create', message('c1', 'u9'));
    await flush();
    expect(h.store.user('u9')).toBeUndefined();
    h.client.emit('message.create', message('c1', 'u9'));
    await flush();
    expect(h.client.rest.getUser).toHaveBeenCalledTimes(2);
    expect(h.store.user('u9')?.display_name).toBe('Nine');
  });

  it('marks other channels unread and counts direct mentions and @everyone', async () => {
    const h = await setup();
    h.store.currentChannelId = 'c2';
    h.client.emit('message.create', message('c1', 'u2'));
    expect(h.store.isUnread('c1')).toBe(true);
    expect(h.store.mentionCount('c1')).toBe(0);
    h.client.emit('message.create', message('c1', 'u2', { mentions: ['u1'] }));
    h.client.emit('message.create', message('c1', 'u3', { mention_everyone: true }));
    h.client.emit('message.create', message('c1', 'u3', { mentions: ['u2'] }));
    expect(h.store.mentionCount('c1')).toBe(2);
  });

  it('keeps the current channel read', async () => {
    const h = await setup();
    h.store.currentChannelId = 'c1';
    h.client.emit('message.create', message('c1', 'u2', { mentions: ['u1'] }));
    expect(h.store.isUnread('c1')).toBe(false);
    expect(h.store.mentionCount('c1')).toBe(0);
  });

  it('never marks my own messages unread, even when they mention me', async () => {
    const h = await setup();
    h.client.emit('message.create', message('c1', 'u1', { mentions: ['u1'], mention_everyone: true }));
    expect(h.store.isUnread('c1')).toBe(false);
    expect(h.store.mentionCount('c1')).toBe(0);
    expect(h.store.messages('c1')).toHaveLength(1);
  });

  it('setting currentChannelId clears that channel only', async () => {
    const h = await setup();
    h.client.emit('message.create', message('c1', 'u2', { mentions: ['u1'] }));
    h.client.emit('message.create', message('c2', 'u2', { mentions: ['u1'] }));
    h.store.currentChannelId = 'c1';
    expect(h.store.isUnread('c1')).toBe(false);
    expect(h.store.mentionCount('c1')).toBe(0);
    expect(h.store.isUnread('c2')).toBe(true);
    expect(h.store.mentionCount('c2')).toBe(1);
  });

  it("READY's unread list seeds unread and mention counts", async () => {
    const h = await setup({
      ready: readyData({
        unread: [
          { channel_id: 'c1', space_id: 's1', last_read_message_id: null, last_message_id: '5', mention_count: 3 },
          { channel_id: 'd1', space_id: null, last_read_message_id: '1', last_message_id: '2', mention_count: 0 },
        ],
      }),
    });
    expect(h.store.isUnread('c1')).toBe(true);
    expect(h.store.mentionCount('c1')).toBe(3);
    expect(h.store.isUnread('d1')).toBe(true);
    expect(h.store.isUnread('c2')).toBe(false);
  });

  it('updates the DM preview and signals the DM list', async () => {
    const h = await setup();
    const m = message('d1', 'u4', { space_id: null });
    h.client.emit('message.create', m);
    expect(h.store.channel('d1')?.last_message_id).toBe(m.id);
    expect(h.store.channel('d1')?.last_message).toBe(m);
    expect(h.signals).toEqual([['messagesUpdated', 'd1'], ['dmChannelsUpdated']]);
  });
});

describe('message.update', () => {
  it('merges into the cached message, keeping reactions when the wire sends null', async () => {
    const h = await setup();
    const m = message('c1', 'u2', { reactions: [{ emoji: { id: null, name: '👍' }, count: 2, me: false }], reply_count: 4 });
    h.client.emit('message.create', m);
    h.clearSignals();
    h.client.emit('message.update', { ...m, content: 'edited', edited_at: '2024-01-02 00:00:00', reactions: null, reply_count: 0 });
    const cached = h.store.message(m.id);
    expect(cached).toBe(m);
    expect(cached?.content).toBe('edited');
    expect(cached?.edited_at).toBe('2024-01-02 00:00:00');
    expect(cached?.reactions).toEqual([{ emoji: { id: null, name: '👍' }, count: 2, me: false }]);
    expect(cached?.reply_count).toBe(4);
    expect(h.signals).toEqual([['messagesUpdated', 'c1']]);
  });

  it('signals messagesUpdated only when the update changed the cached message', async () => {
    const h = await setup();
    const m = message('c1', 'u2', { reactions: [{ emoji: { id: null, name: '👍' }, count: 2, me: false }], reply_count: 4 });
    h.client.emit('message.create', m);
    const edit = { ...structuredClone(m), content: 'edited', reactions: null, reply_count: 0 };
    h.client.emit('message.update', structuredClone(edit));
    h.clearSignals();
    // The same edit again: the kept reactions and reply_count do not count as changes.
    h.client.emit('message.update', structuredClone(edit));
    expect(h.signals).toEqual([]);
    expect(h.store.message(m.id)?.reply_count).toBe(4);
    h.client.emit('message.update', { ...structuredClone(edit), content: 'edited again' });
    expect(h.signals).toEqual([['messagesUpdated', 'c1']]);
  });

  it('a partial update (fields invented by the parser) that repeats what is cached signals nothing', async () => {
    const h = await setup();
    const m = message('c1', 'u2', { content: 'same', reactions: [{ emoji: { id: null, name: '👍' }, count: 1, me: false }], reply_count: 3 });
    h.client.emit('message.create', m);
    h.clearSignals();
    h.client.emit('message.update', parseMessage({ id: m.id, channel_id: 'c1', content: 'same' }).value);
    expect(h.signals).toEqual([]);
    expect(h.store.message(m.id)).toMatchObject({ content: 'same', reply_count: 3, reactions: [{ emoji: { id: null, name: '👍' }, count: 1, me: false }] });
    h.client.emit('message.update', parseMessage({ id: m.id, channel_id: 'c1', content: 'changed' }).value);
    expect(h.signals).toEqual([['messagesUpdated', 'c1']]);
    expect(h.store.message(m.id)).toMatchObject({ content: 'changed', reply_count: 3, author_id: 'u2' });
  });

  it('takes a real reply_count from a thread-parent update', async () => {
    const h = await setup();
    const m = message('c1', 'u2', { reply_count: 1 });
    h.client.emit('message.create', m);
    h.client.emit('message.update', { ...m, reply_count: 2 });
    expect(h.store.message(m.id)?.reply_count).toBe(2);
  });

  it('ignores an update for a message it does not hold', async () => {
    const h = await setup();
    h.client.emit('message.update', message('c1', 'u2'));
    expect(h.store.messages('c1')).toEqual([]);
    expect(h.signals).toEqual([]);
  });
});

describe('message.delete / delete_bulk', () => {
  it('removes the message and its index entry', async () => {
    const h = await setup();
    const a = message('c1', 'u2');
    const b = message('c1', 'u2');
    h.client.emit('message.create', a);
    h.client.emit('message.create', b);
    h.clearSignals();
    h.client.emit('message.delete', { id: a.id, channel_id: 'c1', space_id: 's1' });
    expect(h.store.messages('c1')).toEqual([b]);
    expect(h.store.message(a.id)).toBeUndefined();
    expect(h.signals).toEqual([['messagesUpdated', 'c1']]);
  });

  it('finds the message in its own channel when the delete names another', async () => {
    const h = await setup();
    const a = message('c1', 'u2');
    h.client.emit('message.create', a);
    h.client.emit('message.create', message('c2', 'u2'));
    h.clearSignals();
    h.client.emit('message.delete', { id: a.id, channel_id: 'c2' });
    expect(h.store.messages('c1')).toEqual([]);
    expect(h.store.messages('c2')).toHaveLength(1);
    expect(h.signals).toEqual([['messagesUpdated', 'c1']]);
  });

  it('ignores a delete for an unknown message', async () => {
    const h = await setup();
    h.client.emit('message.delete', { id: 'nope', channel_id: 'c1' });
    expect(h.signals).toEqual([]);
  });

  it('bulk-deletes in one pass with one signal', async () => {
    const h = await setup();
    const sent = [1, 2, 3, 4, 5].map(() => message('c1', 'u2'));
    for (const m of sent) h.client.emit('message.create', m);
    h.clearSignals();
    h.client.emit('message.delete_bulk', { channel_id: 'c1', ids: [sent[0]!.id, sent[2]!.id, sent[4]!.id, 'unknown'] });
    expect(h.store.messages('c1').map((m) => m.id)).toEqual([sent[1]!.id, sent[3]!.id]);
    expect(h.store.message(sent[0]!.id)).toBeUndefined();
    expect(h.store.message(sent[2]!.id)).toBeUndefined();
    expect(h.store.message(sent[1]!.id)).toBe(sent[1]);
    expect(h.signals).toEqual([['messagesUpdated', 'c1']]);
  });
});

describe('reads', () => {
  it('messages() returns a snapshot that later events do not change', async () => {
    const h = await setup({ store: { messageCap: 2 } });
    const a = message('c1', 'u2');
    const b = message('c1', 'u2');
    const c = message('c1', 'u2');
    h.client.emit('message.create', a);
    h.client.emit('message.create', b);
    const before = h.store.messages('c1');
    expect(h.store.messages('c1')).toBe(before);
    h.client.emit('message.create', c);
    expect(before).toEqual([a, b]);
    expect(h.store.messages('c1')).toEqual([b, c]);
    expect(Object.isFrozen(h.store.messages('c1'))).toBe(true);
  });
});
