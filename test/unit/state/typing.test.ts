import { describe, expect, it } from 'vitest';
import { setup } from './harness.js';

describe('typing.start', () => {
  it('signals typingStarted with the display name, then typingStopped after 10 s', async () => {
    const h = await setup();
    h.client.emit('typing.start', { channel_id: 'c1', user_id: 'u2' });
    expect(h.signals).toEqual([['typingStarted', 'c1', 'User u2']]);
    h.clock.advance(9_999);
    expect(h.signals).toHaveLength(1);
    h.clock.advance(1);
    expect(h.signals).toEqual([
      ['typingStarted', 'c1', 'User u2'],
      ['typingStopped', 'c1'],
    ]);
  });

  it('falls back to "Someone" for an unknown user', async () => {
    const h = await setup();
    h.client.emit('typing.start', { channel_id: 'c1', user_id: 'stranger' });
    expect(h.signals).toEqual([['typingStarted', 'c1', 'Someone']]);
  });

  it('ignores my own typing', async () => {
    const h = await setup();
    h.client.emit('typing.start', { channel_id: 'c1', user_id: 'u1' });
    h.clock.advance(20_000);
    expect(h.signals).toEqual([]);
    expect(h.clock.pending).toBe(0);
  });

  it('times out from the LAST start in the channel', async () => {
    const h = await setup();
    h.client.emit('typing.start', { channel_id: 'c1', user_id: 'u2' });
    h.clock.advance(6_000);
    h.client.emit('typing.start', { channel_id: 'c1', user_id: 'u3' });
    h.clock.advance(6_000);
    expect(h.signals.filter(([name]) => name === 'typingStopped')).toEqual([]);
    h.clock.advance(4_000);
    expect(h.signals).toEqual([
      ['typingStarted', 'c1', 'User u2'],
      ['typingStarted', 'c1', 'User u3'],
      ['typingStopped', 'c1'],
    ]);
    expect(h.clock.pending).toBe(0);
  });

  it('keeps one timer per channel', async () => {
    const h = await setup();
    h.client.emit('typing.start', { channel_id: 'c1', user_id: 'u2' });
    h.clock.advance(5_000);
    h.client.emit('typing.start', { channel_id: 'c2', user_id: 'u2' });
    h.clock.advance(5_000);
    expect(h.signals.at(-1)).toEqual(['typingStopped', 'c1']);
    h.clock.advance(5_000);
    expect(h.signals.at(-1)).toEqual(['typingStopped', 'c2']);
  });

  it('honours typingTimeoutMs', async () => {
    const h = await setup({ store: { typingTimeoutMs: 3_000 } });
    h.client.emit('typing.start', { channel_id: 'c1', user_id: 'u2' });
    h.clock.advance(3_000);
    expect(h.signals.at(-1)).toEqual(['typingStopped', 'c1']);
  });

  it('ignores channels the connection does not know', async () => {
    const h = await setup();
    h.client.emit('typing.start', { channel_id: 'elsewhere', user_id: 'u2' });
    expect(h.signals).toEqual([]);
  });
});
