import { describe, expect, it } from 'vitest';
import type { Message } from '../../../src/models/index.js';
import { deferred, flush } from './fake-client.js';
import { message } from './fixtures.js';
import { setup } from './harness.js';

describe('my own create held while its send awaits the answer', () => {
  it('keeps a reaction that arrived for it meanwhile', async () => {
    const h = await setup();
    const answer = deferred<Message>();
    h.client.rest.createMessage.mockReturnValueOnce(answer.promise);
    const sending = h.store.sendMessage('c1', 'mine');
    await flush();
    const created = message('c1', 'u1', { content: 'mine' });
    // The create comes first (held: accordserver has no nonce), then someone reacts to it.
    h.client.emit('message.create', created);
    h.client.emit('reaction.add', { channel_id: 'c1', message_id: created.id, user_id: 'u2', emoji: '🎉' });
    answer.resolve({ ...created });
    await sending;
    await flush();
    expect(h.store.message(created.id)?.reactions).toEqual([{ emoji: { id: null, name: '🎉' }, count: 1, me: false }]);
  });
});

describe('update and delete of my own create while it is held', () => {
  async function holding() {
    const h = await setup();
    const answer = deferred<Message>();
    h.client.rest.createMessage.mockReturnValueOnce(answer.promise);
    const sending = h.store.sendMessage('c1', 'mine');
    await flush();
    return { h, answer, sending };
  }

  it('lists the updated create once its send is answered', async () => {
    const { h, answer, sending } = await holding();
    const created = message('c1', 'u1', { content: 'mine' });
    h.client.emit('message.create', created);
    // Edited (from another session) before this one's answer came: the held create is stale.
    h.client.emit('message.update', { ...created, content: 'edited', edited_at: '2024-01-01T00:00:01.000Z' });
    answer.resolve({ ...created });
    await sending;
    await flush();
    expect(h.store.message(created.id)?.content).toBe('edited');
  });

  it('lists an updated create of another session of mine once nothing awaits', async () => {
    const { h, answer, sending } = await holding();
    const other = message('c1', 'u1', { content: 'from elsewhere' });
    const mine = message('c1', 'u1', { content: 'mine' });
    h.client.emit('message.create', other);
    h.client.emit('message.update', { ...other, content: 'edited elsewhere', edited_at: '2024-01-01T00:00:01.000Z' });
    answer.resolve(mine);
    await sending;
    await flush();
    expect(h.store.message(other.id)?.content).toBe('edited elsewhere');
  });

  it('never lists a create deleted while held (its send answered after)', async () => {
    const { h, answer, sending } = await holding();
    const created = message('c1', 'u1', { content: 'mine' });
    h.client.emit('message.create', created);
    h.client.emit('message.delete', { id: created.id, channel_id: 'c1' });
    answer.resolve({ ...created });
    await sending;
    await flush();
    expect(h.store.message(created.id)).toBeUndefined();
    expect(h.store.messages('c1').map((m) => m.id)).not.toContain(created.id);
  });

  it('never lists a create of another session of mine deleted while held', async () => {
    const { h, answer, sending } = await holding();
    const other = message('c1', 'u1', { content: 'from elsewhere' });
    const mine = message('c1', 'u1', { content: 'mine' });
    h.client.emit('message.create', other);
    h.client.emit('message.delete', { id: other.id, channel_id: 'c1' });
    answer.resolve(mine);
    await sending;
    await flush();
    expect(h.store.message(other.id)).toBeUndefined();
    expect(h.store.messages('c1').map((m) => m.id)).toEqual([mine.id]);
  });

  it('never lists a held create removed by a bulk delete', async () => {
    const { h, answer, sending } = await holding();
    const other = message('c1', 'u1', { content: 'from elsewhere' });
    const mine = message('c1', 'u1', { content: 'mine' });
    h.client.emit('message.create', other);
    h.client.emit('message.delete_bulk', { ids: [other.id], channel_id: 'c1' });
    answer.resolve(mine);
    await sending;
    await flush();
    expect(h.store.messages('c1').map((m) => m.id)).toEqual([mine.id]);
  });
});
