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
