import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayControl } from '../contracts.js';
import type { ServerData } from '../data/index.js';
import { ApiError, unauthorized } from '../data/errors.js';
import { sha256Hex } from '../data/ids.js';
import type { ServiceContext } from '../data/services/context.js';
import type { Clock } from '../../util/clock.js';
import type { Logger } from '../../util/logger.js';
import { clientIp, CORS_HEADERS, parseJsonBody, readBody, sendError, sendJson, sendText } from './http-io.js';
import type { RateLimitOptions, RegisterLimitOptions } from './rate-limit.js';
import { RestRateLimiter } from './rate-limit.js';
import type { RestRequest, Route, RouteTable } from './route.js';
import { RawBody, RetryLaterError } from './route.js';
import { Router } from './router.js';
import { registerAllRoutes } from './routes/index.js';

export interface RestHandlerDeps {
  data: ServerData;
  gateway: GatewayControl;
  logger: Logger;
  /** For the rate limiter; defaults to the data clock. */
  clock?: Clock;
  rateLimit?: RateLimitOptions;
  /** `POST /auth/register` attempts per client IP: 5 per 15 minutes by default, like the real server. */
  registerLimit?: RegisterLimitOptions;
  /**
   * Trust `X-Forwarded-For` / `X-Real-IP` for the per-IP limits (only behind a proxy that sets
   * them). Off by default: the socket address is used.
   */
  trustProxy?: boolean;
  /** 'http://HOST:PORT' once listening: the REST voice join points at its stub voice URL. */
  baseUrl?: () => string;
}

const API_PREFIX = '/api/v1';

/** The REST API under /api/v1 (docs/protocol.md §5) plus GET /health. */
export function createRestHandler(deps: RestHandlerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const clock = deps.clock ?? deps.data.clock;
  const limiter = new RestRateLimiter(clock, deps.rateLimit);
  const ctx: ServiceContext = {
    data: deps.data,
    gateway: deps.gateway,
    voiceUrl: () => `${(deps.baseUrl?.() ?? 'http://127.0.0.1').replace(/^http/, 'ws')}/voice-stub`,
  };
  const router = new Router<Route>();
  const add = (method: string) => (path: string, auth: Route['auth'], handle: Route['handle']) => router.add(method, path, { auth, handle });
  const table: RouteTable = { get: add('GET'), post: add('POST'), put: add('PUT'), patch: add('PATCH'), delete: add('DELETE') };
  registerAllRoutes(table, { clock, registerLimit: deps.registerLimit });

  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      deps.logger.error('rest: request failed', { error: error instanceof Error ? error.message : String(error) });
      if (!res.headersSent) sendJson(res, 500, { error: { code: 'internal_error', message: 'internal error' } });
    });
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') {
      res.writeHead(204, CORS_HEADERS);
      res.end();
      return;
    }
    if (url.pathname === '/health' && method === 'GET') return sendText(res, 200, 'ok');
    if (url.pathname !== API_PREFIX && !url.pathname.startsWith(`${API_PREFIX}/`)) return empty(res, 404);
    let segments: string[];
    try {
      segments = url.pathname.slice(API_PREFIX.length).split('/').filter(Boolean).map(decodeURIComponent);
    } catch {
      return sendText(res, 400, 'Invalid URL: bad percent-encoding');
    }
    const match = router.match(method, segments);
    if (match === null) return empty(res, 404);
    if (match === 'method_not_allowed') return empty(res, 405);

    const authorization = req.headers.authorization ?? null;
    const ip = clientIp(req, deps.trustProxy ?? false);
    const decision = limiter.take(sha256Hex(authorization ?? ip));
    if (!decision.allowed) {
      const error = new ApiError(429, 'rate_limited', `rate limited, retry after ${decision.retryAfterSeconds}s`);
      return sendError(res, error, { 'retry-after': String(decision.retryAfterSeconds) });
    }
    const headers = {
      'x-ratelimit-limit': String(decision.limit),
      'x-ratelimit-remaining': String(decision.remaining),
      'x-ratelimit-reset': String(decision.resetSeconds),
    };
    try {
      const { route, params } = match;
      const auth = authorization === null ? null : deps.data.resolveToken(authorization);
      if (authorization !== null && auth === null) throw unauthorized();
      if (route.auth !== 'optional' && auth === null) throw unauthorized();
      if (route.auth === 'user' && auth?.kind === 'guest') throw unauthorized();
      let bodyPromise: Promise<unknown> | undefined;
      const request: RestRequest = {
        param: (name) => params.get(name) ?? '',
        query: url.searchParams,
        body: () => (bodyPromise ??= readBody(req).then((raw) => parseJsonBody(req, raw))),
        auth,
        userId: auth?.userId ?? '',
        authorization,
        ip,
      };
      const result = await route.handle(request, ctx);
      if (result instanceof RawBody) sendJson(res, 200, result.body, headers);
      else sendJson(res, 200, { data: result === undefined ? null : result }, headers);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error instanceof RetryLaterError) sendError(res, error, { 'retry-after': String(error.retryAfterSeconds) });
      else sendError(res, error, headers);
    }
  }
}

function empty(res: ServerResponse, status: number): void {
  res.writeHead(status, { ...CORS_HEADERS, 'content-length': 0 });
  res.end();
}
