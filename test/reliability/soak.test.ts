import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSoak } from '../../src/testing/soak.js';
import type { SoakReport } from '../../src/testing/soak.js';
import { FAULT_KINDS } from '../../src/testing/fault-schedule.js';
import { compareStoreWithServer } from '../../src/testing/converge.js';
import type { StoreView } from '../../src/testing/converge.js';
import { RestTruth } from '../../src/testing/rest-truth.js';
import { AccordServer } from '../../src/server/index.js';
import { AccordStore } from '../../src/state/index.js';

/**
 * The short chaos soak of `npm test`: 200 faults of every kind over 8 stores (3 of them on two
 * servers, which run in a child process) with traffic running, a convergence check every 25
 * faults, two hostile-peer rounds (oversized frames at fault 50, a paused reader at 150), and part
 * of the traffic through the stores' actions (sends, edits, deletes, reactions, read marks), some
 * with REST faults armed, while the faults go on.
 */
describe('short chaos soak', () => {
  let report: SoakReport;

  beforeAll(async () => {
    report = await runSoak({ seed: 'npm-test', faults: 200, stores: 8, dualServerStores: 3, checkpointEvery: 25, hostileEvery: 100 });
  }, 180_000);

  it('injected at least 200 faults covering every kind, and compared real data', () => {
    expect(report.faultsInjected).toBeGreaterThanOrEqual(200);
    for (const kind of FAULT_KINDS) expect(report.faultsByKind[kind] ?? 0, kind).toBeGreaterThan(0);
    expect(report.checkpoints).toBeGreaterThanOrEqual(8);
    expect(report.compared.messages).toBeGreaterThan(0);
    expect(report.compared.members).toBeGreaterThan(0);
    expect(report.compared.voiceChannels).toBeGreaterThan(0);
    expect(report.compared.unreadFlags).toBeGreaterThan(0);
    expect(report.recoveries.resumed).toBeGreaterThan(0);
    expect(report.recoveries.reidentified).toBeGreaterThan(0);
  });

  it('ends with every store converged on the server truth', () => {
    expect(report.divergences.map((d) => `${d.connection} ${d.scope} ${d.id}: ${d.detail}`)).toEqual([]);
  });

  it('loses and duplicates nothing across resumes', () => {
    expect(report.seq.problems).toEqual([]);
    expect(report.seq.lost).toBe(0);
    expect(report.seq.duplicated).toBe(0);
    expect(report.seq.duplicateMessages).toBe(0);
    expect(report.recoveries.replayedEvents).toBeGreaterThan(0);
  });

  it('recovers each fault the way its kind requires', () => {
    expect(report.unexpectedRecoveries).toEqual([]);
    expect(report.recoveryByKind.drop?.resumed ?? 0).toBeGreaterThan(0);
    expect(report.recoveryByKind.replay_overflow?.reidentified ?? 0).toBeGreaterThan(0);
    expect(report.recoveryByKind.restart?.reidentified ?? 0).toBeGreaterThan(0);
  });

  it('reports every malformed frame injected during the soak', () => {
    expect(report.malformed.mustReport).toBeGreaterThan(0);
    expect(report.malformed.reported).toBeGreaterThanOrEqual(report.malformed.mustReport);
  });

  it('had no unhandled rejection, uncaught exception or swallowed handler error', () => {
    expect(report.crashes).toEqual([]);
  });

  it('never printed a token and refused every forbidden REST request', () => {
    expect(report.tokensChecked).toBeGreaterThan(8);
    expect(report.linesScanned).toBeGreaterThan(0);
    expect(report.tokenLeaks).toEqual([]);
    expect(report.permissions.probes).toBeGreaterThan(0);
    expect(report.permissions.violations).toEqual([]);
  });

  it('ran the servers in a child process and kept their memory under the bound', () => {
    expect(report.serverProcess).toBe('child');
    const heap = report.serverHeap;
    if (!heap) throw new Error('no server heap sample');
    // setup, 8 checkpoints, the oversized round, and the paused reader's flood
    expect(heap.samples.length).toBeGreaterThanOrEqual(12);
    expect(heap.maxMb).toBeLessThanOrEqual(heap.boundMb);
  });

  it('refused every oversized frame of the hostile peer, and none reached an honest store', () => {
    const { oversized, problems } = report.hostile;
    expect(problems).toEqual([]);
    expect(oversized.rounds).toBe(1);
    expect(oversized.identifyReady).toBe(oversized.identifyPresences);
    expect(oversized.presencesSent).toBeGreaterThan(0);
    expect(oversized.presencesRelayed).toBe(0);
    expect(oversized.stillServed).toBe(1);
    expect(oversized.restSent).toBeGreaterThan(0);
    expect(oversized.restRefused).toBe(oversized.restSent);
    expect(oversized.embedsRelayed).toBe(0);
  });

  it('dropped the paused reader, which came back, while the honest stores converged', () => {
    const { pausedReaders } = report.hostile;
    expect(pausedReaders.rounds).toBe(1);
    expect(pausedReaders.dropped).toBe(1);
    expect(pausedReaders.resumed + pausedReaders.reidentified).toBe(1);
    expect(report.divergences).toEqual([]);
  });

  it('sent through the store actions while faults were in flight, each send once on the server', () => {
    const { actions } = report;
    expect(actions.problems).toEqual([]);
    expect(actions.sends).toBeGreaterThan(20);
    expect(actions.sendsDuringFaults).toBeGreaterThan(0);
    expect(actions.sendsWithRestFaults).toBeGreaterThan(0);
    expect(actions.verified).toBe(actions.sends);
    expect(actions.confirmed).toBeGreaterThan(0);
    expect(actions.lost).toBe(0);
    expect(actions.duplicated).toBe(0);
    expect(actions.failed).toBe(0);
    expect(actions.edits.done + actions.edits.failed).toBeGreaterThan(0);
    expect(actions.reactions.done + actions.reactions.failed).toBeGreaterThan(0);
    expect(actions.restFaults).toBeGreaterThan(0);
  });

  it('left no timers behind', () => {
    expect(report.leftBehind.timersAfter).toBeLessThanOrEqual(report.leftBehind.timersBefore);
    const [first, ...rest] = report.heap;
    const last = rest[rest.length - 1];
    // Active timers and listeners must not grow with reconnects (each connection holds a bounded few).
    if (first && last) {
      expect(last.timers).toBeLessThanOrEqual(first.timers + report.connections);
      expect(last.listeners).toBeLessThanOrEqual(first.listeners);
    }
  });
});

describe('the convergence check itself', () => {
  let server: AccordServer;
  let store: AccordStore;

  beforeAll(async () => {
    // Truth reads and the store share the user's REST bucket here: no limiter.
    server = await AccordServer.start({ seed: 'demo', restRateLimit: { disabled: true } });
    store = new AccordStore();
  });

  afterAll(async () => {
    await store.close();
    await server.close();
  });

  it('finds nothing on a fresh store and sees a corrupted message, member and channel', async () => {
    const seeded = server.seeded;
    const alice = seeded?.users[0];
    const lounge = seeded?.spaces[0];
    const general = lounge?.channels.find((channel) => channel.name === 'general');
    if (!alice || !lounge || !general) throw new Error('demo seed changed');
    const conn = store.addServer({ baseUrl: server.url, token: alice.token });
    await conn.ready;
    await store.fetchMessages(general.id);
    const check = () =>
      compareStoreWithServer({
        label: 'alice',
        store: store as unknown as StoreView,
        truth: new RestTruth({ baseUrl: server.url, token: alice.token }),
        spaceIds: conn.spaceIds,
        userId: alice.id,
      });
    expect(await check()).toEqual([]);

    const message = store.messages(general.id)[0];
    const member = store.members(lounge.id)[1];
    const channel = store.channel(general.id);
    if (!message || !member || !channel) throw new Error('store is missing seeded data');
    message.content = 'tampered';
    member.roles = ['not-a-role'];
    channel.name = 'renamed';
    const found = await check();
    expect(found.map((d) => d.scope).sort()).toEqual(['channels', 'members', 'messages']);
    expect(found.find((d) => d.scope === 'messages')?.id).toBe(message.id);
  });

  it('passes over a send in flight and reports one left failed', async () => {
    const seeded = server.seeded;
    const alice = seeded?.users[0];
    const general = seeded?.spaces[0]?.channels.find((channel) => channel.name === 'general');
    if (!alice || !general) throw new Error('demo seed changed');
    const sender = new AccordStore();
    const conn = sender.addServer({ baseUrl: server.url, token: alice.token });
    await conn.ready;
    const check = () =>
      compareStoreWithServer({
        label: 'alice',
        store: sender as unknown as StoreView,
        truth: new RestTruth({ baseUrl: server.url, token: alice.token }),
        spaceIds: conn.spaceIds,
        userId: alice.id,
      });
    await sender.fetchMessages(general.id);
    const path = `/channels/${general.id}/messages`;

    // Held by the server: the entry is `sending` while the check runs.
    server.faults.failRest({ action: 'hold', method: 'POST', path });
    const inFlight = sender.sendMessage(general.id, 'in flight during a check');
    while (server.faults.rest.heldCount === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(sender.messages(general.id).at(-1)?.pending).toBe('sending');
    expect(await check()).toEqual([]);
    server.faults.releaseRest();
    await inFlight;

    // Refused: the entry stays `failed`, and a check reports it until it is discarded.
    server.faults.failRest({ action: 'fail', status: 400, code: 'soak_refused', method: 'POST', path });
    await expect(sender.sendMessage(general.id, 'refused by the server')).rejects.toMatchObject({ status: 400 });
    const failed = sender.messages(general.id).at(-1);
    expect(failed?.pending).toBe('failed');
    const found = await check();
    expect(found.map((d) => [d.scope, d.id])).toEqual([['messages', failed?.id]]);
    expect(found[0]?.detail).toContain('a send left failed');
    sender.discardSend(failed?.id ?? '');
    expect(await check()).toEqual([]);
    await sender.close();
  });
});
