import type { ModelParser } from '../models/model-parser.js';
import { systemClock, type Clock } from '../util/clock.js';
import { safeLogger, type Logger } from '../util/logger.js';
import { decodeList, decodeOne, type DecodeContext } from './decode.js';
import type { RateLimitInfo } from './rate-limit.js';
import { RestTransport, type FetchLike, type RestRequest, type RestResult } from './transport.js';

/** Everything but the endpoint and the credential; also what the static auth helpers accept. */
export interface RestClientOptions {
  /** Defaults to `globalThis.fetch`. */
  fetch?: FetchLike;
  /** Time source for 429 waits and request timeouts. */
  clock?: Clock;
  logger?: Logger;
  /** How many times a 429 is retried after waiting Retry-After (default 3). */
  maxRetries?: number;
  /** A Retry-After longer than this is not waited out; the 429 is thrown (default 60 000 ms). */
  maxRetryWaitMs?: number;
  /** A request with no response after this long fails with AccordNetworkError (default 30 000 ms). */
  timeoutMs?: number;
}

export function transportFor(baseUrl: string, authorization: string | undefined, secret: string, options: RestClientOptions): RestTransport {
  const secrets = secret ? [secret] : [];
  return new RestTransport({
    baseUrl,
    authorization,
    secrets,
    fetch: options.fetch ?? ((url, init) => globalThis.fetch(url, init)),
    clock: options.clock ?? systemClock,
    logger: safeLogger(options.logger, () => secrets),
    maxRetries: options.maxRetries ?? 3,
    maxRetryWaitMs: options.maxRetryWaitMs ?? 60_000,
    timeoutMs: options.timeoutMs ?? 30_000,
  });
}

/**
 * One authenticated transport and the decode steps every endpoint shares: send, then unwrap one
 * model or a list of them. Holds the credential only inside the transport's private state.
 */
export class RestCaller {
  readonly #transport: RestTransport;
  readonly #logger: Logger;

  constructor(transport: RestTransport, logger: Logger) {
    this.#transport = transport;
    this.#logger = logger;
  }

  get baseUrl(): string {
    return this.#transport.baseUrl;
  }

  get rateLimit(): RateLimitInfo | undefined {
    return this.#transport.rateLimit;
  }

  async call(method: string, request: RestRequest): Promise<RestResult & { ctx: DecodeContext }> {
    const result = await this.#transport.request(method, request);
    return { ...result, ctx: { logger: this.#logger, request: { method, path: request.path } } };
  }

  async one<T>(parser: ModelParser<T>, what: string, method: string, request: RestRequest): Promise<T> {
    const { data, ctx } = await this.call(method, request);
    return decodeOne(parser, data, what, ctx);
  }

  async list<T>(parser: ModelParser<T>, what: string, method: string, request: RestRequest): Promise<T[]> {
    const { data, ctx } = await this.call(method, request);
    return decodeList(parser, data, what, ctx);
  }
}

/** Where AccordRest keeps its caller: a symbol, so it is no public name and no JSON key. */
export const REST_CALLER: unique symbol = Symbol('accordkit.rest.caller');

/** What an endpoint method's `this` is: AccordRest, seen only through its caller. */
export interface RestHost {
  readonly [REST_CALLER]: RestCaller;
}

/**
 * Types a table of endpoint methods whose `this` is the AccordRest they are installed on. The
 * table is returned as is; its methods carry no `this` parameter in their public signatures.
 */
export function endpoints<T extends object>(table: T & ThisType<RestHost>): T {
  return table;
}

/** Puts endpoint methods on a prototype the way a class body would (writable, not enumerable). */
export function installEndpoints(prototype: object, tables: readonly object[]): void {
  for (const table of tables) {
    for (const [name, method] of Object.entries(table)) {
      if (Object.hasOwn(prototype, name)) throw new Error(`AccordRest: endpoint ${name} is defined twice`);
      Object.defineProperty(prototype, name, { value: method, writable: true, enumerable: false, configurable: true });
    }
  }
}
