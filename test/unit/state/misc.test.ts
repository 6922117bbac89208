import { describe, expect, it } from 'vitest';
import { parseEmoji, parseSound } from '../../../src/models/index.js';
import { message } from './fixtures.js';
import { setup } from './harness.js';

const emoji = parseEmoji({ id: 'e1', name: 'blob' }).value;
const sound = parseSound({ id: 'snd1', name: 'honk' }).value;

describe('emojis, soundboard, interactions, read state', () => {
  it('emoji.create/update/delete signal emojisUpdated(spaceId)', async () => {
    const h = await setup();
    h.client.emit('emoji.create', { space_id: 's1', emoji });
    h.client.emit('emoji.update', { space_id: 's1', emoji });
    h.client.emit('emoji.delete', { space_id: 's1', emoji_id: 'e1' });
    h.client.emit('emoji.update', { space_id: 'other', emoji });
    expect(h.signals).toEqual([
      ['emojisUpdated', 's1'],
      ['emojisUpdated', 's1'],
      ['emojisUpdated', 's1'],
    ]);
  });

  it('soundboard.* signal soundboardUpdated and play signals soundboardPlayed(space, sound, user)', async () => {
    const h = await setup();
    h.client.emit('soundboard.create', { space_id: 's1', sound });
    h.client.emit('soundboard.update', { space_id: 's1', sound });
    h.client.emit('soundboard.delete', { space_id: 's1', sound_id: 'snd1' });
    h.client.emit('soundboard.play', { space_id: 's1', sound, user_id: 'u2' });
    h.client.emit('soundboard.play', { space_id: 's1', sound_id: 'snd2', user_id: 'u3' });
    expect(h.signals).toEqual([
      ['soundboardUpdated', 's1'],
      ['soundboardUpdated', 's1'],
      ['soundboardUpdated', 's1'],
      ['soundboardPlayed', 's1', 'snd1', 'u2'],
      ['soundboardPlayed', 's1', 'snd2', 'u3'],
    ]);
  });

  it('interaction.create is accepted and changes nothing', async () => {
    const h = await setup();
    h.client.emit('interaction.create', {
      id: 'i1',
      application_id: 'a',
      type: 2,
      data: {},
      space_id: 's1',
      channel_id: 'c1',
      member_id: null,
      user_id: 'u2',
      token: 't',
      message: null,
      locale: null,
    });
    expect(h.signals).toEqual([]);
  });

  it('read_state.update from another session of mine clears unread and mentions, and the channel list hears it', async () => {
    const h = await setup({});
    const mention = message('c1', 'u2', { mentions: ['u1'] });
    h.client.emit('message.create', mention);
    h.clearSignals();
    h.client.emit('read_state.update', { channel_id: 'c1', last_read_message_id: mention.id, mention_count: 0 });
    expect(h.store.isUnread('c1')).toBe(false);
    expect(h.store.mentionCount('c1')).toBe(0);
    expect(h.signals).toEqual([
      ['channelsUpdated', 's1'],
      ['messagesUpdated', 'c1'],
    ]);
  });
});
