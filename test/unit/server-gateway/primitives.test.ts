import { describe, expect, it } from 'vitest';
import { nextSnowflake, snowflakeTimestamp } from '../../../src/server/ids.js';
import { parseEnvelope, parseIdentify, parsePresenceUpdate, parseResume } from '../../../src/server/gateway/inbound.js';
import { ReplayBuffer } from '../../../src/server/gateway/replay-buffer.js';
import type { ReplayEntry } from '../../../src/server/gateway/replay-buffer.js';
import { dispatchPrefix, serializeData, SharedDispatch, seqTail } from '../../../src/server/gateway/outbound.js';

describe('nextSnowflake', () => {
  it('is strictly increasing, also within one millisecond and when the clock goes back', () => {
    const ids = [nextSnowflake(Date.UTC(2025, 0, 1)), nextSnowflake(Date.UTC(2025, 0, 1)), nextSnowflake(Date.UTC(2024, 6, 1))];
    for (let i = 1; i < 5000; i += 1) ids.push(nextSnowflake(Date.UTC(2025, 0, 2)));
    for (let i = 1; i < ids.length; i += 1) expect(BigInt(ids[i] as string) > BigInt(ids[i - 1] as string)).toBe(true);
  });

  it('encodes ms since 2024-01-01 above 22 bits', () => {
    const at = Date.UTC(2030, 5, 1);
    const id = nextSnowflake(at);
    expect(snowflakeTimestamp(id)).toBeGreaterThanOrEqual(at);
    expect(/^\d+$/.test(id)).toBe(true);
  });
});

describe('parseEnvelope', () => {
  it('accepts integer op/seq and a string or null type', () => {
    expect(parseEnvelope('{"op":1,"seq":null,"type":null,"data":5}')).toEqual({ op: 1, data: 5 });
  });

  it.each([
    ['not json', '{op:1}'],
    ['array', '[1]'],
    ['float op', '{"op":1.0}'],
    ['exponent op', '{"op":1e0}'],
    ['float seq', '{"op":1,"seq":17.0}'],
    ['op out of range', '{"op":256}'],
    ['negative op', '{"op":-1}'],
    ['missing op', '{"data":1}'],
    ['string seq', '{"op":1,"seq":"abc"}'],
    ['negative seq', '{"op":1,"seq":-2}'],
    ['numeric type', '{"op":0,"type":3}'],
  ])('treats %s as bad JSON', (_name, text) => {
    expect(parseEnvelope(text)).toBeNull();
  });
});

describe('IDENTIFY / RESUME / op 8 data', () => {
  it('requires a token and intents as an array of strings', () => {
    expect(parseIdentify({ token: 'Bot x', intents: [] })).not.toBeNull();
    expect(parseIdentify({ token: 'Bot x' })).toBeNull();
    expect(parseIdentify({ token: 'Bot x', intents: null })).toBeNull();
    expect(parseIdentify({ token: 'Bot x', intents: 513 })).toBeNull();
    expect(parseIdentify({ token: 'Bot x', intents: ['messages', 1] })).toBeNull();
    expect(parseIdentify({ intents: [] })).toBeNull();
  });

  it('reads presence: activities win over activity, unknown status is no preference', () => {
    expect(parseIdentify({ token: 't', intents: [], presence: { status: 'dnd', activities: [{ name: 'a' }], activity: { name: 'b' } } })?.presence).toEqual({
      status: 'dnd',
      activities: [{ name: 'a' }],
    });
    expect(parseIdentify({ token: 't', intents: [], presence: { status: 'away', activity: { name: 'b' } } })?.presence).toEqual({
      status: null,
      activities: [{ name: 'b' }],
    });
    expect(parseIdentify({ token: 't', intents: [], presence: {} })?.presence).toEqual({ status: null, activities: null });
  });

  it('defaults RESUME seq to 0 and rejects a missing session_id', () => {
    expect(parseResume({ token: 't', session_id: '1' })).toEqual({ token: 't', sessionId: '1', seq: 0 });
    expect(parseResume({ token: 't', seq: 3 })).toBeNull();
    expect(parseResume({ token: 't', session_id: '1', seq: -1 })).toBeNull();
  });

  it('op 8: status required, unknown strings are online, only the singular activity is read', () => {
    expect(parsePresenceUpdate({ activity: null })).toBeNull();
    expect(parsePresenceUpdate({ status: 'sleeping', activities: [{ name: 'x' }] })).toEqual({ status: 'online', activities: [] });
    expect(parsePresenceUpdate({ status: 'idle', activity: { name: 'chess' } })).toEqual({ status: 'idle', activities: [{ name: 'chess' }] });
  });
});

const texts = (entries: ReplayEntry[]): string[] => entries.map((e) => JSON.parse(e.frame.frameText(e.seq)).data as string);

describe('ReplayBuffer', () => {
  it('keeps the newest N frames in order and evicts the oldest', () => {
    const buffer = new ReplayBuffer({ frames: 3, bytes: 1 << 20 });
    for (let seq = 2; seq <= 6; seq += 1) buffer.push(seq, new SharedDispatch('x', JSON.stringify(`f${seq}`)));
    expect(buffer.oldestSeq()).toBe(4);
    expect(texts(buffer.entriesAfter(3))).toEqual(['f4', 'f5', 'f6']);
    expect(texts(buffer.entriesAfter(5))).toEqual(['f6']);
    expect(buffer.entriesAfter(6)).toEqual([]);
  });

  it('derives each seq right across wrap-around, byte eviction and clear()', () => {
    const frame = (seq: number): SharedDispatch => new SharedDispatch('x', JSON.stringify(`f${seq}`));
    const seqs = (entries: ReplayEntry[]): number[] => entries.map((e) => e.seq);
    const buffer = new ReplayBuffer({ frames: 4, bytes: 1 << 20 });
    // seqs 2..12 through 4 slots: the ring wraps more than twice
    for (let seq = 2; seq <= 12; seq += 1) buffer.push(seq, frame(seq));
    expect(buffer.size).toBe(4);
    expect(buffer.oldestSeq()).toBe(9);
    expect(seqs(buffer.entriesAfter(0))).toEqual([9, 10, 11, 12]);
    expect(seqs(buffer.entriesAfter(10))).toEqual([11, 12]);
    expect(texts(buffer.entriesAfter(8))).toEqual(['f9', 'f10', 'f11', 'f12']);
    expect(buffer.entriesAfter(12)).toEqual([]);

    // a frame too big to keep empties the buffer; the run restarts after it
    const small = new ReplayBuffer({ frames: 4, bytes: frame(20).byteLength * 2 });
    for (let seq = 20; seq <= 25; seq += 1) small.push(seq, frame(seq));
    expect(seqs(small.entriesAfter(0))).toEqual([24, 25]); // byte-bounded while wrapping
    small.push(26, new SharedDispatch('x', JSON.stringify('z'.repeat(1000))));
    expect(small.size).toBe(0);
    expect(small.oldestSeq()).toBeUndefined();
    expect(small.entriesAfter(0)).toEqual([]);
    for (let seq = 27; seq <= 28; seq += 1) small.push(seq, frame(seq));
    expect(small.oldestSeq()).toBe(27);
    expect(seqs(small.entriesAfter(0))).toEqual([27, 28]);
    expect(texts(small.entriesAfter(27))).toEqual(['f28']);

    buffer.clear();
    expect(buffer.size).toBe(0);
    expect(buffer.byteLength).toBe(0);
    expect(buffer.oldestSeq()).toBeUndefined();
    for (let seq = 40; seq <= 45; seq += 1) buffer.push(seq, frame(seq));
    expect(buffer.oldestSeq()).toBe(42);
    expect(seqs(buffer.entriesAfter(41))).toEqual([42, 43, 44, 45]);
    expect(texts(buffer.entriesAfter(43))).toEqual(['f44', 'f45']);

    // a seq that does not follow the newest starts a new run instead of mislabelling frames
    buffer.push(50, frame(50));
    expect(buffer.oldestSeq()).toBe(50);
    expect(seqs(buffer.entriesAfter(0))).toEqual([50]);
  });
});

describe('dispatch frames', () => {
  it('serializes data once and splices each seq in', () => {
    const prefix = dispatchPrefix('message.create', serializeData({ id: '1' }));
    expect(JSON.parse(prefix + seqTail(7))).toEqual({ op: 0, type: 'message.create', data: { id: '1' }, seq: 7 });
    expect(JSON.parse(dispatchPrefix('x', serializeData(undefined)) + seqTail(2))).toEqual({ op: 0, type: 'x', data: null, seq: 2 });
    // One encoding shared by every session: the bytes plus a session's tail are that frame.
    const shared = new SharedDispatch('message.create', serializeData({ id: '1' }));
    expect(JSON.parse(Buffer.concat([shared.body, Buffer.from(seqTail(9))]).toString('utf8'))).toEqual({ op: 0, type: 'message.create', data: { id: '1' }, seq: 9 });
  });
});
