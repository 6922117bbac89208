/**
 * Child-process entry for the memory tests: runs one embedded AccordServer alone in its process
 * (started with --expose-gc), so what the parent measures is the server's memory and nothing else.
 * Protocol over IPC: {type:'heap'} -> {type:'heap', bytes}; {type:'state', sessionId} ->
 * {type:'state', state}; {type:'close'} ends the process.
 */
import { AccordServer } from '../../../src/server/index.js';
import type { AccordServerOptions } from '../../../src/server/index.js';

type Request = { type: 'heap' } | { type: 'state'; sessionId: string } | { type: 'close' };

const options = JSON.parse(process.argv[2] ?? '{}') as AccordServerOptions;
const server = await AccordServer.start({ ...options, port: 0 });
const collect = (globalThis as { gc?: () => void }).gc;
if (collect === undefined) throw new Error('start the memory-test child with --expose-gc');

/** V8 heap plus memory outside it (Buffers queued on sockets live there). */
function serverBytes(): number {
  collect?.();
  collect?.();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external;
}

process.on('message', (message: Request) => {
  if (message.type === 'heap') {
    // let sockets settle first: writes the kernel just accepted release their buffers on the next turn
    setImmediate(() => process.send?.({ type: 'heap', bytes: serverBytes() }));
  } else if (message.type === 'state') {
    process.send?.({ type: 'state', state: server.sessionState(message.sessionId) ?? null });
  } else if (message.type === 'close') {
    void server.close().then(() => process.exit(0));
  }
});
process.send?.({ type: 'ready', url: server.url, gatewayUrl: server.gatewayUrl, seeded: server.seeded });
