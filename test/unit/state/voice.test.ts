import { describe, expect, it } from 'vitest';
import { channel, readyData, voiceState } from './fixtures.js';
import { setup } from './harness.js';

const withTwoVoiceChannels = () =>
  readyData({
    channels: [channel('c1', 's1'), channel('v1', 's1', { type: 'voice', position: 1 }), channel('v2', 's1', { type: 'voice', position: 2 })],
  });

describe('voice.state_update', () => {
  it('a join adds the state, sets voice_users and signals the channel', async () => {
    const h = await setup({ ready: withTwoVoiceChannels() });
    h.client.emit('voice.state_update', voiceState('u2', 's1', 'v1'));
    expect(h.store.voiceStates('v1').map((s) => s.user_id)).toEqual(['u2']);
    expect(h.store.channel('v1')?.voice_users).toBe(1);
    expect(h.signals).toEqual([['voiceStateUpdated', 'v1']]);
  });

  it('a move leaves the old channel and signals old and new', async () => {
    const h = await setup({ ready: withTwoVoiceChannels() });
    h.client.emit('voice.state_update', voiceState('u2', 's1', 'v1'));
    h.client.emit('voice.state_update', voiceState('u3', 's1', 'v1'));
    h.clearSignals();
    h.client.emit('voice.state_update', voiceState('u2', 's1', 'v2'));
    expect(h.store.voiceStates('v1').map((s) => s.user_id)).toEqual(['u3']);
    expect(h.store.voiceStates('v2').map((s) => s.user_id)).toEqual(['u2']);
    expect(h.store.channel('v1')?.voice_users).toBe(1);
    expect(h.store.channel('v2')?.voice_users).toBe(1);
    expect(h.signals).toEqual([
      ['voiceStateUpdated', 'v1'],
      ['voiceStateUpdated', 'v2'],
    ]);
  });

  it('a flag change in the same channel signals it once', async () => {
    const h = await setup({ ready: withTwoVoiceChannels() });
    h.client.emit('voice.state_update', voiceState('u2', 's1', 'v1'));
    h.clearSignals();
    h.client.emit('voice.state_update', voiceState('u2', 's1', 'v1', { self_mute: true }));
    expect(h.store.voiceStates('v1')[0]?.self_mute).toBe(true);
    expect(h.signals).toEqual([['voiceStateUpdated', 'v1']]);
  });

  it('a leave (channel_id null, other session id) removes the user', async () => {
    const h = await setup({ ready: withTwoVoiceChannels() });
    h.client.emit('voice.state_update', voiceState('u2', 's1', 'v1', { session_id: 'a' }));
    h.clearSignals();
    h.client.emit('voice.state_update', voiceState('u2', 's1', null, { session_id: 'b' }));
    expect(h.store.voiceStates('v1')).toEqual([]);
    expect(h.store.channel('v1')?.voice_users).toBe(0);
    expect(h.signals).toEqual([['voiceStateUpdated', 'v1']]);
  });

  it('hydrates READY voice states', async () => {
    const h = await setup({ ready: readyData({ voice_states: [voiceState('u2', 's1', 'v1'), voiceState('u3', 's1', 'v1')] }) });
    expect(h.store.voiceStates('v1').map((s) => s.user_id)).toEqual(['u2', 'u3']);
    expect(h.store.channel('v1')?.voice_users).toBe(2);
  });

  it('the server removing me while in voice emits voiceLeft(channelId, false)', async () => {
    const h = await setup({ ready: withTwoVoiceChannels() });
    h.client.emit('voice.state_update', voiceState('u1', 's1', 'v1'));
    h.clearSignals();
    h.client.emit('voice.state_update', voiceState('u1', 's1', null));
    expect(h.signals).toEqual([
      ['voiceStateUpdated', 'v1'],
      ['voiceLeft', 'v1', false],
    ]);
  });

  it('my own leave through store.leaveVoice() emits voiceLeft(channelId, true)', async () => {
    const h = await setup({ ready: withTwoVoiceChannels() });
    h.client.emit('voice.state_update', voiceState('u1', 's1', 'v1'));
    h.store.leaveVoice();
    expect(h.client.voiceRequests).toEqual([{ spaceId: 's1', channelId: null }]);
    h.clearSignals();
    h.client.emit('voice.state_update', voiceState('u1', 's1', null));
    expect(h.signals).toEqual([
      ['voiceStateUpdated', 'v1'],
      ['voiceLeft', 'v1', true],
    ]);
  });

  it('my move to another channel is not a leave', async () => {
    const h = await setup({ ready: withTwoVoiceChannels() });
    h.client.emit('voice.state_update', voiceState('u1', 's1', 'v1'));
    h.client.emit('voice.state_update', voiceState('u1', 's1', 'v2'));
    expect(h.signals.filter(([name]) => name === 'voiceLeft')).toEqual([]);
  });

  it('joinVoice sends op 9 for the channel through its connection', async () => {
    const h = await setup({ ready: withTwoVoiceChannels() });
    h.store.joinVoice('v2', { selfMute: true });
    expect(h.client.voiceRequests).toEqual([{ spaceId: 's1', channelId: 'v2', selfMute: true }]);
  });
});

describe('voice.server_update / voice.signal', () => {
  it('stores the voice server info per connection', async () => {
    const h = await setup();
    const info = { space_id: 's1', channel_id: 'v1', backend: 'livekit', url: 'wss://lk', token: 'jwt' };
    h.client.emit('voice.server_update', info);
    expect(h.store.voiceServer(h.conn.index)).toEqual(info);
    expect(h.store.voiceServer(99)).toBeNull();
  });

  it('forwards voice.signal to the registered handler with the connection index', async () => {
    const h = await setup();
    const seen: unknown[] = [];
    h.store.setVoiceSessionHandler((signal, connIndex) => seen.push([signal, connIndex]));
    const signal = { user_id: 'u2', channel_id: 'v1', signal_type: 'offer', payload: { sdp: 'x' } };
    h.client.emit('voice.signal', signal);
    expect(seen).toEqual([[signal, h.conn.index]]);
  });
});
