import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccordServer } from '../../src/server/index.js';
import { AccordStore } from '../../src/state/index.js';
import type { ServerConnection } from '../../src/state/index.js';
import { AccordClient } from '../../src/client/index.js';
import type { GatewayError } from '../../src/gateway/index.js';
import { FrameMutator } from '../../src/testing/frame-mutator.js';
import { classifyInboundFrame, mustNotChangeState } from '../../src/testing/frame-oracle.js';
import type { InboundVerdict } from '../../src/testing/frame-oracle.js';
import { WireTap } from '../../src/testing/wire-tap.js';
import { CrashGuard, OutputCapture } from '../../src/testing/capture.js';
import { compareStoreWithServer } from '../../src/testing/converge.js';
import type { StoreView } from '../../src/testing/converge.js';
import { RestTruth } from '../../src/testing/rest-truth.js';
import { checkStoreInvariants, prototypeSnapshot, prototypesClean } from '../../src/testing/store-invariants.js';

const FRAMES = 100_000;
const BATCH = 500;

interface Outcome {
  frames: number;
  byVerdict: Map<string, number>;
  byMutation: Map<string, number>;
  /** Frames whose handling threw out of the client (a crash in production). */
  crashes: string[];
  /** Frames not reported (or wrongly reported) through `error`. */
  misreported: string[];
}

/**
 * 100 000 structure-aware frames through a connected client (store on top), delivered on the
 * live socket exactly as the server's frames are. Frames that refer to the store's real ids are
 * only the ones that must change nothing, so the store must still match the server afterwards.
 */
describe('gateway fuzzing through a connected client', () => {
  let server: AccordServer;
  let store: AccordStore;
  let conn: ServerConnection;
  let client: AccordClient;
  const tap = new WireTap();
  const capture = new OutputCapture();
  const guard = new CrashGuard();
  let restoreConsole: () => void = () => undefined;
  let token = '';
  let userId = '';
  let outcome: Outcome;
  let realSpaceIds: string[] = [];
  const protoBefore = prototypeSnapshot();

  beforeAll(async () => {
    guard.install();
    restoreConsole = capture.patchConsole(false);
    server = await AccordServer.start({ seed: 'demo', logger: capture.logger('server') });
    const alice = server.seeded?.users[0];
    if (!alice) throw new Error('demo seed changed');
    token = alice.token;
    userId = alice.id;
    store = new AccordStore({ logger: capture.logger('store') });
    conn = store.addServer({ baseUrl: server.url, token, WebSocket: tap.constructorFor('fuzz') });
    await conn.ready;
    for (const spaceId of conn.spaceIds) {
      for (const channel of store.channels(spaceId)) if (channel.type !== 'voice' && channel.type !== 'category') await store.fetchMessages(channel.id);
    }
    if (!(conn.client instanceof AccordClient)) throw new Error('expected the default AccordClient');
    client = conn.client;
    realSpaceIds = conn.spaceIds;
    outcome = await fuzz();
  }, 240_000);

  afterAll(async () => {
    await store.close();
    await server.close();
    restoreConsole();
    guard.dispose();
  });

  async function fuzz(): Promise<Outcome> {
    const spaceIds = conn.spaceIds;
    const channelIds = spaceIds.flatMap((spaceId) => store.channels(spaceId).map((channel) => channel.id));
    const mutator = new FrameMutator({
      seed: 'fuzz-gateway',
      ids: {
        spaceIds,
        channelIds,
        userIds: spaceIds.flatMap((spaceId) => store.members(spaceId).map((member) => member.user_id)),
        messageIds: channelIds.flatMap((channelId) => store.messages(channelId).map((message) => message.id)),
        roleIds: spaceIds.flatMap((spaceId) => store.roles(spaceId).map((role) => role.id)),
      },
    });
    const errors: GatewayError[] = [];
    client.on('error', (error) => errors.push(error));
    const result: Outcome = { frames: 0, byVerdict: new Map(), byMutation: new Map(), crashes: [], misreported: [] };
    while (result.frames < FRAMES) {
      const socket = tap.live('fuzz');
      if (!socket) throw new Error('the fuzzed connection went away');
      for (let i = 0; i < BATCH && result.frames < FRAMES; i++) {
        const frame = mutator.next();
        const verdict = classifyInboundFrame(frame.payload);
        // Real ids only with frames that must change nothing: the store must still match the server.
        if (frame.realIds && !mustNotChangeState(verdict)) continue;
        result.frames++;
        count(result.byVerdict, verdictKey(verdict));
        count(result.byMutation, frame.mutation);
        const before = errors.length;
        try {
          socket.injectNow(frame.payload);
        } catch (error) {
          if (result.crashes.length < 20) result.crashes.push(`${frame.mutation} ${frame.sourceType}: ${describeError(error)} | ${excerpt(frame.payload)}`);
          continue;
        }
        const problem = checkReport(verdict, errors.slice(before));
        if (problem && result.misreported.length < 20) result.misreported.push(`${frame.mutation} ${frame.sourceType}: ${problem} | ${excerpt(frame.payload)}`);
      }
      // Let heartbeats and REST answers through between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return result;
  }

  it('sent at least 100 000 frames of every mutation kind', () => {
    expect(outcome.frames).toBeGreaterThanOrEqual(FRAMES);
    for (const kind of ['field_removed', 'wrong_type', 'null_field', 'huge_string', 'huge_array', 'deep_nesting', 'proto_keys', 'unknown_type', 'unknown_op', 'bad_envelope', 'data_not_object', 'non_json', 'binary']) {
      expect(outcome.byMutation.get(kind) ?? 0, kind).toBeGreaterThan(100);
    }
    for (const verdict of ['malformed', 'dispatch:fatal', 'dispatch:defaulted', 'dispatch:valid', 'dispatch:unmodelled', 'ignored_op']) {
      expect(outcome.byVerdict.get(verdict) ?? 0, verdict).toBeGreaterThan(0);
    }
  });

  it('the model parsers never threw (their contract), on any generated frame', () => {
    expect(outcome.byVerdict.get('dispatch:parser_threw') ?? 0).toBe(0);
  });

  it('never threw out of the client, and nothing was swallowed or left unhandled', () => {
    expect(outcome.crashes).toEqual([]);
    expect(guard.errors).toEqual([]);
    expect(capture.findSwallowedErrors()).toEqual([]);
  });

  it('reported every bad frame through `error` with its kind and event type', () => {
    expect(outcome.misreported).toEqual([]);
  });

  it('left Object.prototype and the other built-in prototypes untouched', () => {
    expect(prototypesClean(protoBefore)).toBe(true);
  });

  it('kept every cache consistent, and the real spaces still equal to the server', async () => {
    // Made-up spaces announced by fuzzed space.create frames are the frames' truth, not the server's.
    expect(checkStoreInvariants(store, conn.spaceIds)).toEqual([]);
    const divergences = await compareStoreWithServer({
      label: 'fuzzed',
      store: store as unknown as StoreView,
      truth: new RestTruth({ baseUrl: server.url, token }),
      spaceIds: realSpaceIds,
      userId,
    });
    expect(divergences).toEqual([]);
  });

  it('is still live: a message posted afterwards reaches the store', async () => {
    const channelId = store.channels(conn.spaceIds[0] ?? '').find((channel) => channel.type === 'text')?.id ?? '';
    // Posted by another user: the store's own REST traffic during the storm has spent alice's
    // 70-request bucket (docs/protocol.md §5.3), and a 429 here would say nothing about liveness.
    const bob = server.seeded?.users[1];
    if (!bob) throw new Error('demo seed changed');
    const response = await fetch(`${server.url}/api/v1/channels/${channelId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bob.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'after the storm' }),
    });
    expect(response.status).toBe(200);
    const posted = ((await response.json()) as { data: { id: string } }).data;
    const deadline = Date.now() + 5000;
    while (!store.message(posted.id) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(store.message(posted.id)?.content).toBe('after the storm');
  });

  it('never printed the token', () => {
    expect(capture.findSecrets([token])).toEqual([]);
  });
});

/** What the client must have emitted for one frame; a string describes the mismatch. */
function checkReport(verdict: InboundVerdict, emitted: readonly GatewayError[]): string | null {
  const relevant = emitted.filter((error) => error.kind === 'malformed_frame' || error.kind === 'invalid_data');
  switch (verdict.kind) {
    case 'malformed':
      return relevant.length === 1 && relevant[0]?.kind === 'malformed_frame' ? null : `malformed (${verdict.reason}) reported as [${kinds(relevant)}]`;
    case 'ignored_op':
    case 'control':
      return relevant.length === 0 ? null : `op ${verdict.op} reported as [${kinds(relevant)}]`;
    case 'dispatch':
      if (verdict.outcome === 'valid' || verdict.outcome === 'unmodelled') {
        return relevant.length === 0 ? null : `${verdict.outcome} ${verdict.eventType} reported as [${kinds(relevant)}]`;
      }
      if (verdict.outcome === 'lifecycle') return null;
      if (verdict.outcome === 'parser_threw') {
        return relevant.length >= 1 ? null : `the model parser throws on this ${verdict.eventType} and the client did not report it`;
      }
      return relevant.length >= 1 && relevant.every((error) => error.kind === 'invalid_data' && error.eventType === verdict.eventType)
        ? null
        : `${verdict.outcome} ${verdict.eventType} reported as [${kinds(relevant)}]`;
  }
}

function verdictKey(verdict: InboundVerdict): string {
  return verdict.kind === 'dispatch' ? `dispatch:${verdict.outcome}` : verdict.kind;
}

function kinds(errors: readonly GatewayError[]): string {
  return errors.map((error) => `${error.kind}:${error.eventType ?? '-'}`).join(', ');
}

function count(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function excerpt(payload: string | Uint8Array): string {
  return typeof payload === 'string' ? payload.slice(0, 160) : `<${payload.length} binary bytes>`;
}
