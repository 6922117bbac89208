import { describe, expect, it } from 'vitest';
import type { Message } from '../../../src/models/index.js';
import { FakeApiError, flush } from './fake-client.js';
import { message, readyData } from './fixtures.js';
import { setup, type Harness } from './harness.js';

const ids = (h: Harness, channelId = 'c1') => h.store.messages(channelId).map((m) => m.id);
const idsOf = (messages: readonly Message[]) => messages.map((m) => m.id);

/** The newest page the server lists for c1 (GET /channels/c1/messages), as a refresh reads it. */
function serverLists(h: Harness, newestFirst: readonly Message[]): void {
  h.client.rest.listMessages.mockResolvedValue(newestFirst.map((m) => ({ ...m })));
}

/** A re-identify (a second READY) whose refresh of c1 reads `newestFirst`. */
async function reidentifyReading(h: Harness, newestFirst: readonly Message[]): Promise<void> {
  serverLists(h, newestFirst);
  h.client.emit('ready', readyData());
  await flush();
}

/**
 * Cap 3; six messages in c1, the newest three cached live, the older three paged in by loadOlder
 * while the channel is shown (so the list holds all six and has reached the channel's start).
 */
async function scrolledBackToTheStart(): Promise<{ h: Harness; all: Message[] }> {
  const h = await setup({ store: { messageCap: 3 } });
  const all = [1, 2, 3, 4, 5, 6].map(() => message('c1', 'u2'));
  for (const m of all.slice(3)) h.client.emit('message.create', m);
  h.store.currentChannelId = 'c1';
  h.client.rest.searchMessages.mockResolvedValueOnce({ messages: all.slice(0, 3).reverse(), cursor: undefined });
  await h.store.loadOlder('c1', 10);
  expect(ids(h)).toEqual(idsOf(all));
  expect(h.store.hasOlder('c1')).toBe(false);
  return { h, all };
}

describe('a message refresh keeps history paged in', () => {
  it('after a re-identify: the page joins the history, which stays whole, at its start, and uncapped', async () => {
    const { h, all } = await scrolledBackToTheStart();
    const missed = message('c1', 'u3');
    // Posted while away; the newest page (limit = cap = 3) overlaps what was cached.
    await reidentifyReading(h, [missed, all[5]!, all[4]!]);
    expect(ids(h)).toEqual([...idsOf(all), missed.id]);
    expect(h.store.hasOlder('c1')).toBe(false);
    // Still holding: a live message evicts nothing the user scrolled to.
    const live = message('c1', 'u2');
    h.client.emit('message.create', live);
    expect(ids(h)).toEqual([...idsOf(all), missed.id, live.id]);
  });

  it('the page still refutes what it covers: a message deleted while away goes, the history below stays', async () => {
    const { h, all } = await scrolledBackToTheStart();
    const missed = message('c1', 'u3');
    // all[5] was deleted while away.
    await reidentifyReading(h, [missed, all[4]!, all[3]!]);
    expect(ids(h)).toEqual([...idsOf(all.slice(0, 5)), missed.id]);
  });

  it('a page that does not reach what was cached keeps the page alone: no gap of messages posted while away', async () => {
    const { h } = await scrolledBackToTheStart();
    const posted = [1, 2, 3, 4, 5].map(() => message('c1', 'u3'));
    // Five posted while away; the page (the newest three) leaves two of them between it and the cache.
    await reidentifyReading(h, posted.slice(2).reverse());
    expect(ids(h)).toEqual(idsOf(posted.slice(2)));
    expect(h.store.hasOlder('c1')).toBe(true);
  });

  it('the same with a cap beyond the page (cap 150, page of 100): older cached messages stay only when the page reaches them', async () => {
    const h = await setup({ store: { messageCap: 150 } });
    const cached = Array.from({ length: 10 }, () => message('c1', 'u2'));
    for (const m of cached) h.client.emit('message.create', m);
    const skipped = Array.from({ length: 10 }, () => message('c1', 'u3'));
    const newest = Array.from({ length: 100 }, () => message('c1', 'u3'));
    await reidentifyReading(h, [...newest].reverse());
    expect(skipped).toHaveLength(10);
    expect(ids(h)).toEqual(idsOf(newest));

    // Reaching back into the cache: the older cached messages stay below the page.
    const more = Array.from({ length: 5 }, () => message('c1', 'u3'));
    serverLists(h, [...newest.slice(5), ...more].reverse());
    await h.store.fetchMessages('c1');
    expect(ids(h)).toEqual(idsOf([...newest, ...more]));
  });

  it('a refused delete puts the message back inside the history, which stays held', async () => {
    const { h, all } = await scrolledBackToTheStart();
    const target = all[1]!;
    h.client.rest.deleteMessage.mockRejectedValueOnce(new FakeApiError(403));
    serverLists(h, [all[5]!, all[4]!, all[3]!]);
    await expect(h.store.deleteMessage(target.id)).rejects.toMatchObject({ status: 403 });
    await flush();
    expect(ids(h)).toEqual(idsOf(all));
    expect(h.store.hasOlder('c1')).toBe(false);
    const live = message('c1', 'u2');
    h.client.emit('message.create', live);
    expect(ids(h)).toEqual([...idsOf(all), live.id]);
  });
});
