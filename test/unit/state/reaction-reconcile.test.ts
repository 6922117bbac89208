import { describe, expect, it } from 'vitest';
import type { Message, Reaction } from '../../../src/models/index.js';
import { deferred, flush } from './fake-client.js';
import { message, readyData } from './fixtures.js';
import { setup, type Harness } from './harness.js';

/** A message loaded the way REST delivers it: counts and `me`, but not who reacted. */
async function withRestReactions(reactions: Reaction[]): Promise<{ h: Harness; m: Message }> {
  const h = await setup();
  const m = message('c1', 'u2', { reactions });
  h.client.emit('message.create', m);
  h.clearSignals();
  return { h, m };
}

const wave = (count: number, me = false): Reaction => ({ emoji: { id: null, name: '👋' }, count, me });
const react = (h: Harness, kind: 'reaction.add' | 'reaction.remove', m: Message, userId: string, emoji = '👋') =>
  h.client.emit(kind, { channel_id: m.channel_id, message_id: m.id, user_id: userId, emoji });

describe('reactions whose reactors are not known (loaded over REST)', () => {
  it('repeated adds by a user who already reacted do not inflate the count', async () => {
    // u2 and u3 reacted before the page was loaded; the server re-emits u2's add twice.
    const { h, m } = await withRestReactions([wave(2)]);
    h.client.rest.listReactionUsers.mockResolvedValue(['u2', 'u3']);
    react(h, 'reaction.add', m, 'u2');
    react(h, 'reaction.add', m, 'u2');
    await flush();
    expect(h.store.message(m.id)?.reactions).toEqual([wave(2)]);
    expect(h.signals).toEqual([['messagesUpdated', 'c1']]);
  });

  it('concurrent events for one (message, emoji) share one fetch; events meanwhile are re-applied on top', async () => {
    const { h, m } = await withRestReactions([wave(2), { emoji: { id: null, name: '🎉' }, count: 1, me: false }]);
    const answer = deferred<string[]>();
    h.client.rest.listReactionUsers.mockReturnValueOnce(answer.promise);
    react(h, 'reaction.add', m, 'u4');
    react(h, 'reaction.remove', m, 'u3');
    react(h, 'reaction.add', m, 'u1');
    react(h, 'reaction.add', m, 'u4');
    // Nothing is guessed while the list is in flight.
    expect(h.store.message(m.id)?.reactions?.[0]).toEqual(wave(2));
    // The list was read before any of those events.
    answer.resolve(['u2', 'u3']);
    await flush();
    expect(h.client.rest.listReactionUsers).toHaveBeenCalledTimes(1);
    expect(h.client.rest.listReactionUsers).toHaveBeenCalledWith('c1', m.id, '👋');
    expect(h.store.message(m.id)?.reactions?.[0]).toEqual(wave(3, true));
    // The other emoji was not touched and not fetched.
    expect(h.store.message(m.id)?.reactions?.[1]).toEqual({ emoji: { id: null, name: '🎉' }, count: 1, me: false });
  });

  it('an answer read after the queued events still ends at the server state', async () => {
    const { h, m } = await withRestReactions([wave(2)]);
    const answer = deferred<string[]>();
    h.client.rest.listReactionUsers.mockReturnValueOnce(answer.promise);
    react(h, 'reaction.add', m, 'u4');
    react(h, 'reaction.remove', m, 'u3');
    answer.resolve(['u2', 'u4']);
    await flush();
    expect(h.store.message(m.id)?.reactions).toEqual([wave(2)]);
  });

  it('once reconciled, later events are applied without another fetch', async () => {
    const { h, m } = await withRestReactions([wave(2)]);
    h.client.rest.listReactionUsers.mockResolvedValue(['u2', 'u3']);
    react(h, 'reaction.add', m, 'u2');
    await flush();
    react(h, 'reaction.add', m, 'u3');
    react(h, 'reaction.add', m, 'u5');
    react(h, 'reaction.remove', m, 'u2');
    expect(h.store.message(m.id)?.reactions).toEqual([wave(2)]);
    expect(h.client.rest.listReactionUsers).toHaveBeenCalledTimes(1);
  });

  it('my own add or remove is exact without a fetch (me is known)', async () => {
    const { h, m } = await withRestReactions([wave(2)]);
    react(h, 'reaction.add', m, 'u1');
    react(h, 'reaction.add', m, 'u1');
    expect(h.store.message(m.id)?.reactions).toEqual([wave(3, true)]);
    react(h, 'reaction.remove', m, 'u1');
    expect(h.store.message(m.id)?.reactions).toEqual([wave(2)]);
    expect(h.client.rest.listReactionUsers).not.toHaveBeenCalled();
  });

  it('a clear while the fetch is in flight wins over the answer; later adds count from zero', async () => {
    const { h, m } = await withRestReactions([wave(2)]);
    const answer = deferred<string[]>();
    h.client.rest.listReactionUsers.mockReturnValueOnce(answer.promise);
    react(h, 'reaction.add', m, 'u4');
    h.client.emit('reaction.clear_emoji', { channel_id: 'c1', message_id: m.id, emoji: '👋' });
    react(h, 'reaction.add', m, 'u5');
    answer.resolve(['u2', 'u3', 'u4']);
    await flush();
    expect(h.store.message(m.id)?.reactions).toEqual([wave(1)]);
  });

  it('a failed fetch falls back to applying the events as the count allows', async () => {
    const { h, m } = await withRestReactions([wave(2)]);
    h.client.rest.listReactionUsers.mockRejectedValue(new Error('boom'));
    react(h, 'reaction.remove', m, 'u3');
    await flush();
    expect(h.store.message(m.id)?.reactions).toEqual([wave(1)]);
    expect(h.signals).toEqual([['messagesUpdated', 'c1']]);
  });

  it('an answer for a READY generation that was replaced is dropped', async () => {
    const { h, m } = await withRestReactions([wave(2)]);
    const answer = deferred<string[]>();
    h.client.rest.listReactionUsers.mockReturnValueOnce(answer.promise);
    react(h, 'reaction.add', m, 'u4');
    h.client.rest.listMessages.mockResolvedValue([message('c1', 'u2', { id: m.id, reactions: [wave(2)] })]);
    h.client.emit('ready', readyData());
    await flush();
    answer.resolve(['u7', 'u8', 'u9']);
    await flush();
    expect(h.store.message(m.id)?.reactions).toEqual([wave(2)]);
  });
});

describe('my reaction whose answer was lost', () => {
  it('is read again from the server, and reaction events meanwhile are applied on top of that list', async () => {
    const h = await setup();
    const m = message('c1', 'u2');
    h.client.emit('message.create', m);
    // No answer at all (no HTTP status): the add may or may not have happened.
    h.client.rest.addReaction.mockRejectedValueOnce(new Error('socket hang up'));
    const answer = deferred<string[]>();
    h.client.rest.listReactionUsers.mockReturnValueOnce(answer.promise);
    await expect(h.store.addReaction(m.id, '👋')).rejects.toThrow('socket hang up');
    expect(h.client.rest.listReactionUsers).toHaveBeenCalledWith('c1', m.id, '👋');
    // While the list is read: u3 reacts, and the echo of my add (it did happen) arrives.
    react(h, 'reaction.add', m, 'u3');
    react(h, 'reaction.add', m, 'u1');
    // The list was read before u3's add.
    answer.resolve(['u1']);
    await flush();
    expect(h.store.message(m.id)?.reactions).toEqual([wave(2, true)]);
    expect(h.client.rest.listReactionUsers).toHaveBeenCalledTimes(1);
  });

  it('is not read again when the server refused it (the rollback is exact)', async () => {
    const h = await setup();
    const m = message('c1', 'u2');
    h.client.emit('message.create', m);
    h.client.rest.addReaction.mockRejectedValueOnce(Object.assign(new Error('forbidden'), { status: 403 }));
    await expect(h.store.addReaction(m.id, '👋')).rejects.toThrow('forbidden');
    expect(h.store.message(m.id)?.reactions ?? []).toEqual([]);
    expect(h.client.rest.listReactionUsers).not.toHaveBeenCalled();
  });
});
