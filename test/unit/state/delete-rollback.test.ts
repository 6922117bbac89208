import { describe, expect, it } from 'vitest';
import { deferred, FakeApiError, flush } from './fake-client.js';
import { message } from './fixtures.js';
import { setup } from './harness.js';

describe('a refused delete', () => {
  it('brings back what happened to the message while it was out of the list', async () => {
    const h = await setup();
    const m = message('c1', 'u2');
    h.client.emit('message.create', m);
    const answer = deferred<void>();
    h.client.rest.deleteMessage.mockReturnValueOnce(answer.promise);
    const deleting = h.store.deleteMessage(m.id);
    expect(h.store.message(m.id)).toBeUndefined();

    // Someone reacts while the delete is on its way: the store holds no such message then.
    h.client.emit('reaction.add', { channel_id: 'c1', message_id: m.id, user_id: 'u3', emoji: '🎉' });
    const onServer = { ...m, reactions: [{ emoji: { id: null, name: '🎉' }, count: 1, me: false }] };
    h.client.rest.listMessages.mockResolvedValue([onServer]);
    answer.reject(new FakeApiError(500));
    await expect(deleting).rejects.toMatchObject({ status: 500 });
    await flush();

    expect(h.store.message(m.id)?.reactions).toEqual([{ emoji: { id: null, name: '🎉' }, count: 1, me: false }]);
  });
});
