import { describe, expect, it, vi } from 'vitest';
import { StoreActionError } from '../../../src/state/index.js';
import { actionsWorld, useActionsWorlds } from './actions-harness.js';
import { waitFor } from './converge.js';

useActionsWorlds();

describe('actions the store can judge fail before any request, caches untouched', () => {
  it('unknown channel or message, someone else\'s message, bad input, a pending send, a removed connection', async () => {
    const w = await actionsWorld();
    const rest = w.conn.client.rest;
    const spies = (['createMessage', 'editMessage', 'deleteMessage', 'addReaction', 'removeReaction'] as const).map((name) => vi.spyOn(rest, name));
    const general = w.store.messages(w.general);
    const hers = general.find((m) => m.author_id === w.alice.id);
    if (!hers) throw new Error('the demo has a message of alice in #general');
    const snapshot = JSON.stringify(general);
    const signals: string[] = [];
    w.store.on('messagesUpdated', (channelId) => signals.push(channelId));

    const refusals: Array<[Promise<unknown>, string]> = [
      [w.store.sendMessage('999999999', 'to nowhere'), 'unknown_channel'],
      [w.store.sendMessage(w.general, '   '), 'invalid_argument'],
      [w.store.sendMessage(w.general, 'reply', { replyTo: '' }), 'invalid_argument'],
      [w.store.editMessage(hers.id, 'not mine'), 'not_author'],
      [w.store.editMessage('123', 'no such message'), 'unknown_message'],
      [w.store.deleteMessage('123'), 'unknown_message'],
      [w.store.addReaction('123', '👍'), 'unknown_message'],
      [w.store.addReaction(hers.id, ''), 'invalid_argument'],
      [w.store.removeReaction('123', '👍'), 'unknown_message'],
      [w.store.retrySend('local:0:999'), 'unknown_message'],
    ];
    for (const [promise, code] of refusals) {
      const error = await promise.then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(StoreActionError);
      expect(error).toMatchObject({ code, status: 0 });
    }
    expect(() => w.store.discardSend('local:0:999')).toThrow(StoreActionError);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    expect(w.store.messages(w.general)).toBe(general);
    expect(JSON.stringify(w.store.messages(w.general))).toBe(snapshot);
    expect(signals).toEqual([]);

    // A pending send has no server id yet: acting on it is refused too.
    w.server.faults.failRest({ action: 'hold', method: 'POST', path: '/messages' });
    const pending = w.store.sendMessage(w.general, 'still pending');
    const localId = w.store.messages(w.general).at(-1)?.id ?? '';
    await expect(w.store.editMessage(localId, 'edit it')).rejects.toMatchObject({ code: 'unknown_message' });
    expect(() => w.store.discardSend(localId)).toThrow(expect.objectContaining({ code: 'send_in_flight' }));
    await expect(w.store.retrySend(localId)).rejects.toMatchObject({ code: 'not_failed' });
    await waitFor(() => w.server.faults.rest.heldCount === 1, 'the POST held');
    w.server.faults.releaseRest();
    await pending;

    await w.store.removeServer(w.conn);
    spies.forEach((spy) => spy.mockClear());
    await expect(w.store.sendMessage(w.general, 'after removal')).rejects.toMatchObject({ code: 'unknown_channel' });
    await expect(w.store.deleteMessage(hers.id)).rejects.toMatchObject({ code: 'unknown_message' });
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });

  it('a thread reply waits in its thread, not in the channel list', async () => {
    const w = await actionsWorld();
    const parent = w.store.messages(w.general).at(-1);
    if (!parent) throw new Error('the demo has messages in #general');
    w.server.faults.failRest({ action: 'hold', method: 'POST', path: '/messages' });
    const before = w.store.messages(w.general);
    const reply = w.store.sendMessage(w.general, 'in the thread', { threadId: parent.id });
    expect(w.store.messages(w.general)).toEqual(before);
    expect(w.store.threadMessages(parent.id).map((m) => [m.content, m.pending, m.thread_id])).toEqual([['in the thread', 'sending', parent.id]]);
    await waitFor(() => w.server.faults.rest.heldCount === 1, 'the POST held');
    w.server.faults.releaseRest();
    const sent = await reply;
    expect(sent.thread_id).toBe(parent.id);
    expect(w.store.threadMessages(parent.id).filter((m) => m.pending !== undefined)).toEqual([]);
    expect(w.store.messages(w.general).map((m) => m.id)).not.toContain(sent.id);
  });
});
