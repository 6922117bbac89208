import { describe, expect, it } from 'vitest';
import type { ReadyData } from '../../../src/models/index.js';
import { createHarness } from './harness.js';
import { readyData, readyFrame } from './fixtures.js';

/** Issue 16 §5: a READY that does not parse is reported and ignored; the connection identifies again. */
describe('a READY that does not parse', () => {
  it('mid-session (spaces: "__proto__"): no ready event, an invalid_data error, then a fresh IDENTIFY', async () => {
    const { gw, recorded, connectReady, runUntilNewSocket } = createHarness();
    const readies: ReadyData[] = [];
    gw.on('ready', (ready) => readies.push(ready));
    const first = await connectReady('sess-a');
    readies.length = 0;
    first.receive({ op: 0, type: 'ready', seq: 2, data: { ...readyData('sess-evil'), spaces: '__proto__', members: 7 } });
    expect(readies).toEqual([]);
    expect(recorded.errors).toHaveLength(1);
    expect(recorded.errors[0]).toMatchObject({ kind: 'invalid_data', eventType: 'ready' });
    expect(recorded.errors[0]?.message).toContain('spaces');
    expect(recorded.errors[0]?.message).toContain('members');
    expect(gw.state).toBe('connecting');
    expect(recorded.reconnecting).toHaveLength(1);
    const second = runUntilNewSocket();
    second.hello();
    expect(second.framesWithOp(3)).toHaveLength(0);
    expect(second.framesWithOp(2)).toHaveLength(1);
    second.receive(readyFrame('sess-b'));
    expect(gw.state).toBe('connected');
    expect(gw.sessionId).toBe('sess-b');
    expect(readies.map((ready) => ready.session_id)).toEqual(['sess-b']);
  });

  it('a READY missing its session id during login is not used either; the next good one is', async () => {
    const { gw, fake, recorded, runUntilNewSocket } = createHarness();
    const readies: string[] = [];
    gw.on('ready', (ready) => readies.push(ready.session_id));
    const login = gw.connect();
    const first = fake.last();
    first.hello();
    first.receive({ op: 0, type: 'ready', seq: 1, data: { ...readyData(), session_id: 5 } });
    expect(recorded.errors[0]).toMatchObject({ kind: 'invalid_data', eventType: 'ready' });
    expect(readies).toEqual([]);
    expect(gw.state).toBe('connecting');
    const second = runUntilNewSocket();
    second.hello();
    second.receive(readyFrame('sess-ok'));
    await login;
    expect(gw.sessionId).toBe('sess-ok');
    expect(readies).toEqual(['sess-ok']);
  });

  it('nested repairs stay tolerated: one bad member field is repaired and the READY is used', async () => {
    const { gw, fake, recorded } = createHarness();
    const readies: ReadyData[] = [];
    gw.on('ready', (ready) => readies.push(ready));
    const login = gw.connect();
    const socket = fake.last();
    socket.hello();
    const data = { ...readyData(), members: [{ user_id: 'u-1', space_id: 's-1', joined_at: 7 }] };
    socket.receive({ op: 0, type: 'ready', seq: 1, data });
    await login;
    expect(readies).toHaveLength(1);
    expect(readies[0]?.members[0]?.user_id).toBe('u-1');
    expect(recorded.errors[0]).toMatchObject({ kind: 'invalid_data', eventType: 'ready' });
  });
});
