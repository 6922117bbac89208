/**
 * Embedded AccordServer fan-out and delivery rate, each beside a plain baseline in the same run.
 *
 * Fan-out: 1,000 raw `ws` sessions IDENTIFY (seeded tokens, many sessions per user, intents
 * ['messages']), and one message is put on the gateway bus (`server.publish`: the gateway's
 * routing, per-session seq stamping and sends); we time until every session has parsed its
 * `message.create`. Beside it, in the same rounds (alternating which goes first), a plain `ws`
 * server with 1,000 connected sockets sends each of them the same bytes: the very frame a session
 * received from the bus in that round (marker swapped for one of the same length). The goal's
 * ratio is the median of the per-round ratios bus / plain. Informational: the same message posted
 * over REST (REST handling and storage added), also against that round's plain broadcast.
 *
 * Delivery rate: one session, N messages posted over REST sequentially and with a few requests in
 * flight, counted as they arrive at that session. Beside it: a bare node http + ws server that
 * parses the same POST, pushes one frame to the one socket and answers 200.
 *
 * Server and clients share this process (and its two cores), as do the baselines: read the
 * ratios, not the absolute numbers. Prints the figures; asserts nothing.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import WebSocket, { WebSocketServer } from 'ws';
import { EVENT_VIEW, toMessage } from '../src/server/data/serialize.js';
import { AccordServer } from '../src/server/index.js';
import { collect, median, round1, round3 } from './measure.js';
import type { RatioRow } from './summary.js';

const SESSIONS = 1_000;
const CONNECT_BATCH = 50;
const FANOUT_ROUNDS = 41;
const SEQUENTIAL_MESSAGES = 500;
const CONCURRENT_MESSAGES = 2_000;
const IN_FLIGHT = 8;

interface Frame {
  op?: number;
  type?: string;
  data?: { content?: unknown } | null;
}

/** Counts parsed `message.create` frames whose content starts with the current marker. */
class Arrivals {
  private marker = '\u0000';
  private count = 0;
  private target = 0;
  private done: (() => void) | null = null;
  /** The last counted frame as it arrived (the bytes a session received). */
  lastText = '';

  expect(marker: string, target: number): Promise<void> {
    this.marker = marker;
    this.count = 0;
    this.target = target;
    return new Promise((resolve) => {
      this.done = resolve;
    });
  }

  onText(text: string): void {
    const frame = JSON.parse(text) as Frame;
    if (frame.op !== 0 || frame.type !== 'message.create') return;
    const content = frame.data?.content;
    if (typeof content !== 'string' || !content.startsWith(this.marker)) return;
    this.count += 1;
    this.lastText = text;
    if (this.count === this.target) this.done?.();
  }
}

function onText(socket: WebSocket, handle: (text: string) => void): void {
  socket.on('message', (data, isBinary) => {
    if (!isBinary) handle(data.toString());
  });
}

function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** HELLO, IDENTIFY, READY; afterwards every text frame goes to `arrivals`. */
function identify(url: string, token: string, arrivals: Arrivals): Promise<WebSocket> {
  // listen before 'open': HELLO can be emitted before an awaited open() would resume
  const socket = new WebSocket(url);
  return new Promise((resolve, reject) => {
    const onMessage = (data: WebSocket.RawData): void => {
      const frame = JSON.parse(data.toString()) as Frame;
      if (frame.op === 5) socket.send(JSON.stringify({ op: 2, data: { token, intents: ['messages'] } }));
      else if (frame.op === 0 && frame.type === 'ready') {
        socket.off('message', onMessage);
        onText(socket, (text) => arrivals.onText(text));
        resolve(socket);
      } else if (frame.op === 7) reject(new Error('IDENTIFY rejected'));
    };
    socket.on('message', onMessage);
    socket.once('error', reject);
  });
}

async function inBatches<T>(count: number, make: (index: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let start = 0; start < count; start += CONNECT_BATCH) {
    const batch = Array.from({ length: Math.min(CONNECT_BATCH, count - start) }, (_, i) => make(start + i));
    out.push(...(await Promise.all(batch)));
  }
  return out;
}


async function postJson(url: string, authorization: string | null, body: unknown): Promise<void> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (authorization !== null) headers.authorization = authorization;
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  if (response.status !== 200) throw new Error(`POST ${url} -> ${response.status} ${await response.text()}`);
  await response.arrayBuffer();
}

/** Posts `count` messages (`in flight` at a time) and resolves once `arrivals` has seen them all. */
async function timeDelivery(
  arrivals: Arrivals,
  count: number,
  inFlight: number,
  marker: string,
  post: (content: string) => Promise<void>,
): Promise<number> {
  const arrived = arrivals.expect(marker, count);
  let next = 0;
  const start = performance.now();
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      await post(`${marker} message ${index} ${'lorem ipsum '.repeat(6)}`);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, () => worker()));
  await arrived;
  return performance.now() - start;
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** A plain ws server with 1,000 connected sockets; `broadcast` sends one text to each. */
async function plainBroadcaster(): Promise<{ arrivals: Arrivals; broadcast: (text: string) => void; close: () => Promise<void> }> {
  const http = createServer();
  const wss = new WebSocketServer({ server: http });
  const serverSockets: WebSocket[] = [];
  wss.on('connection', (socket) => serverSockets.push(socket));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/`;
  const arrivals = new Arrivals();
  const clients = await inBatches(SESSIONS, async () => {
    const socket = await open(url);
    onText(socket, (text) => arrivals.onText(text));
    return socket;
  });
  while (serverSockets.length < SESSIONS) await new Promise((resolve) => setTimeout(resolve, 1));
  return {
    arrivals,
    broadcast: (text) => {
      for (const socket of serverSockets) socket.send(text);
    },
    close: async () => {
      for (const socket of clients) socket.terminate();
      wss.close();
      await close(http);
    },
  };
}

/** Time until every one of `arrivals`' sessions has parsed the frame marked `marker`. */
async function timeFanout(arrivals: Arrivals, marker: string, send: () => unknown): Promise<number> {
  collect();
  const arrived = arrivals.expect(marker, SESSIONS);
  const start = performance.now();
  await send();
  await arrived;
  return performance.now() - start;
}

/** A bare http + ws server: POST -> parse -> one frame to the one socket -> 200. */
async function baselineDelivery(): Promise<{ sequentialMs: number; concurrentMs: number }> {
  let sink: WebSocket | null = null;
  let seq = 1;
  const readBody = async (req: IncomingMessage): Promise<string> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };
  const http = createServer((req, res) => {
    readBody(req)
      .then((text) => {
        const body = JSON.parse(text) as { content: string };
        const data = { id: String(seq), channel_id: '1', author_id: '2', content: body.content, timestamp: '2024-05-01 12:00:00' };
        seq += 1;
        sink?.send(JSON.stringify({ op: 0, type: 'message.create', data, seq }));
        const reply = JSON.stringify({ data });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(reply) });
        res.end(reply);
      })
      .catch(() => {
        res.writeHead(400);
        res.end();
      });
  });
  const wss = new WebSocketServer({ server: http });
  wss.on('connection', (socket) => {
    sink = socket;
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;
  const arrivals = new Arrivals();
  const client = await open(`ws://127.0.0.1:${port}/`);
  onText(client, (text) => arrivals.onText(text));
  while (sink === null) await new Promise((resolve) => setTimeout(resolve, 1));
  const post = (content: string) => postJson(`http://127.0.0.1:${port}/post`, null, { content });
  await timeDelivery(arrivals, 100, IN_FLIGHT, 'warm-base', post);
  collect();
  const sequentialMs = await timeDelivery(arrivals, SEQUENTIAL_MESSAGES, 1, 'seq-base', post);
  collect();
  const concurrentMs = await timeDelivery(arrivals, CONCURRENT_MESSAGES, IN_FLIGHT, 'conc-base', post);
  client.terminate();
  wss.close();
  await close(http);
  return { sequentialMs, concurrentMs };
}

export async function benchServerFanout(): Promise<Record<string, unknown>> {
  const server = await AccordServer.start({
    port: 0,
    seed: 'demo',
    restRateLimit: { disabled: true },
    rateLimit: { frames: 1_000_000, windowMs: 60_000 },
    // the bench sockets do not beat: keep them alive for the whole run
    heartbeatIntervalMs: 600_000,
    heartbeatTimeoutMs: 1_200_000,
  });
  const seeded = server.seeded;
  const general = seeded?.spaces[0]?.channels.find((c) => c.name === 'general');
  const alice = seeded?.users[0];
  if (!seeded || !general || !alice) throw new Error('the demo seed is missing');
  const users = seeded.users; // every demo user is a member of the lounge
  const authorization = `Bearer ${alice.token}`;
  const messagesUrl = `${server.url}/api/v1/channels/${general.id}/messages`;
  const post = (content: string) => postJson(messagesUrl, authorization, { content });

  // --- fan-out: 1,000 sessions, and beside them a plain ws server with 1,000 sockets
  const arrivals = new Arrivals();
  const connectStart = performance.now();
  const sessions = await inBatches(SESSIONS, (index) => {
    const user = users[index % users.length];
    if (!user) throw new Error('no user');
    return identify(server.gatewayUrl, `Bearer ${user.token}`, arrivals);
  });
  const connectMs = performance.now() - connectStart;
  const plain = await plainBroadcaster();

  const restTimes: number[] = [];
  const busTimes: number[] = [];
  const plainTimes: number[] = [];
  let frameBytes = 0;
  /** The bus frame as the last session received it: what the plain side sends. */
  let busText = '';
  // Markers of one length, so the plain side's frame has exactly the bus frame's size.
  const marker = (side: 'rst' | 'bus' | 'pln', round: number): string => `fanout-${side}-${String(round).padStart(3, '0')}`;
  for (let round = 0; round <= FANOUT_ROUNDS; round++) {
    const restMs = await timeFanout(arrivals, marker('rst', round), () => post(`${marker('rst', round)} hello everyone`));

    // the same message straight onto the bus: the gateway's routing and sends, without REST
    const last = server.data.tables.channels.get(general.id)?.last_message_id ?? '';
    const stored = server.data.tables.messages.get(last);
    if (!stored) throw new Error('posted message not stored');
    const data = toMessage(server.data.tables, { ...stored, content: `${marker('bus', round)} hello everyone` }, null, EVENT_VIEW);
    const bus = async (): Promise<number> => {
      const ms = await timeFanout(arrivals, marker('bus', round), () => server.publish({ type: 'message.create', data, spaceId: stored.space_id }));
      busText = arrivals.lastText;
      return ms;
    };
    // The plain side sends the bytes a session got from the bus (this round's, or the last one's
    // when it goes first: the same size, only the marker differs).
    const plainSide = (): Promise<number> => {
      const text = busText.replace(/fanout-bus-\d{3}/, marker('pln', round));
      frameBytes = text.length;
      return timeFanout(plain.arrivals, marker('pln', round), () => plain.broadcast(text));
    };
    let busMs: number;
    let plainMs: number;
    if (round % 2 === 0) {
      busMs = await bus();
      plainMs = await plainSide();
    } else {
      plainMs = await plainSide();
      busMs = await bus();
    }
    if (round === 0) continue; // round 0 warms up
    restTimes.push(restMs);
    busTimes.push(busMs);
    plainTimes.push(plainMs);
  }
  await plain.close();
  // a Close frame ends each session for good (a bare drop would park them, and parked sessions
  // keep buffering every event, which would tax the single-session figures below)
  for (const socket of sessions) socket.close(1000);
  while (server.sessionCount > 0) await new Promise((resolve) => setTimeout(resolve, 5));

  // --- delivery rate to one session
  const single = new Arrivals();
  const one = await identify(server.gatewayUrl, authorization, single);
  await timeDelivery(single, 100, IN_FLIGHT, 'warm', post);
  collect();
  const sequentialMs = await timeDelivery(single, SEQUENTIAL_MESSAGES, 1, 'seq', post);
  collect();
  const concurrentMs = await timeDelivery(single, CONCURRENT_MESSAGES, IN_FLIGHT, 'conc', post);
  one.terminate();
  await server.close();

  // --- baseline of the delivery rate
  const plainDelivery = await baselineDelivery();

  const restMs = median(restTimes);
  const busMs = median(busTimes);
  const plainMs = median(plainTimes);
  const busRatios = busTimes.map((ms, round) => round3(ms / (plainTimes[round] as number)));
  const restRatios = restTimes.map((ms, round) => round3(ms / (plainTimes[round] as number)));
  const perSecond = (count: number, ms: number): number => Math.round((count / ms) * 1000);
  const result = {
    name: 'embedded AccordServer fan-out and delivery rate',
    sessions: SESSIONS,
    connectMs: Math.round(connectMs),
    identifiesPerSec: perSecond(SESSIONS, connectMs),
    fanout: {
      rounds: FANOUT_ROUNDS,
      messageFrameBytes: frameBytes,
      restPostToAllMs: round1(restMs),
      busPublishToAllMs: round1(busMs),
      plainWsBroadcastMs: round1(plainMs),
      /** Medians of the per-round ratios. */
      restVsPlain: median(restRatios),
      busVsPlain: median(busRatios),
      busRatios,
    },
    delivery: {
      sequential: {
        messages: SEQUENTIAL_MESSAGES,
        accordPerSec: perSecond(SEQUENTIAL_MESSAGES, sequentialMs),
        plainHttpWsPerSec: perSecond(SEQUENTIAL_MESSAGES, plainDelivery.sequentialMs),
        ratio: round3(plainDelivery.sequentialMs / sequentialMs),
      },
      concurrent: {
        messages: CONCURRENT_MESSAGES,
        inFlight: IN_FLIGHT,
        accordPerSec: perSecond(CONCURRENT_MESSAGES, concurrentMs),
        plainHttpWsPerSec: perSecond(CONCURRENT_MESSAGES, plainDelivery.concurrentMs),
        ratio: round3(plainDelivery.concurrentMs / concurrentMs),
      },
    },
    summary: [
      { name: 'server fan-out to 1,000 sessions (bus)', ratio: median(busRatios), goal: 1.2, against: 'plain ws broadcast of the same bytes' },
      { name: 'server fan-out to 1,000 sessions (REST post)', ratio: median(restRatios), goal: null, against: 'plain ws broadcast of the same bytes' },
    ] satisfies RatioRow[],
  };
  console.log(
    `fan-out to ${SESSIONS} sessions: REST post -> all ${result.fanout.restPostToAllMs} ms, bus publish -> all ${result.fanout.busPublishToAllMs} ms, ` +
      `plain ws broadcast of the same ${frameBytes} B ${result.fanout.plainWsBroadcastMs} ms (REST ${result.fanout.restVsPlain}x, bus ${result.fanout.busVsPlain}x; ` +
      `per-round bus/plain ${busRatios.join(', ')})`,
  );
  console.log(
    `one session: ${result.delivery.sequential.accordPerSec} msg/s sequential (plain http+ws ${result.delivery.sequential.plainHttpWsPerSec}), ` +
      `${result.delivery.concurrent.accordPerSec} msg/s with ${IN_FLIGHT} in flight (plain ${result.delivery.concurrent.plainHttpWsPerSec}); ` +
      `accord/plain ${result.delivery.sequential.ratio} / ${result.delivery.concurrent.ratio}`,
  );
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchServerFanout();
}
