/**
 * A RESUME that replays 256 events (the server's whole replay buffer, docs/protocol.md §1.9.3) against
 * the embedded AccordServer, beside the same 256 events delivered live, in alternating rounds.
 *
 * Resume: the server drops the store's socket without a Close frame (the session parks), the 256
 * events are published while it is parked, and the store reconnects on its own. Timed from the
 * moment the store opens its new socket (its reconnect delay is its policy, not replay work) to
 * `resumed` (the store's serverReconnected) and to quiet (the last signal the replay caused).
 * Live: the same events published to the connected store, timed from the first publish to the last
 * signal they caused. Server, store and sockets share this process. Informational: prints ratios.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import WebSocket from 'ws';
import { EVENT_VIEW, toMessage } from '../src/server/data/serialize.js';
import { AccordServer } from '../src/server/index.js';
import { AccordStore, type WebSocketConstructor } from '../src/state/index.js';
import { median, round1, round3 } from './measure.js';
import type { RatioRow } from './summary.js';

const EVENTS = 256;
const ROUNDS = 9;
/** No signal for this long after the last expected one: quiet. */
const QUIET_MS = 150;

/** When the store last opened a socket (its reconnects included). */
let socketOpenedAt = 0;
class TimedWebSocket extends WebSocket {
  constructor(url: string) {
    super(url);
    socketOpenedAt = performance.now();
  }
}

/** Counts the signals the events cause and remembers when the last one came. */
class Signals {
  count = 0;
  lastAt = 0;
  reconnectedAt = 0;

  constructor(store: AccordStore) {
    const seen = (): void => {
      this.count++;
      this.lastAt = performance.now();
    };
    store.on('messagesUpdated', seen);
    store.on('typingStarted', seen);
    store.on('serverReconnected', () => {
      if (this.reconnectedAt === 0) this.reconnectedAt = performance.now();
      this.lastAt = performance.now();
    });
  }

  reset(): void {
    this.count = 0;
    this.lastAt = 0;
    this.reconnectedAt = 0;
  }

  /** Resolves once `count` signals (and, when asked, serverReconnected) came and QUIET_MS passed since. */
  async quiet(count: number, reconnected: boolean): Promise<void> {
    const deadline = performance.now() + 60_000;
    for (;;) {
      const done = this.count >= count && (!reconnected || this.reconnectedAt !== 0);
      if (done && performance.now() - this.lastAt >= QUIET_MS) return;
      if (performance.now() > deadline) throw new Error(`only ${this.count} of ${count} signals arrived`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

export async function benchResumeReplay() {
  const server = await AccordServer.start({ port: 0, seed: 'demo', restRateLimit: { disabled: true } });
  const seeded = server.seeded;
  const lounge = seeded?.spaces[0];
  const general = lounge?.channels.find((c) => c.name === 'general');
  const [alice, bob] = seeded?.users ?? [];
  if (!lounge || !general || !alice || !bob) throw new Error('the demo seed is missing');
  const posted = await fetch(`${server.url}/api/v1/channels/${general.id}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bob.token}` },
    body: JSON.stringify({ content: 'the template of every replayed message' }),
  });
  if (posted.status !== 200) throw new Error(`posting the template failed: ${posted.status}`);
  await posted.arrayBuffer();
  const template = server.data.tables.messages.get(server.data.tables.channels.get(general.id)?.last_message_id ?? '');
  if (!template) throw new Error('posted message not stored');

  const store = new AccordStore();
  const conn = store.addServer({ baseUrl: server.url, token: alice.token, WebSocket: TimedWebSocket as unknown as WebSocketConstructor });
  await conn.ready;
  const recoveries: string[] = [];
  conn.client.on('recovered', (info) => recoveries.push(info.kind));
  const signals = new Signals(store);

  /** 256 events: 128 new messages, a reaction on each of 64 of them, 64 typing starts. */
  let nextId = BigInt(template.id);
  const publishEvents = (): void => {
    const ids: string[] = [];
    for (let i = 0; i < EVENTS; i++) {
      if (i % 4 < 2) {
        nextId += 1n;
        const id = String(nextId);
        ids.push(id);
        const data = toMessage(server.data.tables, { ...template, id, content: `replayed ${id}` }, null, EVENT_VIEW);
        server.publish({ type: 'message.create', data, spaceId: lounge.id });
      } else if (i % 4 === 2) {
        const data = { channel_id: general.id, message_id: ids[ids.length - 1], user_id: bob.id, emoji: '👍' };
        server.publish({ type: 'reaction.add', data, spaceId: lounge.id });
      } else {
        server.publish({ type: 'typing.start', data: { channel_id: general.id, user_id: bob.id, timestamp: '2024-05-01T12:00:00' }, spaceId: lounge.id });
      }
    }
  };

  const live: number[] = [];
  const toResumed: number[] = [];
  const toQuiet: number[] = [];
  for (let round = 0; round <= ROUNDS; round++) {
    signals.reset();
    const start = performance.now();
    publishEvents();
    await signals.quiet(EVENTS, false);
    if (round > 0) live.push(signals.lastAt - start);

    signals.reset();
    socketOpenedAt = 0;
    const seenRecoveries = recoveries.length;
    server.faults.drop(alice.id);
    publishEvents();
    await signals.quiet(EVENTS, true);
    if (recoveries.length !== seenRecoveries + 1 || recoveries[seenRecoveries] !== 'resumed') {
      throw new Error(`expected one resume, got ${recoveries.slice(seenRecoveries).join(', ') || 'none'}`);
    }
    if (socketOpenedAt === 0) throw new Error('the store did not open a new socket');
    if (round > 0) {
      toResumed.push(signals.reconnectedAt - socketOpenedAt);
      toQuiet.push(signals.lastAt - socketOpenedAt);
    }
  }
  await store.close();
  await server.close();

  const liveMs = median(live);
  const resumedMs = median(toResumed);
  const quietMs = median(toQuiet);
  const result = {
    name: 'RESUME replaying 256 events vs the same events live',
    events: EVENTS,
    rounds: ROUNDS,
    liveMs: round1(liveMs),
    resumeToResumedMs: round1(resumedMs),
    resumeToQuietMs: round1(quietMs),
    resumedVsLive: round3(resumedMs / liveMs),
    quietVsLive: round3(quietMs / liveMs),
    summary: [
      { name: 'RESUME of 256 events, to `resumed`', ratio: round3(resumedMs / liveMs), goal: null, against: 'the same 256 events live' },
      { name: 'RESUME of 256 events, to quiet', ratio: round3(quietMs / liveMs), goal: null, against: 'the same 256 events live' },
    ] satisfies RatioRow[],
  };
  console.log(
    `RESUME replaying ${EVENTS} events: new socket -> resumed ${result.resumeToResumedMs} ms, -> quiet ${result.resumeToQuietMs} ms; ` +
      `the same events live ${result.liveMs} ms (${result.resumedVsLive}x / ${result.quietVsLive}x live)`,
  );
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchResumeReplay();
}
