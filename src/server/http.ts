import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { RawData, WebSocket } from 'ws';
import type { Logger } from '../util/logger.js';
import type { Faults } from './faults/faults.js';
import { handleFaultRequest } from './faults/http.js';
import type { Gateway } from './gateway/gateway.js';
import { wsTransport } from './ws-transport.js';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface HttpWiring {
  server: Server;
  /** Terminates every WebSocket and stops the HTTP server. */
  close(): Promise<void>;
}

const GATEWAY_PATH = '/ws';
const FAULTS_PATH = '/_faults';
const MAX_FRAME_BYTES = 4 * 1024 * 1024;
/** ws reports 1006 when the socket ended without a Close frame from the peer. */
const ABNORMAL_CLOSURE = 1006;

/**
 * One Node HTTP server: `/ws` upgrades to the gateway (query ignored; a plain GET gets 400),
 * `/_faults/*` goes to the fault API when enabled, everything else to REST.
 */
export function createHttpWiring(options: {
  gateway: Gateway;
  rest: RequestHandler;
  faults: Faults | null;
  logger: Logger;
}): HttpWiring {
  const { gateway, rest, faults, logger } = options;
  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({ noServer: true, clientTracking: false, maxPayload: MAX_FRAME_BYTES });

  const server = createServer((req, res) => {
    const path = pathOf(req);
    if (path === GATEWAY_PATH) {
      sendJson(res, 400, { error: { code: 'upgrade_required', message: 'the gateway needs a WebSocket upgrade' } });
      return;
    }
    if (faults !== null && (path === FAULTS_PATH || path.startsWith(`${FAULTS_PATH}/`))) {
      handleFaultRequest(faults, req, res, path).catch((error: unknown) => {
        logger.error('faults: request failed', { error: String(error) });
        if (!res.headersSent) sendJson(res, 500, { error: { code: 'internal', message: 'fault request failed' } });
      });
      return;
    }
    rest(req, res);
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (pathOf(req) !== GATEWAY_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      const connection = gateway.accept(wsTransport(ws));
      ws.on('message', (data: RawData, isBinary: boolean) => {
        if (!isBinary) connection.receiveText(rawToText(data));
      });
      ws.on('close', (code: number) => {
        sockets.delete(ws);
        connection.transportClosed(code !== ABNORMAL_CLOSURE);
      });
      ws.on('error', (error: Error) => logger.debug('gateway: socket error', { connection: connection.id, error: error.message }));
    });
  });

  return {
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of sockets) ws.terminate();
        sockets.clear();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

function rawToText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
