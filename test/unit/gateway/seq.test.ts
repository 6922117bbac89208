import { describe, expect, it } from 'vitest';
import type { Message } from '../../../src/models/index.js';
import { createHarness } from './harness.js';
import { messageFrame, resumedFrame } from './fixtures.js';

describe('seq tracking and replay (behaviour 3)', () => {
  it('tracks the last dispatch seq; frames without seq never reset it', async () => {
    const { gw, connectReady } = createHarness();
    const socket = await connectReady();
    socket.receive(messageFrame(2));
    socket.receive(messageFrame(3));
    socket.receive({ op: 4 });
    socket.receive({ op: 0, type: 'voice.server_update', data: { token: 'lk', url: 'wss://lk', channel_id: 'c', space_id: null } });
    expect(gw.seq).toBe(3);
  });

  it('dispatches replayed events in order and once; `resumed` repeats the seq without advancing it', async () => {
    const { gw, recorded, connectReady, runUntilNewSocket } = createHarness();
    const seen: string[] = [];
    gw.on('message.create', (message: Message) => seen.push(message.id));
    const first = await connectReady('sess-r');
    first.receive(messageFrame(2));
    first.receive(messageFrame(3));
    first.drop(1006);
    const second = runUntilNewSocket();
    second.hello();
    // the server replays 3 again (overlap), then 4 and 5, then `resumed` with the current seq 5
    second.receive(messageFrame(3));
    second.receive(messageFrame(4));
    second.receive(messageFrame(5));
    second.receive(resumedFrame('sess-r', 5, 3));
    expect(gw.seq).toBe(5);
    second.receive(messageFrame(6));
    second.receive(messageFrame(6));
    expect(seen).toEqual(['m-2', 'm-3', 'm-4', 'm-5', 'm-6']);
    expect(gw.seq).toBe(6);
    expect(recorded.recovered).toEqual([{ kind: 'resumed', replayed: 2 }]);
    expect(recorded.raw.filter(([type]) => type === 'resumed')).toHaveLength(1);
  });
});
