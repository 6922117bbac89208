import { describe, expect, it } from 'vitest';
import { AccordRest } from '../../../src/rest/index.js';
import type { StoreMessage } from '../../../src/state/index.js';
import { actionsWorld, entries, useActionsWorlds } from './actions-harness.js';
import { waitFor } from './converge.js';

useActionsWorlds();

describe('store.sendMessage against the embedded server', () => {
  it('lists and signals a pending entry before the promise settles; REST answer first gives one entry', async () => {
    const w = await actionsWorld();
    const seen: StoreMessage[][] = [];
    w.store.on('messagesUpdated', (channelId) => {
      if (channelId === w.general) seen.push(w.store.messages(w.general).filter((m) => m.pending !== undefined));
    });
    w.server.faults.pauseDispatch();
    const before = w.store.messages(w.general).length;
    const promise = w.store.sendMessage(w.general, 'rest first');

    const pending = w.store.messages(w.general).at(-1);
    expect(pending).toMatchObject({ content: 'rest first', pending: 'sending', author_id: w.me.id, channel_id: w.general });
    expect(pending?.id.startsWith('local:')).toBe(true);
    expect(Number.isNaN(Date.parse(pending?.timestamp ?? ''))).toBe(false);
    expect(seen.at(-1)?.map((m) => m.id)).toEqual([pending?.id]);
    expect(w.store.message(pending?.id ?? '')).toBe(pending);

    const sent = await promise;
    expect(entries(w.store, w.general, 'rest first').map((m) => m.id)).toEqual([sent.id]);
    expect(w.store.messages(w.general)).toHaveLength(before + 1);
    w.server.faults.resumeDispatch();
    await w.created('rest first');
    expect(entries(w.store, w.general, 'rest first').map((m) => [m.id, m.pending])).toEqual([[sent.id, undefined]]);
    expect(w.store.messages(w.general)).toHaveLength(before + 1);
  });

  it('gateway create first: held until the REST answer shows it is ours, then one entry', async () => {
    const w = await actionsWorld();
    w.server.faults.failRest({ action: 'hold', method: 'POST', path: `/channels/${w.general}/messages` });
    const promise = w.store.sendMessage(w.general, 'gateway first');
    const created = await w.created('gateway first');
    // The create arrived before the answer: the store shows the pending entry only.
    expect(entries(w.store, w.general, 'gateway first').map((m) => m.pending)).toEqual(['sending']);
    expect(w.store.message(created.id)).toBeUndefined();

    // Another create of mine (another session) is not ours: released once the answer is in, in order.
    const other = await w.rest.createMessage(w.general, 'from my other session');
    await w.created('from my other session');
    expect(entries(w.store, w.general, 'from my other session')).toEqual([]);

    w.server.faults.releaseRest();
    const sent = await promise;
    expect(sent.id).toBe(created.id);
    expect(entries(w.store, w.general, 'gateway first').map((m) => [m.id, m.pending])).toEqual([[created.id, undefined]]);
    await waitFor(() => w.store.message(other.id) !== undefined, 'the held create of my other session');
    const ids = w.store.messages(w.general).map((m) => m.id);
    expect(ids.slice(-2)).toEqual([created.id, other.id]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('a refusal (4xx) fails that send alone; retrySend sends it once, discardSend drops one', async () => {
    const w = await actionsWorld();
    const path = `/channels/${w.general}/messages`;
    w.server.faults.failRest({ action: 'fail', method: 'POST', path, status: 403, code: 'missing_permissions' });
    const refused = w.store.sendMessage(w.general, 'refused one');
    const next = w.store.sendMessage(w.general, 'the one after');
    await expect(refused).rejects.toMatchObject({ status: 403, code: 'missing_permissions' });
    const after = await next;

    const failed = entries(w.store, w.general, 'refused one');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ pending: 'failed', error: { status: 403, code: 'missing_permissions' } });
    expect(entries(w.store, w.general, 'the one after').map((m) => m.id)).toEqual([after.id]);
    expect(await w.onServer(w.general, 'refused one')).toEqual([]);

    const retried = await w.store.retrySend(failed[0]?.id ?? '');
    expect(entries(w.store, w.general, 'refused one').map((m) => [m.id, m.pending])).toEqual([[retried.id, undefined]]);
    expect((await w.onServer(w.general, 'refused one')).map((m) => m.id)).toEqual([retried.id]);

    w.server.faults.failRest({ action: 'fail', method: 'POST', path, status: 400, code: 'invalid_body' });
    await expect(w.store.sendMessage(w.general, 'to discard')).rejects.toMatchObject({ status: 400 });
    const doomed = entries(w.store, w.general, 'to discard')[0];
    w.store.discardSend(doomed?.id ?? '');
    expect(entries(w.store, w.general, 'to discard')).toEqual([]);
    expect(() => w.store.discardSend(doomed?.id ?? '')).toThrow(expect.objectContaining({ code: 'unknown_message' }));
    expect(await w.onServer(w.general, 'to discard')).toEqual([]);
  });

  it('a transient failure (5xx, 429) retries with backoff and holds the later sends: they land in the order typed', async () => {
    const w = await actionsWorld();
    const path = `/channels/${w.general}/messages`;
    const sendInOrder = async (contents: string[]): Promise<void> => {
      const sends = contents.map((content) => w.store.sendMessage(w.general, content));
      expect(w.store.messages(w.general).slice(-3).map((m) => m.pending)).toEqual(['sending', 'sending', 'sending']);
      const sent = await Promise.all(sends);
      const page = (await w.rest.listMessages(w.general, { limit: 10 })).reverse();
      expect(page.slice(-3).map((m) => m.content)).toEqual(contents);
      expect(page.slice(-3).map((m) => m.id)).toEqual(sent.map((m) => m.id));
      expect(w.store.messages(w.general).slice(-3).map((m) => m.id)).toEqual(sent.map((m) => m.id));
    };
    w.server.faults.failRest({ action: 'fail', method: 'POST', path, status: 503, times: 2 });
    await sendInOrder(['first typed', 'second typed', 'third typed']);
    // 429 four times: more than the REST client waits out by itself (3 retries), so the store backs off.
    w.server.faults.failRest({ action: 'fail', method: 'POST', path, status: 429, retryAfterMs: 20, times: 4 });
    await sendInOrder(['fourth typed', 'fifth typed', 'sixth typed']);
  });

  it('a send whose answer was lost is found, not posted twice: through my held create', async () => {
    const w = await actionsWorld();
    w.server.faults.failRest({ action: 'lose', method: 'POST', path: `/channels/${w.general}/messages` });
    const sent = await w.store.sendMessage(w.general, 'answer lost');
    expect((await w.onServer(w.general, 'answer lost')).map((m) => m.id)).toEqual([sent.id]);
    expect(entries(w.store, w.general, 'answer lost').map((m) => [m.id, m.pending])).toEqual([[sent.id, undefined]]);
  });

  it('a send whose answer was lost is found, not posted twice: through the newest page', async () => {
    const w = await actionsWorld();
    w.server.faults.pauseDispatch();
    w.server.faults.failRest({ action: 'lose', method: 'POST', path: `/channels/${w.general}/messages` });
    const sent = await w.store.sendMessage(w.general, 'answer lost, no event');
    expect((await w.onServer(w.general, 'answer lost, no event')).map((m) => m.id)).toEqual([sent.id]);
    w.server.faults.resumeDispatch();
    await w.created('answer lost, no event');
    expect(entries(w.store, w.general, 'answer lost, no event').map((m) => m.id)).toEqual([sent.id]);
  });

  it('a request that never reached the server (reset) is looked for, then posted once', async () => {
    const w = await actionsWorld();
    w.server.faults.failRest({ action: 'drop', method: 'POST', path: `/channels/${w.general}/messages` });
    const sent = await w.store.sendMessage(w.general, 'reset before it ran');
    expect((await w.onServer(w.general, 'reset before it ran')).map((m) => m.id)).toEqual([sent.id]);
    expect(entries(w.store, w.general, 'reset before it ran')).toHaveLength(1);
  });

  it('my own send marks the channel read up to it, on the server too', async () => {
    const w = await actionsWorld();
    const alice = new AccordRest({ baseUrl: w.server.url, token: w.alice.token });
    await alice.createMessage(w.random, 'unread for bob');
    await waitFor(() => w.store.isUnread(w.random), 'random to be unread');
    const sent = await w.store.sendMessage(w.random, 'bob answers');
    await waitFor(() => !w.store.isUnread(w.random), 'random to be read');
    const unread = await w.rest.listReadStates();
    expect(unread.map((entry) => entry.channel_id)).not.toContain(w.random);
    expect(sent.channel_id).toBe(w.random);
  });
});
