import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BusEvent, GatewayControl } from '../../../src/server/contracts.js';
import type { ServerData } from '../../../src/server/data/index.js';
import { createServerData } from '../../../src/server/data/index.js';
import type { RateLimitOptions, RegisterLimitOptions } from '../../../src/server/rest/rate-limit.js';
import { createRestHandler } from '../../../src/server/rest/index.js';
import type { SeededDemo } from '../../../src/server/seed/index.js';
import { seedDemo } from '../../../src/server/seed/index.js';
import type { Clock } from '../../../src/util/clock.js';
import { silentLogger } from '../../../src/util/logger.js';
import { recordingGateway } from '../../unit/server-data/fake-gateway.js';

export interface Reply {
  status: number;
  headers: Headers;
  /** Parsed JSON, or the text when the body is not JSON. */
  body: unknown;
  text: string;
}

export interface CallOptions {
  token?: string | null;
  /** Full Authorization header value (overrides token). */
  authorization?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

/** A bare http server running the REST handler with a recording fake GatewayControl. */
export interface RestHarness {
  base: string;
  data: ServerData;
  gateway: GatewayControl;
  seeded: SeededDemo;
  events: BusEvent[];
  endedTokens: string[];
  call(method: string, path: string, options?: CallOptions): Promise<Reply>;
  /** Events of one type, in order. */
  eventsOf(type: string): BusEvent[];
  user(username: string): { id: string; username: string; password: string; token: string };
  space(index: number): SeededDemo['spaces'][number];
  channel(spaceIndex: number, name: string): { id: string; name: string; type: string };
  close(): Promise<void>;
}

export async function startRest(
  options: { seed?: boolean; rateLimit?: RateLimitOptions; registerLimit?: RegisterLimitOptions; limiterClock?: Clock; trustProxy?: boolean } = {},
): Promise<RestHarness> {
  const data = await createServerData();
  const seeded = options.seed === false ? { users: [], bot: { id: '', token: '', applicationId: '' }, spaces: [], dms: [] } : seedDemo(data);
  const gateway = recordingGateway();
  const { events, ended: endedTokens } = gateway;
  const handler = createRestHandler({
    data,
    gateway,
    logger: silentLogger,
    clock: options.limiterClock,
    rateLimit: options.rateLimit ?? { disabled: true },
    registerLimit: options.registerLimit,
    trustProxy: options.trustProxy,
  });
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const harness: RestHarness = {
    base,
    data,
    gateway,
    seeded,
    events,
    endedTokens,
    async call(method, path, opts = {}) {
      const headers: Record<string, string> = { ...opts.headers };
      if (opts.authorization !== undefined) headers.authorization = opts.authorization;
      else if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      let body: string | undefined;
      if (opts.rawBody !== undefined) body = opts.rawBody;
      else if (opts.body !== undefined) {
        body = JSON.stringify(opts.body);
        headers['content-type'] ??= 'application/json';
      }
      const res = await fetch(`${base}${path}`, { method, headers, body });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? (JSON.parse(text) as unknown) : null;
      } catch {
        // plain-text body
      }
      return { status: res.status, headers: res.headers, body: parsed, text };
    },
    eventsOf: (type) => events.filter((e) => e.type === type),
    user(username) {
      const found = seeded.users.find((u) => u.username === username);
      if (!found) throw new Error(`no seeded user ${username}`);
      return found;
    },
    space(index) {
      const found = seeded.spaces[index];
      if (!found) throw new Error(`no seeded space ${index}`);
      return found;
    },
    channel(spaceIndex, name) {
      const found = harness.space(spaceIndex).channels.find((c) => c.name === name);
      if (!found) throw new Error(`no channel ${name}`);
      return found;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        data.close();
      }),
  };
  return harness;
}

/** `{data: X}` -> X, failing loudly when the envelope is missing. */
export function dataOf<T = Record<string, unknown>>(reply: Reply): T {
  const body = reply.body as { data?: unknown } | null;
  if (reply.status !== 200 || body === null || typeof body !== 'object' || !('data' in body)) {
    throw new Error(`expected a 200 {data} envelope, got ${reply.status}: ${reply.text}`);
  }
  return body.data as T;
}

export function errorOf(reply: Reply): { code: string; message: string } {
  const body = reply.body as { error?: { code: string; message: string } } | null;
  if (!body?.error) throw new Error(`expected an error envelope, got ${reply.status}: ${reply.text}`);
  return body.error;
}
