import { describe, expect, it } from 'vitest';
import type { Message } from '../../../src/models/index.js';
import { deferred, flush } from './fake-client.js';
import { message } from './fixtures.js';
import { setup } from './harness.js';

/** A search endpoint over `all` (oldest first), as docs/protocol.md §5.4 describes it. */
function searchOver(all: readonly Message[]) {
  return (_spaceId: string, options: { channel_id?: string; cursor?: string; limit?: number }) => {
    const limit = options.limit ?? 25;
    const below = all.filter((m) => options.cursor === undefined || Number(m.id) < Number(options.cursor)).reverse();
    const page = below.slice(0, limit);
    const last = page.at(-1);
    return Promise.resolve({ messages: page, cursor: last ? { after: last.id, has_more: below.length > limit } : undefined });
  };
}

describe('loadOlder / hasOlder', () => {
  it('pages back through search to the first message: no duplicates, no gaps, thread replies dropped', async () => {
    const h = await setup({ store: { messageCap: 5 } });
    const all: Message[] = [];
    for (let i = 0; i < 23; i++) {
      const top = message('c1', 'u2');
      all.push(top);
      if (i % 4 === 0) all.push(message('c1', 'u3', { thread_id: top.id }));
    }
    const topLevel = all.filter((m) => !m.thread_id);
    h.client.rest.searchMessages.mockImplementation(searchOver(all));
    for (const m of topLevel.slice(-5)) h.client.emit('message.create', m);
    expect(h.store.hasOlder('c1')).toBe(true);
    let rounds = 0;
    while (h.store.hasOlder('c1') && rounds++ < 20) await h.store.loadOlder('c1', 4);
    expect(h.store.messages('c1').map((m) => m.id)).toEqual(topLevel.map((m) => m.id));
    expect(h.store.hasOlder('c1')).toBe(false);
    expect(await h.store.loadOlder('c1', 4)).toEqual([]);
  });

  it('the cap does not evict paged-in history; switching channel or trimHistory shrinks it back', async () => {
    const h = await setup({ store: { messageCap: 3 } });
    const all = [1, 2, 3, 4, 5, 6].map(() => message('c1', 'u2'));
    h.client.rest.searchMessages.mockImplementation(searchOver(all));
    for (const m of all.slice(3)) h.client.emit('message.create', m);
    h.store.currentChannelId = 'c1';
    expect((await h.store.loadOlder('c1', 3)).map((m) => m.id)).toEqual(all.slice(0, 3).map((m) => m.id));
    const live = message('c1', 'u2');
    h.client.emit('message.create', live);
    expect(h.store.messages('c1')).toHaveLength(7);
    h.store.trimHistory('c1');
    expect(h.store.messages('c1').map((m) => m.id)).toEqual([all[4]!.id, all[5]!.id, live.id]);
    expect(h.store.hasOlder('c1')).toBe(true);
    await h.store.loadOlder('c1', 2);
    expect(h.store.messages('c1')).toHaveLength(5);
    h.store.currentChannelId = 'c2';
    expect(h.store.messages('c1')).toHaveLength(3);
  });

  it('a message deleted while the page was in flight does not come back', async () => {
    const h = await setup();
    const [older, deleted, held] = [1, 2, 3].map(() => message('c1', 'u2'));
    h.client.emit('message.create', held!);
    const answer = deferred<{ messages: Message[]; cursor: { after: string; has_more: boolean } | undefined }>();
    h.client.rest.searchMessages.mockReturnValueOnce(answer.promise);
    const loading = h.store.loadOlder('c1', 10);
    h.client.emit('message.delete', { id: deleted!.id, channel_id: 'c1', space_id: 's1' });
    answer.resolve({ messages: [deleted!, older!], cursor: { after: older!.id, has_more: false } });
    expect((await loading).map((m) => m.id)).toEqual([older!.id]);
    expect(h.store.messages('c1').map((m) => m.id)).toEqual([older!.id, held!.id]);
    expect(h.client.rest.searchMessages).toHaveBeenCalledWith('s1', { channel_id: 'c1', cursor: held!.id, limit: 10 });
  });

  it('DMs cannot page back: hasOlder is false, loadOlder adds nothing and asks nothing', async () => {
    const h = await setup();
    h.client.emit('message.create', message('d1', 'u4', { space_id: null }));
    expect(h.store.hasOlder('d1')).toBe(false);
    expect(await h.store.loadOlder('d1', 10)).toEqual([]);
    expect(h.client.rest.searchMessages).not.toHaveBeenCalled();
  });

  it('an unknown channel is a typed error before any request', async () => {
    const h = await setup();
    await expect(h.store.loadOlder('nope', 10)).rejects.toMatchObject({ name: 'StoreActionError', code: 'unknown_channel' });
    expect(h.client.rest.searchMessages).not.toHaveBeenCalled();
  });
});

describe('sendTyping', () => {
  it('sends at most one POST /typing per channel per 8 s, however often called', async () => {
    const h = await setup();
    for (let second = 0; second < 20; second++) {
      for (let key = 0; key < 5; key++) void h.store.sendTyping('c1');
      h.clock.advance(1_000);
    }
    void h.store.sendTyping('c2');
    await flush();
    const calls = h.client.rest.triggerTyping.mock.calls;
    // At 0 s, 8 s and 16 s in c1; once in c2.
    expect(calls.filter(([channelId]) => channelId === 'c1')).toHaveLength(3);
    expect(calls.filter(([channelId]) => channelId === 'c2')).toHaveLength(1);
  });

  it('a failed POST is logged, not thrown', async () => {
    const h = await setup();
    h.client.rest.triggerTyping.mockRejectedValueOnce(new Error('boom'));
    await expect(h.store.sendTyping('c1')).resolves.toBeUndefined();
    await expect(h.store.sendTyping('nope')).rejects.toMatchObject({ code: 'unknown_channel' });
  });
});

describe('setPresence', () => {
  it('sends op 8 on each connection and currentUser.status follows', async () => {
    const h = await setup();
    const second = await h.addServer();
    h.clearSignals();
    await h.store.setPresence('dnd', { name: 'chess' });
    expect(h.client.presenceUpdates).toEqual([{ status: 'dnd', activity: { name: 'chess' } }]);
    expect(second.client.presenceUpdates).toEqual([{ status: 'dnd', activity: { name: 'chess' } }]);
    expect(h.store.currentUser?.status).toBe('dnd');
    expect(h.store.member('s1', 'u1')?.status).toBe('dnd');
    expect(h.signals).toContainEqual(['userUpdated', 'u1']);
    await expect(h.store.setPresence('away' as 'dnd')).rejects.toMatchObject({ code: 'invalid_argument' });
  });
});
