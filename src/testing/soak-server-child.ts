/**
 * The soak's server process: runs the soak's AccordServers (and their traffic simulators) alone,
 * started with --expose-gc, so the soak's own heap holds the stores and nothing of the servers,
 * and the servers' memory can be measured on its own. Driven over IPC (soak-child-protocol.ts);
 * argv[2] is the SoakServerConfig as JSON.
 */
import type { Logger } from '../util/logger.js';
import { logLine } from './capture.js';
import type { ChildAnswers, ChildMessage, ChildRequest, ParentMessage, ServerInfo } from './soak-child-protocol.js';
import { applyFault, startSoakServer, type SoakServerConfig } from './soak-servers.js';
import type { SoakServer } from './soak-world.js';

const send = (message: ChildMessage) => process.send?.(message);

function forwardingLogger(source: string): Logger {
  const write = (level: string) => (message: string, details?: Record<string, unknown>) => send({ kind: 'log', source, line: logLine(level, message, details) });
  return { debug: write('debug'), warn: write('warn'), error: write('error') };
}

let started = false;
process.on('uncaughtException', (error) => {
  send({ kind: 'crash', text: `server process uncaught: ${error.stack ?? error.message}` });
  if (!started) process.exit(1);
});
process.on('unhandledRejection', (reason) => send({ kind: 'crash', text: `server process unhandled rejection: ${String(reason)}` }));

const config = JSON.parse(process.argv[2] ?? '{}') as SoakServerConfig;
const servers = new Map<string, SoakServer>();
for (const name of config.names) servers.set(name, await startSoakServer(config, name, forwardingLogger(`server-${name}`)));
const collect = (globalThis as { gc?: () => void }).gc;

function info(server: SoakServer): ServerInfo {
  return { name: server.name, url: server.url, gatewayUrl: server.server.gatewayUrl, seeded: server.seeded };
}

function serverNamed(name: string): SoakServer {
  const server = servers.get(name);
  if (!server) throw new Error(`no soak server named ${name}`);
  return server;
}

async function answer(request: ChildRequest): Promise<ChildAnswers[ChildRequest['op']]> {
  switch (request.op) {
    case 'fault':
      applyFault(serverNamed(request.server), request.fault);
      return null;
    case 'publish': {
      const { type, data, targetUserIds } = request;
      serverNamed(request.server).server.publish(targetUserIds ? { type, data, targetUserIds } : { type, data });
      return null;
    }
    case 'presences':
      return [...serverNamed(request.server).presences()];
    case 'sessionState':
      return serverNamed(request.server).server.sessionState(request.sessionId) ?? null;
    case 'startTraffic':
      serverNamed(request.server).startTraffic(request.rate);
      return null;
    case 'stopTraffic': {
      const server = serverNamed(request.server);
      server.stopTraffic();
      return server.actions;
    }
    case 'restart': {
      const server = serverNamed(request.server);
      await server.restart();
      return info(server);
    }
    case 'seededTokens':
      return serverNamed(request.server).seededTokens();
    case 'memory': {
      // let sockets settle first: writes the kernel just accepted release their buffers on the next turn
      await new Promise((resolve) => setImmediate(resolve));
      collect?.();
      collect?.();
      const usage = process.memoryUsage();
      return { heapUsedMb: toMb(usage.heapUsed), externalMb: toMb(usage.external) };
    }
    case 'close':
      for (const server of servers.values()) await server.close();
      return null;
  }
}

const toMb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;

// One request at a time, in the order sent.
let queue: Promise<void> = Promise.resolve();
process.on('message', (message: ParentMessage) => {
  queue = queue.then(async () => {
    try {
      send({ kind: 'answer', id: message.id, ok: true, value: await answer(message.request) });
    } catch (error) {
      send({ kind: 'answer', id: message.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
    if (message.request.op === 'close') process.disconnect();
  });
});
started = true;
send({ kind: 'started', servers: [...servers.values()].map(info) });
