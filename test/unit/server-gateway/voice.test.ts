import { describe, expect, it } from 'vitest';
import { createHarness } from './harness.js';
import type { Frame } from './harness.js';

function setup() {
  const h = createHarness();
  const ta = h.data.addUser('a');
  const tb = h.data.addUser('b');
  const ts = h.data.addUser('stranger');
  h.data.join('a', 's1');
  h.data.join('b', 's1');
  h.data.join('stranger', 's9');
  h.data.channels.set('v1', { id: 'v1', type: 'voice', space_id: 's1' });
  h.data.channels.set('v2', { id: 'v2', type: 'voice', space_id: 's1' });
  h.data.channels.set('t1', { id: 't1', type: 'text', space_id: 's1' });
  h.data.channels.set('v9', { id: 'v9', type: 'voice', space_id: 's9' });
  h.data.channels.set('dm', { id: 'dm', type: 'dm', space_id: null });
  h.data.participants.set('dm', ['a', 'b']);
  const a = h.identify(ta);
  const b = h.identify(tb);
  const stranger = h.identify(ts);
  return { h, a, b, stranger };
}

const voiceFrames = (frames: Frame[]) => frames.filter((f) => f.type?.startsWith('voice.') || f.type?.startsWith('call.'));

describe('op 9 voice (docs/protocol.md §1.16, §1.19)', () => {
  it('join: state_update to the space (own session too), then session-direct server_update without seq', () => {
    const { h, a, b, stranger } = setup();
    a.send({ op: 9, data: { space_id: 's1', channel_id: 'v1', self_mute: true } });
    const [state, server] = voiceFrames(a.transport.frames());
    expect(state).toMatchObject({
      type: 'voice.state_update',
      data: { user_id: 'a', space_id: 's1', channel_id: 'v1', session_id: a.sessionId, self_mute: true, self_deaf: false, deaf: false, mute: false, suppress: false },
    });
    expect(server).toMatchObject({ op: 0, type: 'voice.server_update', data: { space_id: 's1', channel_id: 'v1', backend: 'livekit', url: 'ws://127.0.0.1:1/voice-stub' } });
    expect(server).not.toHaveProperty('seq');
    expect(typeof (server?.data as { token: unknown }).token).toBe('string');
    expect(voiceFrames(b.transport.frames()).map((f) => f.type)).toEqual(['voice.state_update']);
    expect(voiceFrames(stranger.transport.frames())).toEqual([]);
    expect(h.gateway.live.voiceStates.get('a')?.channel_id).toBe('v1');
    // the state update took the session's latest seq; server_update is not in the replay buffer
    const session = h.gateway.registry.get(a.sessionId);
    expect(state?.seq).toBe(session?.seq);
    expect(session?.replay.entriesAfter(0).some((e) => e.frame.frameText(e.seq).includes('voice.server_update'))).toBe(false);
  });

  it('flag-only update re-broadcasts and replaces flags (omitted ones reset), no server_update', () => {
    const { h, a } = setup();
    a.send({ op: 9, data: { channel_id: 'v1', self_mute: true, self_deaf: true } });
    a.send({ op: 9, data: { channel_id: 'v1', self_deaf: true } });
    const frames = voiceFrames(a.transport.frames());
    expect(frames.map((f) => f.type)).toEqual(['voice.state_update', 'voice.server_update', 'voice.state_update']);
    expect(frames[2]?.data).toMatchObject({ self_mute: false, self_deaf: true });
    expect(h.gateway.live.voiceStates.get('a')).toMatchObject({ self_mute: false, self_deaf: true });
  });

  it('voice.server_update bypasses the intent gate; voice.state_update does not', () => {
    const { h } = setup();
    const quiet = h.identify('Bearer tok-a', ['messages']);
    quiet.send({ op: 9, data: { channel_id: 'v1' } });
    expect(voiceFrames(quiet.transport.frames()).map((f) => f.type)).toEqual(['voice.server_update']);
  });

  it('a move to another channel is a new join: state_update and a new server_update for it', () => {
    const { h, a, b } = setup();
    a.send({ op: 9, data: { channel_id: 'v1', self_mute: true } });
    a.send({ op: 9, data: { channel_id: 'v2' } });
    expect(voiceFrames(a.transport.frames()).map((f) => [f.type, (f.data as { channel_id: string }).channel_id])).toEqual([
      ['voice.state_update', 'v1'],
      ['voice.server_update', 'v1'],
      ['voice.state_update', 'v2'],
      ['voice.server_update', 'v2'],
    ]);
    // no separate leave for v1: the new state implies it
    expect(voiceFrames(b.transport.frames()).map((f) => (f.data as { channel_id: string }).channel_id)).toEqual(['v1', 'v2']);
    expect(h.gateway.live.voiceStates.get('a')).toMatchObject({ channel_id: 'v2', self_mute: false });
  });

  it('leave: state_update with channel_id null, the previous space and the session id', () => {
    const { h, a, b } = setup();
    a.send({ op: 9, data: { channel_id: 'v1' } });
    a.send({ op: 9, data: { channel_id: null } });
    expect(voiceFrames(b.transport.frames()).at(-1)?.data).toEqual({
      user_id: 'a', space_id: 's1', channel_id: null, session_id: a.sessionId, deaf: false, mute: false,
      self_deaf: false, self_mute: false, self_stream: false, self_video: false, suppress: false,
    });
    expect(h.gateway.live.voiceStates.has('a')).toBe(false);
    const before = b.transport.sent.length;
    a.send({ op: 9, data: { channel_id: null } }); // not in voice: nothing
    expect(b.transport.sent.length).toBe(before);
  });

  it.each([
    ['an unknown channel', { channel_id: 'nope' }],
    ['a space the session is not in', { channel_id: 'v9' }],
    ['a mismatched space_id', { space_id: 's9', channel_id: 'v1' }],
    ['an empty-string space_id', { space_id: '', channel_id: 'v1' }],
    ['a text channel', { channel_id: 't1' }],
    ['a space_id on a DM call', { space_id: 's1', channel_id: 'dm' }],
    ['a non-boolean flag', { channel_id: 'v1', self_mute: 'yes' }],
  ])('silently ignores %s', (_name, data) => {
    const { h, a } = setup();
    const before = a.transport.sent.length;
    a.send({ op: 9, data });
    expect(a.transport.sent.length).toBe(before);
    expect(h.gateway.live.voiceStates.has('a')).toBe(false);
  });

  it('ignores a join without connect permission or while timed out', () => {
    const { h, a } = setup();
    h.data.denied.add('a:v1:connect');
    a.send({ op: 9, data: { channel_id: 'v1' } });
    h.data.timedOut.add('a:s1');
    a.send({ op: 9, data: { channel_id: 'v2' } });
    expect(h.gateway.live.voiceStates.has('a')).toBe(false);
  });

  it('DM call: state to participants only; the last leave sends call.end', () => {
    const { h, a, b, stranger } = setup();
    a.send({ op: 9, data: { channel_id: 'dm', space_id: null } });
    expect(voiceFrames(b.transport.frames())[0]).toMatchObject({ type: 'voice.state_update', data: { space_id: null, channel_id: 'dm' } });
    expect(voiceFrames(a.transport.frames())[1]).toMatchObject({ type: 'voice.server_update', data: { space_id: null } });
    b.send({ op: 9, data: { channel_id: 'dm' } });
    a.send({ op: 9, data: { channel_id: null } });
    expect(voiceFrames(b.transport.frames()).map((f) => f.type).includes('call.end')).toBe(false);
    b.send({ op: 9, data: { channel_id: null } });
    expect(voiceFrames(a.transport.frames()).at(-1)).toMatchObject({ type: 'call.end', data: { channel_id: 'dm', user_id: 'b' } });
    expect(voiceFrames(stranger.transport.frames())).toEqual([]);
    expect(h.gateway.live.voiceStates.size).toBe(0);
  });

  it('rejects a DM call from a non-participant', () => {
    const { h, stranger } = setup();
    stranger.send({ op: 9, data: { channel_id: 'dm' } });
    expect(h.gateway.live.voiceStates.has('stranger')).toBe(false);
  });

  it('removes the voice state when the session ends, even a resumable drop', () => {
    const { h, a, b } = setup();
    a.send({ op: 9, data: { channel_id: 'v1' } });
    a.conn.transportClosed(false);
    expect(h.gateway.live.voiceStates.has('a')).toBe(false);
    expect(voiceFrames(b.transport.frames()).at(-1)).toMatchObject({ data: { user_id: 'a', channel_id: null } });
    // the parked session buffered its own leave, so a RESUME replays it
    expect(h.gateway.registry.get(a.sessionId)?.seq).toBe(4);
  });

  it('a session end removes only a voice state that session joined (superset)', () => {
    const { h, a } = setup();
    const other = h.identify('Bearer tok-a');
    a.send({ op: 9, data: { channel_id: 'v1' } });
    other.conn.transportClosed(true);
    expect(h.gateway.live.voiceStates.get('a')?.session_id).toBe(a.sessionId);
    a.conn.transportClosed(true);
    expect(h.gateway.live.voiceStates.has('a')).toBe(false);
  });

  it('READY voice_states list the user spaces states', () => {
    const { h, a, b } = setup();
    a.send({ op: 9, data: { channel_id: 'v1' } });
    const again = h.identify(h.data.addUser('b2', 'Bearer b2'));
    expect(again.ready.voice_states).toEqual([]);
    const bAgain = h.identify('Bearer tok-b');
    expect((bAgain.ready.voice_states as { user_id: string }[]).map((v) => v.user_id)).toEqual(['a']);
    expect(b).toBeDefined();
  });
});
