import { describe, expect, it } from 'vitest';
import { GatewayNotConnectedError } from '../../../src/gateway/index.js';
import { OutboundQueue, pacedBudget, pacingSlackMs } from '../../../src/gateway/outbound-queue.js';
import { FakeClock } from '../../../src/util/fake-clock.js';
import { createHarness } from './harness.js';

describe('outbound ops (behaviour 9)', () => {
  it('writes ops 8–11 in the wire shape', async () => {
    const { gw, connectReady } = createHarness();
    const socket = await connectReady();
    await gw.updatePresence('dnd', { name: 'Chess' });
    await gw.updatePresence('online');
    await gw.updateVoiceState({ spaceId: 's-1', channelId: 'v-1', selfMute: true });
    await gw.updateVoiceState({ channelId: 'dm-1' });
    await gw.updateVoiceState({ spaceId: null, channelId: null });
    await gw.requestMembers('s-1', 'al', 5);
    await gw.sendVoiceSignal({ channelId: 'v-1', targetUserId: 'u-9', signalType: 'offer', payload: { sdp: 'x' } });
    const sent = socket.frames.filter((frame) => frame.op >= 8);
    expect(sent).toEqual([
      { op: 8, data: { status: 'dnd', activity: { name: 'Chess' } } },
      { op: 8, data: { status: 'online', activity: null } },
      { op: 9, data: { channel_id: 'v-1', space_id: 's-1', self_mute: true, self_deaf: false, self_video: false, self_stream: false } },
      { op: 9, data: { channel_id: 'dm-1', self_mute: false, self_deaf: false, self_video: false, self_stream: false } },
      { op: 9, data: { channel_id: null, self_mute: false, self_deaf: false, self_video: false, self_stream: false } },
      { op: 10, data: { space_id: 's-1', query: 'al', limit: 5 } },
      { op: 11, data: { channel_id: 'v-1', target_user_id: 'u-9', signal_type: 'offer', payload: { sdp: 'x' } } },
    ]);
    expect('space_id' in (sent[3]?.data as object)).toBe(false);
  });

  it('throws a typed GatewayNotConnectedError while not connected', () => {
    const { gw } = createHarness();
    expect(() => gw.updatePresence('idle')).toThrow(GatewayNotConnectedError);
    expect(() => gw.requestMembers('s')).toThrow(/op 10 while disconnected/);
  });

  it('paces ops under the limit instead of dropping them; heartbeats are exempt', async () => {
    const { clock, gw, connectReady } = createHarness({
      outboundRateLimit: { frames: 3, windowMs: 10_000 },
      random: () => 0,
    });
    const socket = await connectReady('s', 1000);
    const sends = [1, 2, 3, 4, 5, 6, 7].map((n) => gw.updatePresence('online', { name: `a${n}` }));
    expect(socket.framesWithOp(8)).toHaveLength(3);
    clock.advance(0); // first beat (jitter 0)
    socket.receive({ op: 4 });
    for (let i = 0; i < 5; i++) {
      clock.advance(1000); // heartbeats keep flowing while ops wait
      socket.receive({ op: 4 });
    }
    expect(socket.framesWithOp(1)).toHaveLength(6);
    expect(socket.framesWithOp(8)).toHaveLength(3);
    for (let i = 0; i < 5; i++) {
      clock.advance(1000);
      socket.receive({ op: 4 });
    }
    // t = 10 s: the window has passed, but the slack (a tenth of it) has not.
    expect(socket.framesWithOp(8)).toHaveLength(3);
    clock.advance(999);
    expect(socket.framesWithOp(8)).toHaveLength(3);
    clock.advance(1);
    socket.receive({ op: 4 });
    expect(socket.framesWithOp(8)).toHaveLength(6);
    for (let i = 0; i < 11; i++) {
      clock.advance(1000);
      socket.receive({ op: 4 });
    }
    await Promise.all(sends);
    const names = socket.framesWithOp(8).map((frame) => (frame.data as { activity: { name: string } }).activity.name);
    expect(names).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7']);
  });

  it('keeps the default 120/60 s budget with 10 frames spare and 5 s of slack', () => {
    expect(pacedBudget({ frames: 120, windowMs: 60_000 })).toBe(110);
    expect(pacingSlackMs({ frames: 120, windowMs: 60_000 })).toBe(5000);
    expect(pacingSlackMs({ frames: 10, windowMs: 1000 })).toBe(100);
    expect(pacingSlackMs({ frames: 10, windowMs: 1000, slackMs: 250 })).toBe(250);
  });

  it('a late burst cannot share a server window with the next one (the server counts arrivals)', () => {
    // The server's fixed window opens at the first arrival after the previous one expired and
    // closes windowMs later. Burst 1 arrives 40 ms late, burst 2 on time: with no slack both
    // would land in one window.
    const limit = { frames: 10, windowMs: 1000 };
    const clock = new FakeClock();
    const times: number[] = [];
    const queue = new OutboundQueue(clock, limit, () => {
      times.push(clock.now());
      return true;
    });
    queue.setOpen(true);
    for (let i = 0; i < 20; i++) void queue.enqueue('{}');
    clock.advance(5000);
    const arrivals = times.map((sent, index) => sent + (index < 10 ? 40 : 0));
    const windowStart = arrivals[0] ?? 0;
    const inFirstWindow = arrivals.filter((at) => at >= windowStart && at < windowStart + limit.windowMs);
    expect(inFirstWindow.length).toBeLessThanOrEqual(limit.frames);
    expect(times[10]).toBe(1100);
  });

  it('never lets any window of windowMs + slack hold more than the budget', () => {
    const clock = new FakeClock();
    const times: number[] = [];
    const queue = new OutboundQueue(clock, { frames: 120, windowMs: 60_000 }, () => {
      times.push(clock.now());
      return true;
    });
    queue.setOpen(true);
    for (let i = 0; i < 400; i++) {
      void queue.enqueue('{}');
      if (i % 7 === 0) clock.advance(333);
    }
    clock.advance(600_000);
    expect(times).toHaveLength(400);
    for (let i = 0; i + 110 < times.length; i++) {
      expect((times[i + 110] ?? 0) - (times[i] ?? 0)).toBeGreaterThanOrEqual(65_000);
    }
  });

  it('queued ops wait through a resume and are rejected only when the socket stops for good', async () => {
    const { gw, connectReady, runUntilNewSocket } = createHarness({ outboundRateLimit: { frames: 1, windowMs: 60_000 } });
    const socket = await connectReady('s');
    await gw.updatePresence('idle');
    const waiting = gw.updatePresence('dnd');
    socket.drop(1006);
    const next = runUntilNewSocket();
    next.hello();
    gw.disconnect();
    await expect(waiting).rejects.toThrow();
    expect(next.framesWithOp(8)).toHaveLength(0);
  });
});
