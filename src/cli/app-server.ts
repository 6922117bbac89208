import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { AccordServer, type AccordServerOptions } from '../server/index.js';
import { demoLoginsFrom, type DemoLogins } from './demo-logins.js';
import { proxyRequest, proxyUpgrade, type ProxyTarget } from './proxy.js';
import { createStaticHandler } from './static-files.js';

/** web/dist, two levels above both src/cli (tsx) and dist/cli (built). */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../web/dist', import.meta.url));

export interface AppServerOptions {
  port?: number;
  host?: string;
  seed?: 'demo' | 'empty';
  db?: string;
  faults?: boolean;
  /** Folder of the built browser client. */
  webRoot?: string;
  /** Extra options for the embedded AccordServer (timeouts in tests, a logger…). */
  server?: Omit<AccordServerOptions, 'port' | 'host' | 'seed' | 'db' | 'faults'>;
}

/**
 * What `npm start` runs: one URL that serves the browser client and, on the same origin, the
 * embedded AccordServer's REST API, gateway and (optionally) fault endpoints, so the page needs no
 * CORS and no second address. The AccordServer itself listens on a private loopback port.
 */
export class AppServer {
  private constructor(
    readonly url: string,
    readonly accord: AccordServer,
    readonly demoLogins: DemoLogins,
    private readonly http: Server,
    private readonly upgraded: Set<Duplex>,
  ) {}

  static async start(options: AppServerOptions = {}): Promise<AppServer> {
    const webRoot = options.webRoot ?? DEFAULT_WEB_ROOT;
    if (!existsSync(webRoot)) {
      throw new Error(`the browser client is not built (${webRoot} is missing): run \`npm run build:web\``);
    }
    const accord = await AccordServer.start({
      ...options.server,
      port: 0,
      host: '127.0.0.1',
      seed: options.seed ?? 'demo',
      ...(options.db !== undefined ? { db: options.db } : {}),
      faults: options.faults ?? false,
    });
    const target = targetOf(accord.url);
    const demoLogins = demoLoginsFrom(accord.seeded);
    const serveStatic = createStaticHandler(webRoot);
    const demoJson = JSON.stringify({ users: demoLogins.users.map(({ username, displayName, token }) => ({ username, displayName, token })) });

    const http = createServer((req: IncomingMessage, res: ServerResponse) => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      if (path.startsWith('/api/') || path === '/ws' || path === '/_faults' || path.startsWith('/_faults/') || path.startsWith('/cdn/')) {
        proxyRequest(target, req, res);
        return;
      }
      if (path === '/demo-logins.json') {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(demoJson);
        return;
      }
      serveStatic(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
    const upgraded = new Set<Duplex>();
    http.on('upgrade', (req, socket: Duplex, head: Buffer) => {
      upgraded.add(socket);
      socket.once('close', () => upgraded.delete(socket));
      const path = (req.url ?? '/').split('?')[0];
      if (path !== '/ws') {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      proxyUpgrade(target, req, socket, head);
    });
    try {
      await listen(http, options.port ?? 3000, options.host ?? '127.0.0.1');
    } catch (error) {
      await accord.close();
      throw error;
    }
    const address = http.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return new AppServer(`http://${host}:${address.port}`, accord, demoLogins, http, upgraded);
  }

  async close(): Promise<void> {
    await this.accord.close();
    for (const socket of this.upgraded) socket.destroy();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }
}

function targetOf(url: string): ProxyTarget {
  const parsed = new URL(url);
  return { host: parsed.hostname.replace(/^\[|\]$/g, ''), port: Number(parsed.port) };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
