import { describe, expect, it } from 'vitest';
import type { Space, UnreadChannel, VoiceState } from '../../../src/models/index.js';
import { deferred, flush } from './fake-client.js';
import { channel, member, message, readyData, role, space, user, voiceState } from './fixtures.js';
import { setup, type Harness } from './harness.js';

const unread = (channelId: string, spaceId: string | null, mentions = 0): UnreadChannel => ({
  channel_id: channelId,
  space_id: spaceId,
  last_read_message_id: null,
  last_message_id: '5000',
  mention_count: mentions,
});

/** The REST answers for space s9: text channels c9, c10 and voice channel v9. */
function serveSpace9(h: Harness): void {
  h.client.rest.getSpace.mockResolvedValue(space('s9'));
  h.client.rest.listSpaceChannels.mockResolvedValue([
    channel('c9', 's9'),
    channel('c10', 's9', { position: 1 }),
    channel('v9', 's9', { type: 'voice', position: 2 }),
  ]);
  h.client.rest.listMembers.mockResolvedValue([member('s9', 'u1'), member('s9', 'u2'), member('s9', 'u3')]);
  h.client.rest.listRoles.mockResolvedValue([role('r9', 0)]);
}

const joinS9 = (h: Harness) => h.client.emit('member.join', { space_id: 's9', user: user('u1'), joined_at: 'now' });

describe('my own member.join (joining or re-joining a space)', () => {
  it('loads the unread flags, mention counts and voice states of the space', async () => {
    const h = await setup();
    serveSpace9(h);
    h.client.rest.listReadStates.mockResolvedValue([unread('c9', 's9', 2), unread('c1', 's1')]);
    h.client.rest.listVoiceStates.mockImplementation((channelId: string) =>
      Promise.resolve(channelId === 'v9' ? [voiceState('u2', 's9', 'v9', { self_mute: true })] : []),
    );
    joinS9(h);
    await flush();
    expect(h.store.isUnread('c9')).toBe(true);
    expect(h.store.mentionCount('c9')).toBe(2);
    expect(h.store.isUnread('c10')).toBe(false);
    // Another space's entry is not this load's business.
    expect(h.store.isUnread('c1')).toBe(false);
    expect(h.client.rest.listVoiceStates).toHaveBeenCalledTimes(1);
    expect(h.client.rest.listVoiceStates).toHaveBeenCalledWith('v9');
    expect(h.store.voiceStates('v9').map((s) => [s.user_id, s.self_mute])).toEqual([['u2', true]]);
    expect(h.store.channel('v9')?.voice_users).toBe(1);
    expect(h.signals).toContainEqual(['messagesUpdated', 'c9']);
    expect(h.signals).toContainEqual(['voiceStateUpdated', 'v9']);
  });

  it('caches the users of the space it loads (with their presence), not only the members', async () => {
    const h = await setup();
    serveSpace9(h);
    h.client.rest.listMembers.mockResolvedValue([
      member('s9', 'u1', { user: user('u1') }),
      member('s9', 'u7', { user: user('u7', { display_name: 'Seven' }) }),
      member('s9', 'u8'),
    ]);
    h.client.rest.getUser.mockResolvedValue(user('u8'));
    // u7 shares no other space with me; its presence arrives while the space loads.
    h.client.emit('presence.update', { user_id: 'u7', status: 'dnd', client_status: {}, activities: [] });
    joinS9(h);
    await flush();
    expect(h.client.rest.listMembers).toHaveBeenCalledWith('s9', { withUser: true });
    expect(h.store.user('u7')?.display_name).toBe('Seven');
    expect(h.store.user('u7')?.status).toBe('dnd');
    expect(h.store.member('s9', 'u7')?.status).toBe('dnd');
    expect(h.store.user('u8')?.id).toBe('u8');
  });

  it('after leaving and re-joining, the space is as the server has it', async () => {
    const h = await setup({ ready: readyData({ spaces: [space('s1'), space('s9')], channels: [channel('c1', 's1'), channel('c9', 's9'), channel('v9', 's9', { type: 'voice' })] }) });
    h.client.emit('voice.state_update', voiceState('u3', 's9', 'v9'));
    h.client.emit('member.leave', { space_id: 's9', user_id: 'u1' });
    expect(h.store.voiceStates('v9')).toEqual([]);
    serveSpace9(h);
    h.client.rest.listReadStates.mockResolvedValue([unread('c10', 's9')]);
    h.client.rest.listVoiceStates.mockResolvedValue([voiceState('u2', 's9', 'v9')]);
    joinS9(h);
    await flush();
    expect(h.store.isUnread('c10')).toBe(true);
    expect(h.store.voiceStates('v9').map((s) => s.user_id)).toEqual(['u2']);
  });

  it('events that arrive while the loads are in flight win over the (older) answers', async () => {
    const h = await setup();
    serveSpace9(h);
    const readStates = deferred<UnreadChannel[]>();
    const voice = deferred<VoiceState[]>();
    h.client.rest.listReadStates.mockReturnValueOnce(readStates.promise);
    h.client.rest.listVoiceStates.mockReturnValueOnce(voice.promise);
    joinS9(h);
    await flush();
    // Meanwhile: u2 left voice, u3 joined it, another session of mine read c9, u2 posted in c10.
    h.client.emit('voice.state_update', voiceState('u2', 's9', null));
    h.client.emit('voice.state_update', voiceState('u3', 's9', 'v9'));
    h.client.emit('read_state.update', { channel_id: 'c9', last_read_message_id: '5000', mention_count: 0 });
    h.client.emit('message.create', message('c10', 'u2', { space_id: 's9' }));
    readStates.resolve([unread('c9', 's9', 1)]);
    voice.resolve([voiceState('u2', 's9', 'v9')]);
    await flush();
    expect(h.store.voiceStates('v9').map((s) => s.user_id)).toEqual(['u3']);
    expect(h.store.isUnread('c9')).toBe(false);
    expect(h.store.mentionCount('c9')).toBe(0);
    expect(h.store.isUnread('c10')).toBe(true);
  });

  it('leaving again before the space arrived cancels the load; a re-join loads it again', async () => {
    const h = await setup();
    serveSpace9(h);
    const first = deferred<Space>();
    h.client.rest.getSpace.mockReturnValueOnce(first.promise);
    joinS9(h);
    h.client.emit('member.leave', { space_id: 's9', user_id: 'u1' });
    first.resolve(space('s9'));
    await flush();
    expect(h.store.space('s9')).toBeUndefined();
    expect(h.conn.spaceIds).toEqual(['s1']);

    const second = deferred<Space>();
    const third = deferred<Space>();
    h.client.rest.getSpace.mockReturnValueOnce(second.promise).mockReturnValueOnce(third.promise);
    joinS9(h);
    h.client.emit('member.leave', { space_id: 's9', user_id: 'u1' });
    joinS9(h);
    second.resolve(space('s9'));
    third.resolve(space('s9'));
    await flush();
    expect(h.conn.spaceIds).toEqual(['s1', 's9']);
    expect(h.store.channels('s9').map((c) => c.id)).toEqual(['c9', 'c10', 'v9']);
  });

  it('a load that asks while a read-state GET is in flight uses the GET sent after it (the first may predate a message)', async () => {
    const h = await setup();
    serveSpace9(h);
    const first = deferred<UnreadChannel[]>();
    h.client.rest.listReadStates.mockReturnValueOnce(first.promise).mockResolvedValueOnce([unread('c9', 's9')]);
    joinS9(h);
    await flush();
    h.client.emit('member.leave', { space_id: 's9', user_id: 'u1' });
    // While I was out, u2 posted in c9: no event told me; the first GET was sent before.
    joinS9(h);
    await flush();
    expect(h.client.rest.listReadStates).toHaveBeenCalledTimes(1);
    first.resolve([]);
    await flush();
    expect(h.client.rest.listReadStates).toHaveBeenCalledTimes(2);
    expect(h.store.isUnread('c9')).toBe(true);
  });

  it('a delete after a re-join does not mark read a channel whose unread message was posted while I was out', async () => {
    const h = await setup();
    serveSpace9(h);
    joinS9(h);
    await flush();
    // Before leaving, c9 was read up to a message of u2's.
    const read = message('c9', 'u2', { space_id: 's9' });
    h.client.emit('message.create', read);
    h.client.emit('read_state.update', { channel_id: 'c9', last_read_message_id: read.id, mention_count: 0 });
    expect(h.store.isUnread('c9')).toBe(false);
    h.client.emit('member.leave', { space_id: 's9', user_id: 'u1' });
    // While I was out, u2 posted in c9 (no event told me); the re-join's read states say so.
    h.client.rest.listReadStates.mockResolvedValue([{ ...unread('c9', 's9'), last_read_message_id: read.id }]);
    joinS9(h);
    await flush();
    expect(h.store.isUnread('c9')).toBe(true);
    // A message that arrives and goes again leaves the one I never saw unread.
    const passing = message('c9', 'u3', { space_id: 's9' });
    h.client.emit('message.create', passing);
    h.client.emit('message.delete', { id: passing.id, channel_id: 'c9', space_id: 's9' });
    expect(h.store.isUnread('c9')).toBe(true);
  });

  it('the channel I have open is not marked unread', async () => {
    const h = await setup();
    serveSpace9(h);
    h.client.rest.listReadStates.mockResolvedValue([unread('c9', 's9', 1), unread('c10', 's9')]);
    h.store.currentChannelId = 'c9';
    joinS9(h);
    await flush();
    expect(h.store.isUnread('c9')).toBe(false);
    expect(h.store.isUnread('c10')).toBe(true);
  });
});

describe('a READY that lacks a space\'s channels', () => {
  it('loads them with their unread flags and voice states; one read-states request for all spaces', async () => {
    const clientReady = readyData({ spaces: [space('s1'), space('s9')] });
    const h = await setup({ ready: readyData() });
    serveSpace9(h);
    h.client.rest.listReadStates.mockResolvedValue([unread('c9', 's9')]);
    h.client.rest.listVoiceStates.mockResolvedValue([voiceState('u3', 's9', 'v9')]);
    h.client.emit('ready', { ...clientReady, roles: [role('r0', 0), role('r1', 1), role('r9', 0)] });
    await flush();
    expect(h.store.channels('s9').map((c) => c.id)).toEqual(['c9', 'c10', 'v9']);
    expect(h.store.isUnread('c9')).toBe(true);
    expect(h.store.voiceStates('v9').map((s) => s.user_id)).toEqual(['u3']);
    expect(h.client.rest.listReadStates).toHaveBeenCalledTimes(1);
  });
});
