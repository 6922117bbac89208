import { describe, expect, it } from 'vitest';
import type { Message } from '../../../src/models/index.js';
import { message } from './fixtures.js';
import { setup, type Harness } from './harness.js';
import { flush } from './fake-client.js';

async function withMessage(extra: Partial<Message> = {}): Promise<{ h: Harness; m: Message }> {
  const h = await setup();
  const m = message('c1', 'u2', extra);
  h.client.emit('message.create', m);
  h.clearSignals();
  return { h, m };
}

const react = (h: Harness, kind: 'reaction.add' | 'reaction.remove', m: Message, userId: string, emoji: string | { id: null; name: string }) =>
  h.client.emit(kind, { channel_id: m.channel_id, message_id: m.id, user_id: userId, emoji });

describe('reactions', () => {
  it('add with a string emoji creates the reaction with count and me', async () => {
    const { h, m } = await withMessage();
    react(h, 'reaction.add', m, 'u2', '👍');
    expect(h.store.message(m.id)?.reactions).toEqual([{ emoji: { id: null, name: '👍' }, count: 1, me: false }]);
    react(h, 'reaction.add', m, 'u1', '👍');
    expect(h.store.message(m.id)?.reactions).toEqual([{ emoji: { id: null, name: '👍' }, count: 2, me: true }]);
    expect(h.signals).toEqual([
      ['messagesUpdated', 'c1'],
      ['messagesUpdated', 'c1'],
    ]);
  });

  it('who reacted stays out of JSON, keys and equality, for reactions built from events and loaded ones', async () => {
    const loaded = { emoji: { id: null, name: 'wave' }, count: 1, me: true };
    const { h, m } = await withMessage({ reactions: [loaded] });
    react(h, 'reaction.add', m, 'u2', '👍');
    react(h, 'reaction.add', m, 'u3', '👍');
    react(h, 'reaction.add', m, 'u2', 'wave');
    const reactions = h.store.message(m.id)?.reactions ?? [];
    expect(reactions).toHaveLength(2);
    for (const reaction of reactions) {
      expect(Object.keys(reaction)).toEqual(['emoji', 'count', 'me']);
      expect(Object.getOwnPropertySymbols(reaction).every((key) => !Object.getOwnPropertyDescriptor(reaction, key)?.enumerable)).toBe(true);
    }
    expect(JSON.parse(JSON.stringify(reactions))).toEqual([
      { emoji: { id: null, name: 'wave' }, count: 2, me: true },
      { emoji: { id: null, name: '👍' }, count: 2, me: false },
    ]);
    expect(reactions).toStrictEqual([
      { emoji: { id: null, name: 'wave' }, count: 2, me: true },
      expect.objectContaining({ emoji: { id: null, name: '👍' }, count: 2, me: false }),
    ]);
    // Who reacted is still tracked: a repeated add counts once, a remove of a known user counts.
    react(h, 'reaction.add', m, 'u2', '👍');
    react(h, 'reaction.remove', m, 'u3', '👍');
    expect(h.store.message(m.id)?.reactions?.[1]).toMatchObject({ count: 1 });
  });

  it('add with an object emoji {name} counts on the same reaction', async () => {
    const { h, m } = await withMessage();
    react(h, 'reaction.add', m, 'u2', 'party');
    react(h, 'reaction.add', m, 'u3', { id: null, name: 'party' });
    expect(h.store.message(m.id)?.reactions).toEqual([{ emoji: { id: null, name: 'party' }, count: 2, me: false }]);
  });

  it('a repeated add from the same user does not inflate the count', async () => {
    const { h, m } = await withMessage();
    react(h, 'reaction.add', m, 'u2', '👍');
    react(h, 'reaction.add', m, 'u2', '👍');
    react(h, 'reaction.add', m, 'u1', '👍');
    react(h, 'reaction.add', m, 'u1', '👍');
    expect(h.store.message(m.id)?.reactions).toEqual([{ emoji: { id: null, name: '👍' }, count: 2, me: true }]);
    expect(h.signals).toHaveLength(2);
  });

  it('remove decrements, clears me, and drops the reaction at zero (reactions back to null)', async () => {
    const { h, m } = await withMessage();
    react(h, 'reaction.add', m, 'u2', '👍');
    react(h, 'reaction.add', m, 'u1', '👍');
    react(h, 'reaction.remove', m, 'u1', '👍');
    expect(h.store.message(m.id)?.reactions).toEqual([{ emoji: { id: null, name: '👍' }, count: 1, me: false }]);
    react(h, 'reaction.remove', m, 'u2', { id: null, name: '👍' });
    expect(h.store.message(m.id)?.reactions).toBeNull();
  });

  it('a remove for a user who never reacted changes nothing', async () => {
    const { h, m } = await withMessage();
    react(h, 'reaction.add', m, 'u2', '👍');
    h.clearSignals();
    react(h, 'reaction.remove', m, 'u3', '👍');
    react(h, 'reaction.remove', m, 'u1', '👍');
    expect(h.store.message(m.id)?.reactions).toEqual([{ emoji: { id: null, name: '👍' }, count: 1, me: false }]);
    expect(h.signals).toEqual([]);
  });

  it('a remove by someone else on a REST-loaded count asks the server who reacted', async () => {
    const { h, m } = await withMessage({ reactions: [{ emoji: { id: null, name: '🔥' }, count: 3, me: true }] });
    h.client.rest.listReactionUsers.mockResolvedValue(['u1', 'u2']);
    react(h, 'reaction.remove', m, 'u3', '🔥');
    await flush();
    expect(h.client.rest.listReactionUsers).toHaveBeenCalledWith('c1', m.id, '🔥');
    expect(h.store.message(m.id)?.reactions).toEqual([{ emoji: { id: null, name: '🔥' }, count: 2, me: true }]);
    react(h, 'reaction.remove', m, 'u2', '🔥');
    react(h, 'reaction.remove', m, 'u5', '🔥');
    expect(h.store.message(m.id)?.reactions).toEqual([{ emoji: { id: null, name: '🔥' }, count: 1, me: true }]);
    expect(h.client.rest.listReactionUsers).toHaveBeenCalledTimes(1);
  });

  it('clear removes every reaction', async () => {
    const { h, m } = await withMessage();
    react(h, 'reaction.add', m, 'u2', '👍');
    react(h, 'reaction.add', m, 'u2', '🎉');
    h.clearSignals();
    h.client.emit('reaction.clear', { channel_id: 'c1', message_id: m.id });
    expect(h.store.message(m.id)?.reactions).toBeNull();
    expect(h.signals).toEqual([['messagesUpdated', 'c1']]);
  });

  it('clear_emoji removes one emoji, by string or {name}', async () => {
    const { h, m } = await withMessage();
    react(h, 'reaction.add', m, 'u2', '👍');
    react(h, 'reaction.add', m, 'u2', '🎉');
    h.client.emit('reaction.clear_emoji', { channel_id: 'c1', message_id: m.id, emoji: '👍' });
    expect(h.store.message(m.id)?.reactions?.map((r) => r.emoji.name)).toEqual(['🎉']);
    h.client.emit('reaction.clear_emoji', { channel_id: 'c1', message_id: m.id, emoji: { id: null, name: '🎉' } });
    expect(h.store.message(m.id)?.reactions).toBeNull();
  });

  it('reactions on a message it does not hold are ignored', async () => {
    const { h } = await withMessage();
    h.client.emit('reaction.add', { channel_id: 'c1', message_id: 'nope', user_id: 'u2', emoji: '👍' });
    expect(h.signals).toEqual([]);
  });

  it('a message.update after reactions keeps them (reactions: null on the wire)', async () => {
    const { h, m } = await withMessage();
    react(h, 'reaction.add', m, 'u2', '👍');
    h.client.emit('message.update', { ...m, content: 'edit', reactions: null });
    expect(h.store.message(m.id)?.reactions).toEqual([{ emoji: { id: null, name: '👍' }, count: 1, me: false }]);
    react(h, 'reaction.add', m, 'u2', '👍');
    expect(h.store.message(m.id)?.reactions?.[0]?.count).toBe(1);
  });
});
