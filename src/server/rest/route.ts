import type { ResolvedToken } from '../contracts.js';
import { ApiError } from '../data/errors.js';
import type { ServiceContext } from '../data/services/context.js';

/** Who may call a route: users and bots; also guests; or anyone (auth optional). */
export type RouteAuth = 'user' | 'guest' | 'optional';

export interface RestRequest {
  param(name: string): string;
  readonly query: URLSearchParams;
  /** Parsed JSON body, `{}` when there is none. */
  body(): Promise<unknown>;
  /** The caller; non-null on 'user' and 'guest' routes. */
  readonly auth: ResolvedToken | null;
  /** The caller's user id ('' when anonymous). */
  readonly userId: string;
  readonly authorization: string | null;
  readonly ip: string;
}

/** Wraps a handler's value in a response other than `{data: value}`. */
export class RawBody {
  constructor(readonly body: unknown) {}
}

export type Handler = (req: RestRequest, ctx: ServiceContext) => unknown;

export interface Route {
  auth: RouteAuth;
  handle: Handler;
}

export interface RouteTable {
  get(path: string, auth: RouteAuth, handle: Handler): void;
  post(path: string, auth: RouteAuth, handle: Handler): void;
  put(path: string, auth: RouteAuth, handle: Handler): void;
  patch(path: string, auth: RouteAuth, handle: Handler): void;
  delete(path: string, auth: RouteAuth, handle: Handler): void;
}

/** A per-route limit (login failures): 429 with Retry-After and no X-RateLimit-* headers. */
export class RetryLaterError extends ApiError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'rate_limited', `rate limited, retry after ${retryAfterSeconds}s`);
  }
}

/** Integer query parameter; a malformed one is a framework-level plain-text 400. */
export function intQuery(query: URLSearchParams, key: string): number | undefined {
  const value = query.get(key);
  if (value === null || value === '') return undefined;
  if (!/^-?\d+$/.test(value)) throw new ApiError(400, 'invalid_query', `Failed to deserialize query string: ${key}`, true);
  return Number(value);
}

export const boolQuery = (query: URLSearchParams, key: string): boolean => query.get(key) === 'true';

export const stringQuery = (query: URLSearchParams, key: string): string | undefined => query.get(key) ?? undefined;
