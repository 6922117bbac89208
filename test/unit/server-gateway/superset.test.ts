import { describe, expect, it } from 'vitest';
import { createHarness } from './harness.js';
import { MEMBER_CHUNK_SIZE } from '../../../src/server/gateway/members.js';

describe('op 10 REQUEST_MEMBERS -> member.chunk (superset)', () => {
  function setup(intents?: string[]) {
    const h = createHarness();
    const ta = h.data.addUser('a');
    for (const id of ['a', 'bob', 'bea', 'carl']) h.data.join(id, 's1');
    const a = h.identify(ta, intents);
    return { h, a };
  }

  it('sends the members with embedded users to the requesting session, seq-stamped', () => {
    const { a } = setup();
    a.send({ op: 10, data: { space_id: 's1' } });
    const chunk = a.transport.dispatches('member.chunk')[0];
    expect(chunk?.seq).toBe(2);
    const data = chunk?.data as { space_id: string; members: { user_id: string; user: { id: string } }[]; chunk_index: number; chunk_count: number };
    expect(data.space_id).toBe('s1');
    expect(data.members.map((m) => m.user_id)).toEqual(['a', 'bob', 'bea', 'carl']);
    expect(data.members[1]?.user.id).toBe('bob');
    expect([data.chunk_index, data.chunk_count]).toEqual([0, 1]);
  });

  it('filters by query prefix and limit, and reports not_found user ids', () => {
    const { a } = setup();
    a.send({ op: 10, data: { space_id: 's1', query: 'USER-B', limit: 1, nonce: 'n1' } });
    a.send({ op: 10, data: { space_id: 's1', user_ids: ['carl', 'ghost'] } });
    const [byQuery, byIds] = a.transport.dispatches('member.chunk').map((f) => f.data as Record<string, unknown>);
    expect((byQuery?.members as { user_id: string }[]).map((m) => m.user_id)).toEqual(['bob']);
    expect(byQuery?.nonce).toBe('n1');
    expect((byIds?.members as { user_id: string }[]).map((m) => m.user_id)).toEqual(['carl']);
    expect(byIds?.not_found).toEqual(['ghost']);
  });

  it('splits large member lists into chunks', () => {
    const h = createHarness();
    const ta = h.data.addUser('a');
    for (let i = 0; i < MEMBER_CHUNK_SIZE + 5; i += 1) h.data.join(`u${i}`, 's1');
    h.data.join('a', 's1');
    const a = h.identify(ta);
    a.send({ op: 10, data: { space_id: 's1' } });
    const chunks = a.transport.dispatches('member.chunk').map((f) => f.data as { chunk_index: number; chunk_count: number; members: unknown[] });
    expect(chunks.map((c) => [c.chunk_index, c.chunk_count, c.members.length])).toEqual([
      [0, 2, MEMBER_CHUNK_SIZE],
      [1, 2, 6],
    ]);
  });

  it('sends nothing without the members intent or for a space the session is not in', () => {
    const { a } = setup(['messages']);
    a.send({ op: 10, data: { space_id: 's1' } });
    a.send({ op: 10, data: { space_id: 's2' } });
    expect(a.transport.dispatches('member.chunk')).toEqual([]);
    expect(a.conn.ignoredFrames).toBe(2);
  });
});

describe('op 11 voice signal -> voice.signal (superset)', () => {
  function setup() {
    const h = createHarness();
    const tokens = ['a', 'b', 'c'].map((id) => h.data.addUser(id));
    for (const id of ['a', 'b', 'c']) h.data.join(id, 's1');
    h.data.channels.set('v1', { id: 'v1', type: 'voice', space_id: 's1' });
    h.data.channels.set('dm', { id: 'dm', type: 'dm', space_id: null });
    h.data.participants.set('dm', ['a', 'b']);
    const [a, b, c] = tokens.map((t) => h.identify(t));
    if (!a || !b || !c) throw new Error('setup');
    return { h, a, b, c };
  }

  it('goes to the voice peers in the channel (not the sender, not outsiders)', () => {
    const { a, b, c } = setup();
    a.send({ op: 9, data: { channel_id: 'v1' } });
    b.send({ op: 9, data: { channel_id: 'v1' } });
    a.send({ op: 11, data: { channel_id: 'v1', signal_type: 'offer', payload: { sdp: 'x' } } });
    expect(b.transport.dispatches('voice.signal').map((f) => f.data)).toEqual([
      { channel_id: 'v1', user_id: 'a', signal_type: 'offer', payload: { sdp: 'x' } },
    ]);
    expect(a.transport.dispatches('voice.signal')).toEqual([]);
    expect(c.transport.dispatches('voice.signal')).toEqual([]);
  });

  it('goes to the named target in a DM, and is ignored from a non-participant', () => {
    const { a, b, c } = setup();
    a.send({ op: 11, data: { channel_id: 'dm', target_user_id: 'b', signal_type: 'ice', payload: 1 } });
    c.send({ op: 11, data: { channel_id: 'dm', target_user_id: 'b', signal_type: 'ice', payload: 2 } });
    expect(b.transport.dispatches('voice.signal').map((f) => (f.data as { payload: number }).payload)).toEqual([1]);
    expect(c.conn.ignoredFrames).toBe(1);
  });
});
