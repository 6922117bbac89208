import { describe, expect, it } from 'vitest';
import type { Message } from '../../../src/models/index.js';
import { deferred, flush } from './fake-client.js';
import { message, readyData } from './fixtures.js';
import { setup, type Harness } from './harness.js';

/** Three cached messages in c1, oldest first. */
async function withCached(): Promise<{ h: Harness; cached: Message[] }> {
  const h = await setup();
  const cached = [message('c1', 'u2'), message('c1', 'u3'), message('c1', 'u2')];
  for (const m of cached) h.client.emit('message.create', m);
  return { h, cached };
}

const copy = (m: Message, extra: Partial<Message> = {}): Message => message(m.channel_id, m.author_id, { id: m.id, content: m.content, ...extra });
const ids = (h: Harness, channelId = 'c1') => h.store.messages(channelId).map((m) => m.id);

describe('message refresh after a re-identify (second READY)', () => {
  it('drops a cached message the page lacks even when it was the newest (deleted while away)', async () => {
    const { h, cached } = await withCached();
    const [a, b] = cached;
    if (!a || !b) throw new Error('fixture');
    // The newest cached message was deleted while the connection was away.
    h.client.rest.listMessages.mockResolvedValue([copy(b), copy(a)]);
    h.client.emit('ready', readyData());
    await flush();
    expect(ids(h)).toEqual([a.id, b.id]);
  });

  it('an empty page empties the channel', async () => {
    const { h } = await withCached();
    h.client.rest.listMessages.mockResolvedValue([]);
    h.client.emit('ready', readyData());
    await flush();
    expect(ids(h)).toEqual([]);
  });

  it('re-applies message events that arrived while the page was in flight', async () => {
    const { h, cached } = await withCached();
    const [a, b, c] = cached;
    if (!a || !b || !c) throw new Error('fixture');
    const page = deferred<Message[]>();
    h.client.rest.listMessages.mockReturnValueOnce(page.promise);
    h.client.emit('ready', readyData());
    const live = message('c1', 'u3');
    h.client.emit('message.create', live);
    h.client.emit('message.update', { ...copy(b), content: 'edited live', reactions: null });
    h.client.emit('message.delete', { id: a.id, channel_id: 'c1', space_id: 's1' });
    h.client.emit('reaction.add', { channel_id: 'c1', message_id: live.id, user_id: 'u2', emoji: '👍' });
    // The page was read before those events: it still has a, the old b, and c (not deleted).
    page.resolve([copy(c), copy(b), copy(a)]);
    await flush();
    expect(ids(h)).toEqual([b.id, c.id, live.id]);
    expect(h.store.message(b.id)?.content).toBe('edited live');
    expect(h.store.message(live.id)?.reactions).toEqual([{ emoji: { id: null, name: '👍' }, count: 1, me: false }]);
    expect(h.client.rest.listMessages).toHaveBeenCalledTimes(1);
  });

  it('a message the page already holds is not duplicated by a live create of it', async () => {
    const { h, cached } = await withCached();
    const page = deferred<Message[]>();
    h.client.rest.listMessages.mockReturnValueOnce(page.promise);
    h.client.emit('ready', readyData());
    const live = message('c1', 'u3');
    h.client.emit('message.create', live);
    page.resolve([...cached.map((m) => copy(m)), copy(live)]);
    await flush();
    expect(ids(h)).toEqual([...cached.map((m) => m.id), live.id]);
  });

  it('fetchMessages while a refresh of the channel is in flight shares its request', async () => {
    const { h, cached } = await withCached();
    const page = deferred<Message[]>();
    h.client.rest.listMessages.mockReturnValueOnce(page.promise);
    h.client.emit('ready', readyData());
    const fetched = h.store.fetchMessages('c1');
    page.resolve(cached.map((m) => copy(m)));
    expect((await fetched).map((m) => m.id)).toEqual(cached.map((m) => m.id));
    expect(h.client.rest.listMessages).toHaveBeenCalledTimes(1);
  });
});
