import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';

/** Where requests are forwarded: the embedded AccordServer's own listener. */
export interface ProxyTarget {
  host: string;
  port: number;
}

/** Forwards one HTTP request (REST, fault endpoints) to the target, streaming both bodies. */
export function proxyRequest(target: ProxyTarget, req: IncomingMessage, res: ServerResponse): void {
  const upstream = httpRequest(
    { host: target.host, port: target.port, method: req.method, path: req.url, headers: req.headers },
    (reply) => {
      res.writeHead(reply.statusCode ?? 502, reply.headers);
      reply.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 'bad_gateway', message: 'the embedded server did not answer' } }));
  });
  req.pipe(upstream);
}

/**
 * Forwards a WebSocket upgrade byte for byte. When either side goes away the other is destroyed
 * (not closed politely), so a server-side drop reaches the browser as the same abnormal close.
 */
export function proxyUpgrade(target: ProxyTarget, req: IncomingMessage, client: Duplex, head: Buffer): void {
  const upstream: Socket = connect(target.port, target.host);
  const teardown = (): void => {
    client.destroy();
    upstream.destroy();
  };
  upstream.on('connect', () => {
    upstream.setNoDelay(true);
    const lines = [`${req.method ?? 'GET'} ${req.url ?? '/'} HTTP/1.1`];
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
    upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
    if (head.length > 0) upstream.write(head);
    upstream.pipe(client);
    client.pipe(upstream);
  });
  upstream.on('error', teardown);
  upstream.on('close', teardown);
  client.on('error', teardown);
  client.on('close', teardown);
}
