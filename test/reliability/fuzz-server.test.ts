import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccordServer } from '../../src/server/index.js';
import { ClientFrameMutator } from '../../src/testing/client-frame-mutator.js';
import { expectedHandshakeAnswer, expectedLiveAnswer } from '../../src/testing/frame-oracle.js';
import type { ServerAnswer } from '../../src/testing/frame-oracle.js';
import { RawGatewaySocket } from '../../src/testing/raw-gateway.js';
import { RestBodyFuzzer } from '../../src/testing/rest-fuzz.js';
import type { RestEndpoint, RestFuzzCase } from '../../src/testing/rest-fuzz.js';
import { CrashGuard, OutputCapture } from '../../src/testing/capture.js';
import { runLimited } from '../../src/testing/converge.js';
import { prototypeSnapshot, prototypesClean } from '../../src/testing/store-invariants.js';

const HANDSHAKE_FRAMES = 3_000;
const LIVE_FRAMES = 30_000;
const REST_BODIES = 1_500;

/**
 * The embedded server's inbound side under fuzzing: gateway frames during the handshake (answer:
 * op 7 and a drop without a Close frame, or an ack), on a live session (ignored, the session keeps
 * working), and REST bodies (docs/protocol.md §5.2: plain-text 400/415/422 at the framework level, a
 * 400 with an error envelope from the handlers, 413 for oversized bodies). Nothing may crash or
 * pollute a prototype.
 */
describe('server fuzzing', () => {
  let server: AccordServer;
  const capture = new OutputCapture();
  const guard = new CrashGuard();
  const protoBefore = prototypeSnapshot();
  let bearer = '';
  let aliceId = '';
  let generalId = '';
  let loungeId = '';

  beforeAll(async () => {
    guard.install();
    server = await AccordServer.start({
      seed: 'demo',
      logger: capture.logger('server'),
      // The fuzzed session must not be closed by the per-connection limit, nor the REST bodies
      // refused by the REST limiter (both are tested elsewhere).
      rateLimit: { frames: 1_000_000_000, windowMs: 60_000 },
      restRateLimit: { disabled: true },
    });
    const alice = server.seeded?.users[0];
    const lounge = server.seeded?.spaces[0];
    const general = lounge?.channels.find((channel) => channel.name === 'general');
    if (!alice || !lounge || !general) throw new Error('demo seed changed');
    bearer = `Bearer ${alice.token}`;
    aliceId = alice.id;
    generalId = general.id;
    loungeId = lounge.id;
  });

  afterAll(async () => {
    await server.close();
    guard.dispose();
  });

  describe('gateway frames during the handshake', () => {
    const mismatches: string[] = [];
    const answers = new Map<string, number>();

    beforeAll(async () => {
      const mutator = new ClientFrameMutator({ seed: 'fuzz-handshake', token: bearer });
      let sent = 0;
      const worker = async (): Promise<void> => {
        while (sent < HANDSHAKE_FRAMES) {
          const socket = await RawGatewaySocket.open(server.gatewayUrl);
          const hello = await socket.next();
          if (hello.type !== 'frame' || hello.json?.['op'] !== 5) {
            mismatches.push(`no HELLO first: ${JSON.stringify(hello)}`);
            socket.terminate();
            continue;
          }
          // One socket serves frames until one ends the handshake.
          while (sent < HANDSHAKE_FRAMES && !socket.closed) {
            sent++;
            const frame = mutator.next();
            const expected: ServerAnswer = typeof frame.payload === 'string' ? expectedHandshakeAnswer(frame.payload) : 'ignored';
            const problem = await handshakeExchange(socket, frame.payload, expected, bearer);
            answers.set(problem.answer, (answers.get(problem.answer) ?? 0) + 1);
            if (problem.mismatch && mismatches.length < 20) mismatches.push(`${frame.mutation} ${frame.sourceType}: ${problem.mismatch} | ${excerpt(frame.payload)}`);
            if (problem.ended) break;
          }
          socket.terminate();
        }
      };
      await Promise.all(Array.from({ length: 12 }, worker));
    }, 120_000);

    it('answers each frame as docs/protocol.md §1.10 requires: ack, READY, or op 7 then a drop with no Close frame', () => {
      expect(mismatches).toEqual([]);
      expect(answers.get('invalid_session') ?? 0).toBeGreaterThan(HANDSHAKE_FRAMES / 4);
      expect(answers.get('heartbeat_ack') ?? 0).toBeGreaterThan(0);
      expect(answers.get('ready') ?? 0).toBeGreaterThan(0);
    });
  });

  describe('gateway frames on a live session', () => {
    const result = { sent: 0, acksExpected: 0, acksSeen: 0, closes: [] as string[], dispatchAfter: false };

    beforeAll(async () => {
      const socket = await RawGatewaySocket.open(server.gatewayUrl);
      await socket.next();
      socket.send(JSON.stringify({ op: 2, data: { token: bearer, intents: ['messages', 'spaces', 'members', 'presences', 'voice_states'] } }));
      const ready = await socket.until(0, 'ready');
      if (ready.type !== 'frame') throw new Error('no READY for the live fuzz session');
      const mutator = new ClientFrameMutator({
        seed: 'fuzz-live',
        token: bearer,
        kinds: ['heartbeat', 'presence', 'voice', 'request_members', 'voice_signal', 'identify', 'resume'],
      });
      const countAcks = (events: string[]) => {
        for (const text of events) if (text === '{"op":4}') result.acksSeen++;
      };
      const drained: string[] = [];
      while (result.sent < LIVE_FRAMES) {
        const frame = mutator.next();
        const expected = typeof frame.payload === 'string' ? expectedLiveAnswer(frame.payload) : 'ignored';
        // op 2/3 after the handshake end the session (Close 4005): tested on its own below.
        if (expected === 'close_already_authenticated') continue;
        result.sent++;
        if (expected === 'heartbeat_ack') result.acksExpected++;
        socket.send(frame.payload);
        if (result.sent % 1000 === 0) {
          for (let event = await socket.next(0); event.type === 'frame'; event = await socket.next(0)) drained.push(event.text);
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      socket.send('{"op":1}');
      result.acksExpected++;
      // Count acks until the last one arrives (or nothing more comes).
      for (;;) {
        const event = await socket.next(3000);
        if (event.type === 'closed') {
          result.closes.push(`${event.code} ${event.reason}`);
          break;
        }
        if (event.type === 'timeout') break;
        drained.push(event.text);
        if (drained.filter((text) => text === '{"op":4}').length >= result.acksExpected) break;
      }
      countAcks(drained);
      // The session still works: a message posted over REST is dispatched to it.
      const response = await fetch(`${server.url}/api/v1/channels/${generalId}/messages`, {
        method: 'POST',
        headers: { authorization: bearer, 'content-type': 'application/json' },
        body: JSON.stringify({ content: 'still here' }),
      });
      const posted = ((await response.json()) as { data: { id: string } }).data;
      for (;;) {
        const event = await socket.next(3000);
        if (event.type !== 'frame') break;
        const data = event.json?.['data'] as { id?: unknown } | undefined;
        if (event.json?.['type'] === 'message.create' && data?.id === posted.id) {
          result.dispatchAfter = true;
          break;
        }
      }
      socket.close();
    }, 120_000);

    it('ignores every malformed or unknown frame and acks every well-formed heartbeat', () => {
      expect(result.sent).toBeGreaterThanOrEqual(LIVE_FRAMES);
      expect(result.closes).toEqual([]);
      expect(result.acksSeen).toBe(result.acksExpected);
    });

    it('keeps the session working afterwards', () => {
      expect(result.dispatchAfter).toBe(true);
    });

    it('closes with 4005 when IDENTIFY or RESUME arrive after the handshake', async () => {
      for (const frame of ['{"op":2,"data":null}', '{"op":3,"data":{"token":"x"}}']) {
        const socket = await RawGatewaySocket.open(server.gatewayUrl);
        await socket.next();
        socket.send(JSON.stringify({ op: 2, data: { token: bearer, intents: [] } }));
        expect((await socket.until(0, 'ready')).type).toBe('frame');
        socket.send(frame);
        const closed = await socket.until(-1);
        expect(closed).toMatchObject({ type: 'closed', code: 4005 });
      }
    });
  });

  describe('REST bodies', () => {
    const mismatches: string[] = [];
    const statuses = new Map<number, number>();

    beforeAll(async () => {
      const own = await postJson(server.url, bearer, `/channels/${generalId}/messages`, { content: 'mine to edit' });
      const ownId = (own as { data?: { id?: string } }).data?.id ?? '';
      const bob = server.seeded?.users[1]?.id ?? '';
      const endpoints: RestEndpoint[] = [
        { method: 'POST', path: `/channels/${generalId}/messages`, valid: { content: 'hello', tts: false, reply_to: null }, required: { content: 'string' } },
        { method: 'PATCH', path: `/channels/${generalId}/messages/${ownId}`, valid: { content: 'edited', title: 'a title' } },
        { method: 'POST', path: `/spaces/${loungeId}/channels`, valid: { name: 'fuzzed', type: 'text', topic: 't', position: 3, nsfw: false }, required: { name: 'string' } },
        { method: 'PATCH', path: `/spaces/${loungeId}`, valid: { description: 'about', afk_timeout: 300 } },
        { method: 'POST', path: `/spaces/${loungeId}/roles`, valid: { name: 'fuzz role', color: 3, permissions: ['send_messages'], hoist: false } },
        { method: 'PATCH', path: `/spaces/${loungeId}/members/${bob}`, valid: { nickname: 'bobby' } },
        { method: 'PATCH', path: '/users/@me', valid: { display_name: 'Alice', bio: 'hi', accent_color: 5 } },
        { method: 'POST', path: `/channels/${generalId}/ack`, valid: { message_id: ownId }, required: { message_id: 'string' } },
        { method: 'POST', path: `/channels/${generalId}/typing`, valid: {} },
        { method: 'POST', path: '/users/@me/channels', valid: { recipient_id: bob } },
      ];
      const fuzzer = new RestBodyFuzzer('fuzz-rest', endpoints);
      const cases = Array.from({ length: REST_BODIES }, () => fuzzer.next());
      await runLimited(
        cases.map((fuzzCase) => async () => {
          const problem = await restExchange(server.url, bearer, fuzzCase);
          statuses.set(problem.status, (statuses.get(problem.status) ?? 0) + 1);
          if (problem.mismatch && mismatches.length < 20) mismatches.push(`${fuzzCase.mutation} ${fuzzCase.endpoint.method} ${fuzzCase.endpoint.path}: ${problem.mismatch}`);
        }),
        8,
      );
    }, 120_000);

    it('answers every body with the protocol answer and never a 5xx', () => {
      expect(mismatches).toEqual([]);
      expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
      expect(statuses.get(400) ?? 0).toBeGreaterThan(0);
      expect(statuses.get(415) ?? 0).toBeGreaterThan(0);
      for (const status of statuses.keys()) expect(status).toBeLessThan(500);
    });

    it('still serves normal requests afterwards', async () => {
      const response = await fetch(`${server.url}/api/v1/users/@me`, { headers: { authorization: bearer } });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { data: { id: string } }).data.id).toBe(aliceId);
    });
  });

  describe('after all of it', () => {
    it('did not crash, pollute a prototype, or log a token', () => {
      expect(guard.errors).toEqual([]);
      expect(prototypesClean(protoBefore)).toBe(true);
      expect(capture.findSwallowedErrors()).toEqual([]);
      expect(capture.findSecrets([bearer.slice('Bearer '.length)])).toEqual([]);
    });
  });
});

interface Exchange {
  answer: string;
  mismatch: string | null;
  ended: boolean;
}

/** Sends one handshake frame plus a heartbeat probe and checks what comes back. */
async function handshakeExchange(socket: RawGatewaySocket, payload: string | Uint8Array, expected: ServerAnswer, validToken: string): Promise<Exchange> {
  socket.send(payload);
  socket.send('{"op":1}');
  const first = await socket.next();
  const op = first.type === 'frame' ? first.json?.['op'] : undefined;
  const answer = first.type === 'closed' ? 'closed' : op === 7 ? 'invalid_session' : op === 4 ? 'heartbeat_ack' : op === 0 ? 'ready' : first.type;
  const end = async (): Promise<string | null> => {
    const closed = await socket.until(-1);
    return closed.type === 'closed' && closed.code === 1006 ? null : `op 7 not followed by a drop without Close (${JSON.stringify(closed)})`;
  };
  switch (expected) {
    case 'invalid_session':
    case 'resume':
      if (op !== 7) return { answer, mismatch: `expected op 7, got ${describeEvent(first)}`, ended: true };
      return { answer, mismatch: await end(), ended: true };
    case 'heartbeat_ack': {
      const probe = await socket.next();
      const ok = op === 4 && probe.type === 'frame' && probe.json?.['op'] === 4;
      return { answer, mismatch: ok ? null : `expected two acks, got ${describeEvent(first)} then ${describeEvent(probe)}`, ended: false };
    }
    case 'ignored':
      return { answer, mismatch: op === 4 ? null : `expected the frame ignored (probe acked), got ${describeEvent(first)}`, ended: false };
    case 'identify':
    case 'identify_or_invalid': {
      const carriesToken = typeof payload === 'string' && payload.includes(JSON.stringify(validToken));
      if (op === 0) {
        if (expected === 'identify' && !carriesToken) return { answer, mismatch: 'READY for a token that is not valid', ended: true };
        return { answer, mismatch: null, ended: true };
      }
      if (op === 7) {
        if (expected === 'identify' && carriesToken) return { answer, mismatch: 'op 7 for a well-formed IDENTIFY with a valid token', ended: true };
        return { answer, mismatch: await end(), ended: true };
      }
      return { answer, mismatch: `expected READY or op 7, got ${describeEvent(first)}`, ended: true };
    }
    case 'close_already_authenticated':
      return { answer, mismatch: 'not a handshake answer', ended: true };
  }
}

async function restExchange(baseUrl: string, authorization: string, fuzzCase: RestFuzzCase): Promise<{ status: number; mismatch: string | null }> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}/api/v1${fuzzCase.endpoint.path}`, {
      method: fuzzCase.endpoint.method,
      headers: { authorization, 'content-type': fuzzCase.contentType },
      body: fuzzCase.body,
    });
  } catch (error) {
    return { status: 0, mismatch: `no response: ${error instanceof Error ? error.message : String(error)}` };
  }
  const text = await response.text();
  const status = response.status;
  if (!fuzzCase.expect.statuses.includes(status)) {
    return { status, mismatch: `status ${status}, expected ${fuzzCase.expect.statuses.join('|')}: ${text.slice(0, 120)}` };
  }
  if (fuzzCase.expect.plainText.includes(status)) {
    if (/^\s*\{\s*"data"/.test(text)) return { status, mismatch: `status ${status} with a success body: ${text.slice(0, 120)}` };
  } else if (status !== 200) {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return { status, mismatch: `status ${status} without a JSON error envelope: ${text.slice(0, 120)}` };
    }
    const error = (body as { error?: { code?: unknown; message?: unknown } }).error;
    if (typeof error?.code !== 'string' || typeof error.message !== 'string') return { status, mismatch: `malformed error envelope: ${text.slice(0, 120)}` };
  }
  return { status, mismatch: null };
}

async function postJson(baseUrl: string, authorization: string, path: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return response.json();
}

function describeEvent(event: { type: string; text?: string; code?: number }): string {
  if (event.type === 'frame') return (event.text ?? '').slice(0, 80);
  if (event.type === 'closed') return `close ${event.code ?? '?'}`;
  return event.type;
}

function excerpt(payload: string | Uint8Array): string {
  return typeof payload === 'string' ? payload.slice(0, 140) : `<${payload.length} binary bytes>`;
}
