/**
 * Gateway dispatch throughput: 100,000 realistic `message.create` frames (~1.2 KB) through the
 * real GatewaySocket message handler (JSON.parse, seq check, parser lookup, model check, emit),
 * beside a bare JSON.parse of the same frames in the same run. Prints the ratio; asserts nothing.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { median, settle } from './measure.js';
import { GatewaySocket } from '../src/gateway/index.js';
import { FakeClock } from '../src/util/fake-clock.js';
import { emptyReadyData } from '../fixtures/wire.js';
import { BenchSocket, HELLO, frame, messageData } from './store-fixtures.js';

const FRAME_COUNT = 100_000;
const ROUNDS = 5;

/** One message.create frame as accordserver sends it (docs/protocol.md §4.6), about 1.2 KB. */
function messageFrame(i: number): string {
  return frame('message.create', i + 2, messageData(i, { channels: 1, authors: 50 }));
}

const READY = JSON.stringify({ op: 0, type: 'ready', seq: 1, data: emptyReadyData('s', 'u') });

function timeParse(frames: readonly string[]): { ms: number; checksum: number } {
  let checksum = 0;
  const start = performance.now();
  for (const frame of frames) checksum += (JSON.parse(frame) as { seq: number }).seq;
  return { ms: performance.now() - start, checksum };
}

function timeDispatch(frames: readonly string[]): { ms: number; checksum: number; errors: number } {
  const gateway = new GatewaySocket({
    token: 'bench',
    gatewayUrl: 'ws://bench/ws',
    WebSocket: BenchSocket,
    clock: new FakeClock(),
    random: () => 0.5,
  });
  let checksum = 0;
  let errors = 0;
  gateway.on('message.create', (message) => {
    checksum += message.content.length;
  });
  gateway.on('error', () => {
    errors++;
  });
  void gateway.connect();
  const socket = BenchSocket.last;
  const handler = socket?.onmessage;
  if (!socket || !handler) throw new Error('bench socket not attached');
  handler({ data: HELLO });
  handler({ data: READY });
  const start = performance.now();
  // each frame in a fresh message event, as a socket delivers it
  for (const data of frames) handler({ data });
  const ms = performance.now() - start;
  gateway.disconnect();
  return { ms, checksum, errors };
}

export async function benchGatewayDispatch(): Promise<{
  name: string;
  frames: number;
  avgFrameBytes: number;
  jsonParseMs: number;
  dispatchMs: number;
  jsonParseFramesPerSec: number;
  dispatchFramesPerSec: number;
  ratio: number;
  invalidFrames: number;
}> {
  const frames = Array.from({ length: FRAME_COUNT }, (_, i) => messageFrame(i));
  const avgFrameBytes = Math.round(frames.reduce((sum, frame) => sum + frame.length, 0) / frames.length);

  // warm both paths up before measuring
  timeParse(frames);
  timeDispatch(frames);

  const parseTimes: number[] = [];
  const dispatchTimes: number[] = [];
  let invalidFrames = 0;
  for (let round = 0; round < ROUNDS; round++) {
    await settle();
    parseTimes.push(timeParse(frames).ms);
    await settle();
    const dispatched = timeDispatch(frames);
    dispatchTimes.push(dispatched.ms);
    invalidFrames += dispatched.errors;
  }
  const jsonParseMs = median(parseTimes);
  const dispatchMs = median(dispatchTimes);
  const result = {
    name: 'gateway dispatch vs JSON.parse (message.create)',
    frames: FRAME_COUNT,
    avgFrameBytes,
    jsonParseMs: Math.round(jsonParseMs * 10) / 10,
    dispatchMs: Math.round(dispatchMs * 10) / 10,
    jsonParseFramesPerSec: Math.round((FRAME_COUNT / jsonParseMs) * 1000),
    dispatchFramesPerSec: Math.round((FRAME_COUNT / dispatchMs) * 1000),
    ratio: Math.round((dispatchMs / jsonParseMs) * 1000) / 1000,
    invalidFrames,
  };
  console.log(`gateway dispatch: ${result.ratio}x bare JSON.parse (${result.dispatchFramesPerSec} vs ${result.jsonParseFramesPerSec} frames/s, ~${avgFrameBytes} B/frame)`);
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchGatewayDispatch();
}
