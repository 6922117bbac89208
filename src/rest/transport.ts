import type { Clock } from '../util/clock.js';
import { scrubSecrets, type Logger } from '../util/logger.js';
import { AccordApiError, AccordNetworkError, AccordResponseError, type RestRequestInfo } from './errors.js';
import { readRateLimit, readRetryAfter, type RateLimitInfo } from './rate-limit.js';

/** The subset of `fetch` AccordRest uses; inject a fake in tests. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export type QueryValue = string | number | boolean | undefined | null;

export interface RestRequest {
  /** Path under `/api/v1`, already percent-encoded, e.g. `/channels/1/messages`. */
  path: string;
  query?: Record<string, QueryValue>;
  /** Serialized as JSON; `undefined` sends no body. */
  body?: unknown;
  /** false for the few endpoints that answer without the `{data}` envelope (docs/protocol.md §5.2). */
  enveloped?: boolean;
}

export interface PageCursor {
  after: string;
  has_more: boolean;
}

export interface RestResult {
  /** The envelope's `data` (or the whole body for un-enveloped endpoints); null when empty. */
  data: unknown;
  /** Present on paginated lists when the server sent one. */
  cursor: PageCursor | undefined;
}

export interface TransportOptions {
  baseUrl: string;
  /** Full Authorization header value, or undefined for unauthenticated calls. */
  authorization: string | undefined;
  /** Raw secrets to scrub from any text we surface. */
  secrets: readonly string[];
  fetch: FetchLike;
  clock: Clock;
  logger: Logger;
  maxRetries: number;
  maxRetryWaitMs: number;
  timeoutMs: number;
}

const MAX_ERROR_TEXT = 300;
const DEFAULT_RETRY_AFTER_MS = 1000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `http://host:3000/` and `http://host:3000/api/v1` both become `http://host:3000`. */
export function normalizeBaseUrl(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '').replace(/\/api\/v1$/, '');
}

/** Percent-encodes one path segment (ids, invite codes, emoji). */
export function segment(value: string): string {
  return encodeURIComponent(value);
}

function readCursor(body: Record<string, unknown>): PageCursor | undefined {
  const cursor = body['cursor'];
  if (!isRecord(cursor) || typeof cursor['after'] !== 'string') return undefined;
  return { after: cursor['after'], has_more: cursor['has_more'] === true };
}

/**
 * One HTTP exchange with accordserver's `/api/v1`: headers, JSON, the envelope, typed errors,
 * 429 retries on the injected clock, rate-limit bookkeeping. Holds the credential privately.
 */
export class RestTransport {
  readonly #options: TransportOptions;
  #rateLimit: RateLimitInfo | undefined;

  constructor(options: TransportOptions) {
    this.#options = { ...options, baseUrl: normalizeBaseUrl(options.baseUrl) };
  }

  get baseUrl(): string {
    return this.#options.baseUrl;
  }

  get rateLimit(): RateLimitInfo | undefined {
    return this.#rateLimit;
  }

  /** Removes tokens (ours and anything token-shaped) from text we are about to surface. */
  scrub(text: string): string {
    return scrubSecrets(text, this.#options.secrets);
  }

  url(request: RestRequest): string {
    let url = `${this.#options.baseUrl}/api/v1${request.path}`;
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined && value !== null) params.set(key, String(value));
    }
    const query = params.toString();
    if (query) url += `?${query}`;
    return url;
  }

  async request(method: string, request: RestRequest): Promise<RestResult> {
    const info: RestRequestInfo = { method, path: request.path };
    const { maxRetries, maxRetryWaitMs, logger } = this.#options;
    for (let attempt = 0; ; attempt++) {
      const response = await this.#send(method, request, info);
      const now = this.#options.clock.now();
      const rateLimit = readRateLimit(response.headers, now);
      if (rateLimit) this.#rateLimit = rateLimit;
      if (response.status === 429) {
        const waitMs = readRetryAfter(response.headers, now) ?? DEFAULT_RETRY_AFTER_MS;
        if (attempt < maxRetries && waitMs <= maxRetryWaitMs) {
          logger.debug(`rest: 429 on ${method} ${request.path}, retrying in ${waitMs} ms`, { attempt: attempt + 1, maxRetries });
          await response.body?.cancel().catch(() => undefined);
          await this.#sleep(waitMs);
          continue;
        }
        throw await this.#errorFrom(response, info, waitMs);
      }
      if (!response.ok) throw await this.#errorFrom(response, info, undefined);
      return this.#resultFrom(response, request, info);
    }
  }

  async #send(method: string, request: RestRequest, info: RestRequestInfo): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const authorization = this.#options.authorization;
    if (authorization !== undefined) headers['Authorization'] = authorization;
    const init: RequestInit = { method, headers };
    if (request.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(request.body);
    }
    const controller = new AbortController();
    init.signal = controller.signal;
    const { clock, timeoutMs } = this.#options;
    let timedOut = false;
    let timer: ReturnType<Clock['setTimeout']> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = clock.setTimeout(() => {
        timedOut = true;
        controller.abort();
        reject(new AccordNetworkError(`no response within ${timeoutMs} ms`, info));
      }, timeoutMs);
    });
    try {
      return await Promise.race([this.#options.fetch(this.url(request), init), timeout]);
    } catch (error) {
      if (error instanceof AccordNetworkError) throw error;
      const reason = timedOut ? `no response within ${timeoutMs} ms` : error instanceof Error ? error.message : String(error);
      const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
      throw new AccordNetworkError(this.scrub(reason + cause), info);
    } finally {
      clock.clearTimeout(timer);
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.#options.clock.setTimeout(resolve, ms);
    });
  }

  async #readBody(response: Response, info: RestRequestInfo): Promise<string> {
    try {
      return await response.text();
    } catch (error) {
      throw new AccordNetworkError(this.scrub(error instanceof Error ? error.message : String(error)), info);
    }
  }

  async #resultFrom(response: Response, request: RestRequest, info: RestRequestInfo): Promise<RestResult> {
    const text = await this.#readBody(response, info);
    if (text.trim() === '') return { data: null, cursor: undefined };
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new AccordResponseError(`body is not JSON: ${this.scrub(text.slice(0, 80))}`, info);
    }
    if (request.enveloped === false || !isRecord(body)) return { data: body, cursor: undefined };
    if (!('data' in body)) {
      this.#options.logger.debug(`rest: ${info.method} ${info.path} answered without a data envelope`);
      return { data: body, cursor: undefined };
    }
    return { data: body['data'], cursor: readCursor(body) };
  }

  async #errorFrom(response: Response, info: RestRequestInfo, retryAfterMs: number | undefined): Promise<AccordApiError> {
    let text = '';
    try {
      text = await response.text();
    } catch {
      // the status alone still makes a useful error
    }
    let code = 'http_error';
    let message = text.trim().slice(0, MAX_ERROR_TEXT) || `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    try {
      const body: unknown = JSON.parse(text);
      const error = isRecord(body) ? body['error'] : undefined;
      if (isRecord(error)) {
        if (typeof error['code'] === 'string') code = error['code'];
        if (typeof error['message'] === 'string') message = error['message'].slice(0, MAX_ERROR_TEXT);
      }
    } catch {
      // plain-text framework rejection (docs/protocol.md §5.2): keep the text as the message
    }
    return new AccordApiError(response.status, this.scrub(code), this.scrub(message), info, retryAfterMs);
  }
}
