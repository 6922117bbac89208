import { describe, expect, it } from 'vitest';
import { Prng } from '../../src/testing/prng.js';
import { FAULT_KINDS, countByKind, generateFaultSchedule } from '../../src/testing/fault-schedule.js';
import { FrameMutator, MUTATION_KINDS } from '../../src/testing/frame-mutator.js';
import { ClientFrameMutator } from '../../src/testing/client-frame-mutator.js';
import { classifyInboundFrame, expectedHandshakeAnswer, expectedLiveAnswer, mustReport } from '../../src/testing/frame-oracle.js';
import { exampleEvents, madeUpIds } from '../../src/testing/fuzz-examples.js';
import { SeqAuditor } from '../../src/testing/seq-audit.js';
import { compareStoreWithServer } from '../../src/testing/converge.js';
import type { StoreView, TruthSource } from '../../src/testing/converge.js';
import type { TruthMessage } from '../../src/testing/rest-truth.js';
import { GATEWAY_EVENT_TYPES } from '../../src/protocol/index.js';
import { parseEvent } from '../../src/models/index.js';

describe('Prng', () => {
  it('replays the same stream from the same seed and differs across seeds', () => {
    const a = new Prng('seed-1');
    const b = new Prng('seed-1');
    const c = new Prng('seed-2');
    const streamA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(streamA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(streamA);
    for (const value of streamA) expect(value >= 0 && value < 1).toBe(true);
  });

  it('int stays within its inclusive bounds and reaches both ends', () => {
    const rng = new Prng('bounds');
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(rng.int(3, 7));
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });
});

describe('generateFaultSchedule', () => {
  it('is reproducible from its seed and covers every fault kind', () => {
    const options = { seed: 'soak', count: 200, targets: 8, servers: 2 };
    const first = generateFaultSchedule(options);
    expect(generateFaultSchedule(options)).toEqual(first);
    expect(generateFaultSchedule({ ...options, seed: 'other' })).not.toEqual(first);
    expect(first).toHaveLength(200);
    const counts = countByKind(first);
    for (const kind of FAULT_KINDS) expect(counts.get(kind) ?? 0).toBeGreaterThan(0);
    for (const step of first) {
      expect(step.target).toBeGreaterThanOrEqual(0);
      expect(step.target).toBeLessThan(8);
      expect(step.server === 0 || step.server === 1).toBe(true);
    }
  });

  it('gives each close fault the code of its policy class and ends with a checkpoint', () => {
    const steps = generateFaultSchedule({ seed: 'codes', count: 120, targets: 4, checkpointEvery: 25 });
    for (const step of steps) {
      if (step.kind === 'close_fatal') expect(step.params.closeCode).toBe(4004);
      if (step.kind === 'close_rate_limited') expect(step.params.closeCode).toBe(4008);
      if (step.kind === 'close_other') expect([4000, 4009, 1011, 1001]).toContain(step.params.closeCode);
    }
    expect(steps.filter((step) => step.checkpoint).map((step) => step.index)).toEqual([24, 49, 74, 99, 119]);
  });
});

describe('exampleEvents', () => {
  it('has a valid example for every event type of the protocol', () => {
    const examples = exampleEvents(madeUpIds(new Prng('ids')), new Prng('examples')) as unknown as Record<string, unknown>;
    for (const type of GATEWAY_EVENT_TYPES) {
      expect(examples, type).toHaveProperty(type);
      const result = parseEvent(type, examples[type]);
      expect(result?.fatal, type).toBeUndefined();
      expect(result?.issues, type).toEqual([]);
    }
  });
});

describe('FrameMutator', () => {
  it('is deterministic and produces every mutation kind and every live event type', () => {
    const a = new FrameMutator({ seed: 'm', limits: { maxStringLength: 2000, maxArrayLength: 200, maxDepth: 1000 } });
    const b = new FrameMutator({ seed: 'm', limits: { maxStringLength: 2000, maxArrayLength: 200, maxDepth: 1000 } });
    const kinds = new Set<string>();
    const types = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const frame = a.next();
      expect(b.next()).toEqual(frame);
      kinds.add(frame.mutation);
      types.add(frame.sourceType);
    }
    expect([...kinds].sort()).toEqual([...MUTATION_KINDS].sort());
    expect(types.has('ready')).toBe(false);
    expect(types.size).toBe(GATEWAY_EVENT_TYPES.length - 2);
  });

  it('never stamps a numeric seq on a frame and never emits a connection-steering op', () => {
    const mutator = new FrameMutator({ seed: 'seq', limits: { maxStringLength: 500, maxArrayLength: 50, maxDepth: 100 } });
    for (let i = 0; i < 3000; i++) {
      const verdict = classifyInboundFrame(mutator.next().payload);
      expect(verdict.kind).not.toBe('control');
    }
    const proto = new FrameMutator({ seed: 'seq' });
    for (let i = 0; i < 500; i++) {
      const { payload } = proto.next('bad_envelope');
      if (typeof payload !== 'string') continue;
      try {
        const frame = JSON.parse(payload) as { seq?: unknown };
        expect(typeof frame.seq === 'number').toBe(false);
      } catch {
        // not JSON: fine
      }
    }
  });

  it('writes __proto__ as an own JSON key without touching any prototype', () => {
    const mutator = new FrameMutator({ seed: 'proto' });
    let sawProtoKey = false;
    for (let i = 0; i < 200; i++) {
      const { payload } = mutator.next('proto_keys');
      if (typeof payload === 'string' && payload.includes('"__proto__"')) sawProtoKey = true;
    }
    expect(sawProtoKey).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('classifyInboundFrame', () => {
  it('tells malformed frames, fatal and defaulted data, unmodelled types and ignored ops apart', () => {
    expect(classifyInboundFrame(new Uint8Array([1, 2, 3])).kind).toBe('malformed');
    expect(classifyInboundFrame('{"op":0,').kind).toBe('malformed');
    expect(classifyInboundFrame('[1]').kind).toBe('malformed');
    expect(classifyInboundFrame('{"op":"0","type":"message.create","data":{}}').kind).toBe('malformed');
    expect(classifyInboundFrame('{"__proto__":{"op":0},"type":"x","data":{}}').kind).toBe('malformed');
    expect(classifyInboundFrame('{"op":0,"data":{}}').kind).toBe('malformed');
    expect(classifyInboundFrame('{"op":0,"type":"message.create","data":{"content":"x"}}')).toEqual({
      kind: 'dispatch',
      eventType: 'message.create',
      outcome: 'fatal',
    });
    const defaulted = classifyInboundFrame('{"op":0,"type":"message.create","data":{"id":"1","channel_id":"2","content":5}}');
    expect(defaulted).toEqual({ kind: 'dispatch', eventType: 'message.create', outcome: 'defaulted' });
    expect(mustReport(defaulted)).toBe(true);
    expect(classifyInboundFrame('{"op":0,"type":"constructor","data":{}}')).toEqual({ kind: 'dispatch', eventType: 'constructor', outcome: 'unmodelled' });
    expect(classifyInboundFrame('{"op":99}')).toEqual({ kind: 'ignored_op', op: 99 });
    expect(classifyInboundFrame('{"op":6}')).toEqual({ kind: 'control', op: 6 });
  });
});

describe('client frame oracle', () => {
  it('answers handshake frames the way docs/protocol.md §1.10 says', () => {
    expect(expectedHandshakeAnswer('{"op":1}')).toBe('heartbeat_ack');
    expect(expectedHandshakeAnswer('{"op":1.0}')).toBe('invalid_session');
    expect(expectedHandshakeAnswer('{"op":8,"data":{"status":"idle"}}')).toBe('invalid_session');
    expect(expectedHandshakeAnswer('{"op":2,"data":{"token":"Bearer x","intents":"all"}}')).toBe('invalid_session');
    expect(expectedHandshakeAnswer('{"op":2,"data":{"token":"Bearer x","intents":["messages"]}}')).toBe('identify');
    expect(expectedHandshakeAnswer('{"op":3,"data":{"token":"Bearer x","session_id":"1","seq":"2"}}')).toBe('invalid_session');
    expect(expectedHandshakeAnswer('{"op":1,"seq":-1}')).toBe('invalid_session');
    expect(expectedHandshakeAnswer('not json')).toBe('invalid_session');
  });

  it('answers live frames the way docs/protocol.md §1.14 says', () => {
    expect(expectedLiveAnswer('{"op":1}')).toBe('heartbeat_ack');
    expect(expectedLiveAnswer('{"op":2,"data":null}')).toBe('close_already_authenticated');
    expect(expectedLiveAnswer('{"op":3}')).toBe('close_already_authenticated');
    expect(expectedLiveAnswer('{"op":"1"}')).toBe('ignored');
    expect(expectedLiveAnswer('{"op":99}')).toBe('ignored');
  });

  it('treats a frame nested 128 levels deep as bad JSON (serde_json recursion limit), 127 as fine', () => {
    // The heartbeat's data nests `levels` arrays; with the frame object that makes levels + 1.
    const heartbeat = (levels: number) => `{"op":1,"data":${'['.repeat(levels)}${']'.repeat(levels)}}`;
    expect(expectedHandshakeAnswer(heartbeat(126))).toBe('heartbeat_ack');
    expect(expectedHandshakeAnswer(heartbeat(127))).toBe('invalid_session');
    expect(expectedLiveAnswer(heartbeat(126))).toBe('heartbeat_ack');
    expect(expectedLiveAnswer(heartbeat(127))).toBe('ignored');
    const deepInString = `{"op":1,"data":"${'['.repeat(300)}"}`;
    expect(expectedHandshakeAnswer(deepInString)).toBe('heartbeat_ack');
  });

  it('ClientFrameMutator is deterministic and hits both valid and invalid handshakes', () => {
    const a = new ClientFrameMutator({ seed: 'c', token: 'Bearer t' });
    const b = new ClientFrameMutator({ seed: 'c', token: 'Bearer t' });
    const answers = new Set<string>();
    for (let i = 0; i < 1500; i++) {
      const frame = a.next();
      expect(b.next()).toEqual(frame);
      if (typeof frame.payload === 'string') answers.add(expectedHandshakeAnswer(frame.payload));
    }
    expect(answers).toContain('heartbeat_ack');
    expect(answers).toContain('identify');
    expect(answers).toContain('invalid_session');
  });
});

describe('SeqAuditor', () => {
  const frame = (json: Record<string, unknown>, direction: 'in' | 'out' = 'in') => ({ direction, json, at: 0 });

  it('accepts a clean session with a resume that replays exactly the gap', () => {
    const audit = new SeqAuditor();
    audit.observe('a', frame({ op: 0, type: 'ready', seq: 1, data: { session_id: 's1' } }));
    audit.observe('a', frame({ op: 0, type: 'message.create', seq: 2, data: { id: 'm1' } }));
    audit.observe('a', frame({ op: 3, data: { session_id: 's1', seq: 2 } }, 'out'));
    audit.observe('a', frame({ op: 0, type: 'message.create', seq: 3, data: { id: 'm2' } }));
    audit.observe('a', frame({ op: 0, type: 'resumed', seq: 3, data: { session_id: 's1', seq: 3, replayed: 1 } }));
    audit.observe('a', frame({ op: 0, type: 'typing.start', seq: 4, data: {} }));
    expect(audit.stats('a')).toEqual({
      sessions: 1,
      resumes: 1,
      resumesRefused: 0,
      replayed: 1,
      lost: 0,
      duplicated: 0,
      duplicateMessages: 0,
      problems: [],
    });
  });

  it('counts gaps, repeats, stale resumes and miscounted replays', () => {
    const audit = new SeqAuditor();
    audit.observe('a', frame({ op: 0, type: 'ready', seq: 1, data: { session_id: 's1' } }));
    audit.observe('a', frame({ op: 0, type: 'message.create', seq: 2, data: { id: 'm1' } }));
    audit.observe('a', frame({ op: 0, type: 'message.create', seq: 5, data: { id: 'm2' } }));
    audit.observe('a', frame({ op: 0, type: 'message.create', seq: 5, data: { id: 'm2' } }));
    audit.observe('a', frame({ op: 3, data: { session_id: 's1', seq: 4 } }, 'out'));
    audit.observe('a', frame({ op: 0, type: 'resumed', seq: 5, data: { session_id: 's1', seq: 5, replayed: 3 } }));
    audit.observe('a', frame({ op: 3, data: { session_id: 's1', seq: 5 } }, 'out'));
    audit.observe('a', frame({ op: 7, data: { resumable: false } }));
    const stats = audit.stats('a');
    expect(stats.lost).toBe(2);
    expect(stats.duplicated).toBe(1);
    expect(stats.resumesRefused).toBe(1);
    expect(stats.problems.some((p) => p.includes('RESUME from seq 4'))).toBe(true);
    expect(stats.problems.some((p) => p.includes('3 replayed, 0 arrived'))).toBe(true);
  });

  it('flags a message delivered twice in one lineage even with fresh seqs', () => {
    const audit = new SeqAuditor();
    audit.observe('a', frame({ op: 0, type: 'ready', seq: 1, data: { session_id: 's1' } }));
    audit.observe('a', frame({ op: 0, type: 'message.create', seq: 2, data: { id: 'm1' } }));
    audit.observe('a', frame({ op: 0, type: 'message.create', seq: 3, data: { id: 'm1' } }));
    expect(audit.stats('a').duplicateMessages).toBe(1);
  });
});

describe('compareStoreWithServer', () => {
  const message = (id: string, author: string, content: string, extra: Partial<TruthMessage> = {}): TruthMessage => ({
    id,
    channel_id: 'c1',
    author_id: author,
    content,
    edited_at: null,
    reactions: null,
    ...extra,
  });
  const truthMessages = [
    message('100', 'u2', 'a'),
    message('101', 'u2', 'b', { edited_at: '2025-01-01 00:00:00' }),
    message('102', 'u1', 'c', { reactions: [{ emoji: { id: null, name: '👍' }, count: 2, me: true }] }),
  ];
  const truth: TruthSource = {
    channels: async () => [
      { id: 'c1', type: 'text', name: 'general', topic: null, position: 0, parent_id: null, space_id: 's1' },
      { id: 'v1', type: 'voice', name: 'lobby', topic: null, position: 1, parent_id: null, space_id: 's1' },
    ],
    roles: async () => [{ id: 'r1', name: '@everyone', position: 0, color: 0, permissions: ['send_messages'] }],
    members: async () => [
      { user_id: 'u1', nickname: null, roles: [] },
      { user_id: 'u2', nickname: 'bee', roles: ['r1'] },
    ],
    messages: async () => truthMessages,
    voiceStates: async () => [{ user_id: 'u2', channel_id: 'v1', self_mute: true, self_deaf: false, self_video: false, self_stream: false }],
    readStates: async () => [{ channel_id: 'c1', last_message_id: '102', last_read_message_id: null }],
  };
  const converged = (): StoreView => ({
    channels: () => [
      { id: 'c1', type: 'text', name: 'general', topic: null, position: 0, parent_id: null },
      { id: 'v1', type: 'voice', name: 'lobby', topic: null, position: 1, parent_id: null },
    ],
    members: () => [
      { user_id: 'u1', nickname: null, roles: [], status: 'online' },
      { user_id: 'u2', nickname: 'bee', roles: ['r1'], status: 'idle' },
    ],
    roles: () => [{ id: 'r1', name: '@everyone', position: 0, color: 0, permissions: ['send_messages'] }],
    messages: () => [
      { id: '101', content: 'b', edited_at: '2025-01-01 00:00:00', reactions: null },
      { id: '102', content: 'c', edited_at: null, reactions: [{ emoji: { name: '👍' }, count: 2, me: true }] },
    ],
    voiceStates: (channelId) => (channelId === 'v1' ? [{ user_id: 'u2', self_mute: true, self_deaf: false, self_video: false, self_stream: false }] : []),
    user: (id) => ({ status: id === 'u1' ? 'online' : 'idle' }),
    isUnread: () => true,
  });
  const presence = (userId: string) => (userId === 'u1' ? 'online' : 'idle');
  const run = (store: StoreView) =>
    compareStoreWithServer({ label: 'conn', store, truth, spaceIds: ['s1'], userId: 'u1', presence, messageLimit: 50 });

  it('finds nothing when the store matches inside the window it holds', async () => {
    expect(await run(converged())).toEqual([]);
  });

  it('reports each kind of divergence', async () => {
    const store = converged();
    const diverged: StoreView = {
      ...store,
      channels: () => [{ id: 'c1', type: 'text', name: 'renamed', topic: null, position: 0, parent_id: null }],
      members: () => [{ user_id: 'u2', nickname: 'bee', roles: [], status: 'online' }],
      messages: () => [
        { id: '101', content: 'b', edited_at: null, reactions: null },
        { id: '102', content: 'c', edited_at: null, reactions: [{ emoji: '👍', count: 1, me: true }] },
        { id: '103', content: 'ghost', edited_at: null, reactions: null },
      ],
      voiceStates: () => [],
      isUnread: () => false,
    };
    const found = await run(diverged);
    const scopes = new Set(found.map((d) => d.scope));
    for (const scope of ['channels', 'members', 'messages', 'reactions', 'voice', 'presence', 'unread']) expect(scopes, scope).toContain(scope);
    expect(found.some((d) => d.id === '103' && d.scope === 'messages')).toBe(true);
    expect(found.some((d) => d.id === 'u1' && d.detail.startsWith('missing'))).toBe(true);
    expect(found.every((d) => d.connection === 'conn')).toBe(true);
  });

  it('reports a message missing inside the window (lost event)', async () => {
    const store = converged();
    const found = await run({
      ...store,
      messages: () => [
        { id: '100', content: 'a', edited_at: null, reactions: null },
        { id: '102', content: 'c', edited_at: null, reactions: [{ emoji: { name: '👍' }, count: 2, me: true }] },
      ],
    });
    expect(found).toEqual([{ connection: 'conn', scope: 'messages', id: '101', detail: 'missing from channel c1' }]);
  });
});
