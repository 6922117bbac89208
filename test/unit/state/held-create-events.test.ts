import { describe, expect, it } from 'vitest';
import type { Message } from '../../../src/models/index.js';
import type { StoreClientEvents } from '../../../src/state/store-client.js';
import { deferred, flush } from './fake-client.js';
import { message } from './fixtures.js';
import { setup, type Harness } from './harness.js';

/** A send of mine in c1 whose answer has not come: my own creates there are held meanwhile. */
async function holding() {
  const h = await setup();
  const answer = deferred<Message>();
  h.client.rest.createMessage.mockReturnValueOnce(answer.promise);
  const sending = h.store.sendMessage('c1', 'mine');
  await flush();
  /** The send's answer comes (the message it posted), and everything it releases settles. */
  const answerWith = async (posted: Message): Promise<void> => {
    answer.resolve(posted);
    await sending;
    await flush();
  };
  return { h, answerWith };
}

type AboutMessage = 'message.update' | 'message.delete' | 'message.delete_bulk' | 'reaction.add';

/** My own create arrives (held: accordserver has no nonce), then an event about it. */
function createThen<E extends AboutMessage>(h: Harness, created: Message, type: E, ...event: StoreClientEvents[E]): void {
  h.client.emit('message.create', created);
  h.client.emit(type, ...event);
}

describe('my own create held while its send awaits the answer', () => {
  it('keeps a reaction that arrived for it meanwhile', async () => {
    const { h, answerWith } = await holding();
    const created = message('c1', 'u1', { content: 'mine' });
    createThen(h, created, 'reaction.add', { channel_id: 'c1', message_id: created.id, user_id: 'u2', emoji: '🎉' });
    await answerWith({ ...created });
    expect(h.store.message(created.id)?.reactions).toEqual([{ emoji: { id: null, name: '🎉' }, count: 1, me: false }]);
  });
});

describe('update and delete of my own create while it is held', () => {
  it('lists the updated create once its send is answered', async () => {
    const { h, answerWith } = await holding();
    const created = message('c1', 'u1', { content: 'mine' });
    // Edited (from another session) before this one's answer came: the held create is stale.
    createThen(h, created, 'message.update', { ...created, content: 'edited', edited_at: '2024-01-01T00:00:01.000Z' });
    await answerWith({ ...created });
    expect(h.store.message(created.id)?.content).toBe('edited');
  });

  it('lists an updated create of another session of mine once nothing awaits', async () => {
    const { h, answerWith } = await holding();
    const other = message('c1', 'u1', { content: 'from elsewhere' });
    const mine = message('c1', 'u1', { content: 'mine' });
    createThen(h, other, 'message.update', { ...other, content: 'edited elsewhere', edited_at: '2024-01-01T00:00:01.000Z' });
    await answerWith(mine);
    expect(h.store.message(other.id)?.content).toBe('edited elsewhere');
  });

  it('never lists a create deleted while held (its send answered after)', async () => {
    const { h, answerWith } = await holding();
    const created = message('c1', 'u1', { content: 'mine' });
    createThen(h, created, 'message.delete', { id: created.id, channel_id: 'c1' });
    await answerWith({ ...created });
    expect(h.store.message(created.id)).toBeUndefined();
    expect(h.store.messages('c1').map((m) => m.id)).not.toContain(created.id);
  });

  it('never lists a create of another session of mine deleted while held', async () => {
    const { h, answerWith } = await holding();
    const other = message('c1', 'u1', { content: 'from elsewhere' });
    const mine = message('c1', 'u1', { content: 'mine' });
    createThen(h, other, 'message.delete', { id: other.id, channel_id: 'c1' });
    await answerWith(mine);
    expect(h.store.message(other.id)).toBeUndefined();
    expect(h.store.messages('c1').map((m) => m.id)).toEqual([mine.id]);
  });

  it('never lists a held create removed by a bulk delete', async () => {
    const { h, answerWith } = await holding();
    const other = message('c1', 'u1', { content: 'from elsewhere' });
    const mine = message('c1', 'u1', { content: 'mine' });
    createThen(h, other, 'message.delete_bulk', { ids: [other.id], channel_id: 'c1' });
    await answerWith(mine);
    expect(h.store.messages('c1').map((m) => m.id)).toEqual([mine.id]);
  });
});
