import { describe, expect, it } from 'vitest';
import { StoreActionError } from '../../../src/state/index.js';
import { deferred, flush } from './fake-client.js';
import { channel, message, readyData, space } from './fixtures.js';
import { setup } from './harness.js';

const acks = (calls: unknown[][]) => calls.map(([channelId, messageId]) => `${String(channelId)}:${String(messageId)}`);

describe('unread signals (issue 13: the channel list hears every unread or mention change)', () => {
  it('a space channel: channelsUpdated(spaceId) when it becomes unread and at each mention, not for more of the same', async () => {
    const h = await setup();
    h.client.emit('message.create', message('c1', 'u2'));
    h.client.emit('message.create', message('c1', 'u3'));
    h.client.emit('message.create', message('c1', 'u3', { mentions: ['u1'] }));
    expect(h.signals).toEqual([
      ['channelsUpdated', 's1'],
      ['messagesUpdated', 'c1'],
      ['messagesUpdated', 'c1'],
      ['channelsUpdated', 's1'],
      ['messagesUpdated', 'c1'],
    ]);
  });

  it('a DM: dmChannelsUpdated', async () => {
    const h = await setup();
    h.client.emit('message.create', message('d1', 'u4', { space_id: null }));
    expect(h.store.isUnread('d1')).toBe(true);
    expect(h.signals).toContainEqual(['dmChannelsUpdated']);
  });

  it('opening the channel clears it and the channel list hears it', async () => {
    const h = await setup();
    h.client.emit('message.create', message('c1', 'u2', { mentions: ['u1'] }));
    h.client.emit('message.create', message('d1', 'u4', { space_id: null }));
    h.clearSignals();
    h.store.currentChannelId = 'c1';
    expect(h.signals).toEqual([
      ['channelsUpdated', 's1'],
      ['messagesUpdated', 'c1'],
    ]);
    h.clearSignals();
    h.store.currentChannelId = 'd1';
    expect(h.signals).toEqual([['dmChannelsUpdated'], ['messagesUpdated', 'd1']]);
  });
});

describe('muted channels never become unread', () => {
  it("READY's mutes (a muted category's children included): no unread from READY's list or live messages; mentions still count", async () => {
    const h = await setup({
      ready: readyData({
        mutes: [{ channel_id: 'c1' }],
        unread: [{ channel_id: 'c1', space_id: 's1', last_read_message_id: null, last_message_id: '5', mention_count: 1 }],
      }),
    });
    expect(h.store.isMuted('c1')).toBe(true);
    expect(h.store.isUnread('c1')).toBe(false);
    h.client.emit('message.create', message('c1', 'u2'));
    expect(h.store.isUnread('c1')).toBe(false);
    h.client.emit('message.create', message('c1', 'u2', { mentions: ['u1'] }));
    expect(h.store.mentionCount('c1')).toBe(2);
    expect(h.store.isUnread('c1')).toBe(false);
  });

  it('channel_mute.create clears the unread flag (signalled) and keeps it off; channel_mute.delete lets it back', async () => {
    const h = await setup();
    h.client.emit('message.create', message('c1', 'u2'));
    h.clearSignals();
    h.client.emit('channel_mute.create', { channel_id: 'c1' });
    expect(h.store.isUnread('c1')).toBe(false);
    expect(h.signals).toEqual([
      ['channelsUpdated', 's1'],
      ['messagesUpdated', 'c1'],
    ]);
    h.client.emit('message.create', message('c1', 'u2'));
    expect(h.store.isUnread('c1')).toBe(false);
    h.client.emit('channel_mute.delete', { channel_id: 'c1' });
    h.client.emit('message.create', message('c1', 'u2'));
    expect(h.store.isUnread('c1')).toBe(true);
  });

  it('the REST read states (after joining a space) leave a muted channel read', async () => {
    const h = await setup({ ready: readyData({ mutes: [{ channel_id: 'c2' }] }) });
    h.client.rest.getSpace.mockResolvedValue(space('s1'));
    h.client.rest.listSpaceChannels.mockResolvedValue([channel('c1', 's1'), channel('c2', 's1')]);
    h.client.rest.listReadStates.mockResolvedValue([
      { channel_id: 'c2', space_id: 's1', last_read_message_id: null, last_message_id: '9', mention_count: 0 },
      { channel_id: 'c1', space_id: 's1', last_read_message_id: null, last_message_id: '9', mention_count: 0 },
    ]);
    h.client.emit('space.delete', { id: 's1' });
    h.client.emit('member.join', { space_id: 's1', user_id: 'u1', joined_at: 'now' });
    await flush();
    expect(h.client.rest.listReadStates).toHaveBeenCalled();
    expect(h.store.isUnread('c1')).toBe(true);
    expect(h.store.isUnread('c2')).toBe(false);
  });
});

describe('read_state.update', () => {
  it('leaves the channel unread when someone else wrote after the acked message', async () => {
    const h = await setup();
    const first = message('c1', 'u2', { mentions: ['u1'] });
    const second = message('c1', 'u2');
    h.client.emit('message.create', first);
    h.client.emit('message.create', second);
    h.clearSignals();
    h.client.emit('read_state.update', { channel_id: 'c1', last_read_message_id: first.id, mention_count: 0 });
    expect(h.store.isUnread('c1')).toBe(true);
    expect(h.store.mentionCount('c1')).toBe(0);
    expect(h.signals).toEqual([
      ['channelsUpdated', 's1'],
      ['messagesUpdated', 'c1'],
    ]);
    h.clearSignals();
    h.client.emit('read_state.update', { channel_id: 'c1', last_read_message_id: second.id, mention_count: 0 });
    expect(h.store.isUnread('c1')).toBe(false);
    expect(h.signals).toEqual([
      ['channelsUpdated', 's1'],
      ['messagesUpdated', 'c1'],
    ]);
  });

  /** c1 read up to a first message, then two more from others: unread. */
  async function readThenTwoMore() {
    const h = await setup();
    const first = message('c1', 'u2');
    h.client.emit('message.create', first);
    h.client.emit('read_state.update', { channel_id: 'c1', last_read_message_id: first.id, mention_count: 0 });
    const second = message('c1', 'u2');
    const third = message('c1', 'u3');
    h.client.emit('message.create', second);
    h.client.emit('message.create', third);
    expect(h.store.isUnread('c1')).toBe(true);
    return { h, second, third };
  }

  it('read again when the one message after the acked position is deleted (as the server holds it)', async () => {
    const { h, second, third } = await readThenTwoMore();
    h.client.emit('message.delete', { id: second.id, channel_id: 'c1', space_id: 's1' });
    expect(h.store.isUnread('c1')).toBe(true);
    h.clearSignals();
    h.client.emit('message.delete', { id: third.id, channel_id: 'c1', space_id: 's1' });
    expect(h.store.isUnread('c1')).toBe(false);
    expect(h.signals).toContainEqual(['channelsUpdated', 's1']);
  });

  it('read again when a bulk delete removes every message after the acked position', async () => {
    const { h, second, third } = await readThenTwoMore();
    h.clearSignals();
    h.client.emit('message.delete_bulk', { ids: [second.id, third.id], channel_id: 'c1', space_id: 's1' });
    expect(h.store.isUnread('c1')).toBe(false);
    expect(h.signals).toContainEqual(['channelsUpdated', 's1']);
  });

  it('a position the server acknowledged is not acked again', async () => {
    const h = await setup();
    const m = message('c1', 'u2');
    h.client.emit('message.create', m);
    h.client.emit('read_state.update', { channel_id: 'c1', last_read_message_id: m.id, mention_count: 0 });
    await h.store.markRead('c1');
    expect(h.client.rest.ackMessage).not.toHaveBeenCalled();
  });
});

describe('store.markRead', () => {
  it('clears here at once, then acks the newest message of the channel', async () => {
    const h = await setup();
    const older = message('c1', 'u2', { mentions: ['u1'] });
    const newest = message('c1', 'u3');
    h.client.emit('message.create', older);
    h.client.emit('message.create', newest);
    h.clearSignals();
    const done = h.store.markRead('c1');
    expect(h.store.isUnread('c1')).toBe(false);
    expect(h.store.mentionCount('c1')).toBe(0);
    expect(h.signals).toEqual([
      ['channelsUpdated', 's1'],
      ['messagesUpdated', 'c1'],
    ]);
    await done;
    expect(acks(h.client.rest.ackMessage.mock.calls)).toEqual([`c1:${newest.id}`]);
  });

  it("acks a channel's last_message_id when none of its messages are cached", async () => {
    const h = await setup({
      ready: readyData({ unread: [{ channel_id: 'c2', space_id: 's1', last_read_message_id: null, last_message_id: '77', mention_count: 0 }] }),
    });
    const c2 = h.store.channel('c2');
    if (c2) c2.last_message_id = '77';
    await h.store.markRead('c2');
    expect(acks(h.client.rest.ackMessage.mock.calls)).toEqual(['c2:77']);
  });

  it('one ack in flight per channel: asks meanwhile are folded into one request for the newest', async () => {
    const h = await setup();
    const answer = deferred<void>();
    h.client.rest.ackMessage.mockImplementationOnce(() => answer.promise);
    const first = message('c1', 'u2');
    h.client.emit('message.create', first);
    const a = h.store.markRead('c1');
    await flush();
    const later = [message('c1', 'u2'), message('c1', 'u2')];
    h.client.emit('message.create', later[0]!);
    const b = h.store.markRead('c1');
    h.client.emit('message.create', later[1]!);
    const c = h.store.markRead('c1');
    const d = h.store.markRead('c1');
    expect(acks(h.client.rest.ackMessage.mock.calls)).toEqual([`c1:${first.id}`]);
    answer.resolve();
    await Promise.all([a, b, c, d]);
    expect(acks(h.client.rest.ackMessage.mock.calls)).toEqual([`c1:${first.id}`, `c1:${later[1]!.id}`]);
  });

  it('a failed ack rejects with the REST error and is sent again on the next ask', async () => {
    const h = await setup();
    const m = message('c1', 'u2');
    h.client.emit('message.create', m);
    h.client.rest.ackMessage.mockRejectedValueOnce(new Error('HTTP 500'));
    await expect(h.store.markRead('c1')).rejects.toThrow('HTTP 500');
    expect(h.store.isUnread('c1')).toBe(false);
    await h.store.markRead('c1');
    expect(acks(h.client.rest.ackMessage.mock.calls)).toEqual([`c1:${m.id}`, `c1:${m.id}`]);
  });

  it('an unknown channel rejects with StoreActionError unknown_channel before any request', async () => {
    const h = await setup();
    await expect(h.store.markRead('nope')).rejects.toMatchObject({ name: 'StoreActionError', code: 'unknown_channel' });
    await expect(h.store.markRead('nope')).rejects.toBeInstanceOf(StoreActionError);
    expect(h.client.rest.ackMessage).not.toHaveBeenCalled();
  });
});

describe('currentChannelId and the server read state', () => {
  it('opening an unread channel acks it; opening a read one sends nothing', async () => {
    const h = await setup();
    const m = message('c1', 'u2');
    h.client.emit('message.create', m);
    h.store.currentChannelId = 'c2';
    await flush();
    expect(h.client.rest.ackMessage).not.toHaveBeenCalled();
    h.store.currentChannelId = 'c1';
    await flush();
    expect(acks(h.client.rest.ackMessage.mock.calls)).toEqual([`c1:${m.id}`]);
  });

  it('leaving a channel acks what arrived while it was shown (one request, not one per message)', async () => {
    const h = await setup();
    h.store.currentChannelId = 'c1';
    const arrived = [message('c1', 'u2'), message('c1', 'u3'), message('c1', 'u2')];
    for (const m of arrived) h.client.emit('message.create', m);
    await flush();
    expect(h.client.rest.ackMessage).not.toHaveBeenCalled();
    h.store.currentChannelId = 'c2';
    await flush();
    expect(acks(h.client.rest.ackMessage.mock.calls)).toEqual([`c1:${arrived[2]!.id}`]);
    h.store.currentChannelId = 'c1';
    h.store.currentChannelId = null;
    await flush();
    expect(h.client.rest.ackMessage).toHaveBeenCalledTimes(1);
  });

  it('a READY that lists the shown channel unread acks it', async () => {
    const h = await setup();
    h.store.currentChannelId = 'c1';
    await flush();
    expect(h.client.rest.ackMessage).not.toHaveBeenCalled();
    h.client.emit(
      'ready',
      readyData({
        channels: [channel('c1', 's1', { last_message_id: '42' }), channel('c2', 's1')],
        unread: [{ channel_id: 'c1', space_id: 's1', last_read_message_id: null, last_message_id: '42', mention_count: 0 }],
      }),
    );
    expect(h.store.isUnread('c1')).toBe(false);
    await flush();
    expect(acks(h.client.rest.ackMessage.mock.calls)).toEqual(['c1:42']);
  });
});

describe('markReadUpTo (the send loop: my own send marks the channel read up to it)', () => {
  it('acks my message and clears the channel here', async () => {
    const h = await setup();
    h.client.emit('message.create', message('c1', 'u2'));
    const mine = message('c1', 'u1');
    h.client.emit('message.create', mine);
    await h.store.markReadUpTo('c1', mine.id);
    expect(h.store.isUnread('c1')).toBe(false);
    expect(acks(h.client.rest.ackMessage.mock.calls)).toEqual([`c1:${mine.id}`]);
  });

  it('leaves the channel unread here when someone wrote after my message', async () => {
    const h = await setup();
    const mine = message('c1', 'u1');
    const theirs = message('c1', 'u2');
    h.client.emit('message.create', mine);
    h.client.emit('message.create', theirs);
    await h.store.markReadUpTo('c1', mine.id);
    expect(h.store.isUnread('c1')).toBe(true);
    expect(acks(h.client.rest.ackMessage.mock.calls)).toEqual([`c1:${mine.id}`]);
  });
});

describe('late messages (issue 16 §5)', () => {
  it('a message.create older than a full window is not inserted and evicts nothing; one inside it goes to its place', async () => {
    const h = await setup({ store: { messageCap: 3 } });
    const ids = ['2000', '2001', '2002'];
    for (const id of ids) h.client.emit('message.create', message('c1', 'u2', { id }));
    h.client.emit('message.create', message('c1', 'u2', { id: '1500' }));
    expect(h.store.messages('c1').map((m) => m.id)).toEqual(ids);
    h.client.emit('message.create', message('c1', 'u2', { id: '2001' }));
    h.client.emit('message.create', message('c1', 'u2', { id: '2003' }));
    h.client.emit('message.create', message('c1', 'u2', { id: '2002' }));
    expect(h.store.messages('c1').map((m) => m.id)).toEqual(['2001', '2002', '2003']);
  });

  it("a late DM message does not move the DM's preview back", async () => {
    const h = await setup();
    const newer = message('d1', 'u4', { id: '3000', space_id: null });
    h.client.emit('message.create', newer);
    h.client.emit('message.create', message('d1', 'u4', { id: '2500', space_id: null }));
    expect(h.store.channel('d1')?.last_message_id).toBe('3000');
    expect(h.store.messages('d1').map((m) => m.id)).toEqual(['2500', '3000']);
  });
});
