import type { AddressInfo } from 'node:net';
import type { Clock } from '../util/clock.js';
import { systemClock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';
import { safeLogger } from '../util/logger.js';
import type { GatewayControl, RawBusEvent } from './contracts.js';
import type { ServerData } from './data/index.js';
import { createServerData } from './data/index.js';
import { Faults } from './faults/faults.js';
import { Gateway } from './gateway/gateway.js';
import type { GatewayLimits, SendBudget } from './gateway/options.js';
import { resolveLimits } from './gateway/options.js';
import type { HttpWiring, RequestHandler } from './http.js';
import { createHttpWiring } from './http.js';
import { createRestHandler } from './rest/index.js';
import type { RateLimitOptions, RegisterLimitOptions } from './rest/rate-limit.js';
import { seedDemo } from './seed/index.js';
import { startSimulator, type Simulator } from './simulator/index.js';
import type { SeededDemo } from './seed/index.js';

export interface AccordServerOptions {
  /** 0 = any free port. */
  port?: number;
  host?: string;
  seed?: 'demo' | 'empty';
  /** SQLite file: data survives a restart. In memory when absent. */
  db?: string;
  heartbeatIntervalMs?: number;
  heartbeatTimeoutMs?: number;
  resumeWindowMs?: number;
  handshakeTimeoutMs?: number;
  /** Dispatches each session keeps for RESUME: 256 by default, like the real server. */
  replayBufferLimit?: number;
  /** Bytes each session keeps for RESUME: 4 MiB by default (the real server bounds the count only). */
  replayBufferBytes?: number;
  /**
   * Unsent data a live session may let pile up before it is dropped without a Close frame (parked,
   * so it can RESUME): 1,024 dispatches by default (the real server's event bus) and 8 MiB.
   */
  sendBudget?: Partial<SendBudget>;
  rateLimit?: Partial<GatewayLimits['rateLimit']>;
  /** REST token bucket per Authorization header (docs/protocol.md §5.3): 70 by default; `disabled` for load tests. */
  restRateLimit?: RateLimitOptions;
  /**
   * `POST /auth/register` attempts per client IP (docs/protocol.md §5.3): 5 per 15 minutes by default,
   * like the real server; `{disabled: true}` for suites that register many users from 127.0.0.1.
   */
  registerLimit?: RegisterLimitOptions;
  /**
   * The server sits behind a proxy: key the per-IP limits (registration, guest tokens, anonymous
   * REST bucket) on `X-Forwarded-For` / `X-Real-IP` like the real server. Off by default (those
   * headers are forgeable); tests that rotate `X-Forwarded-For` for many registrations turn it on.
   */
  trustProxy?: boolean;
  /** Start the traffic simulator at this many actions per second (0 / absent = off). */
  simulate?: number;
  /** Expose the fault API over HTTP under `/_faults` (always available as `server.faults`). */
  faults?: boolean;
  logger?: Logger;
  clock?: Clock;
}

/**
 * The embedded, protocol-faithful accordserver: REST under `/api/v1`, the gateway at `/ws`,
 * fault injection for tests and demos.
 */
export class AccordServer {
  /** 'http://HOST:PORT' */
  readonly url: string;
  /** 'ws://HOST:PORT/ws' */
  readonly gatewayUrl: string;
  /** What `seed: 'demo'` created (users, tokens, spaces, channels); null for `seed: 'empty'`. */
  readonly seeded: SeededDemo | null;
  readonly faults: Faults;
  /** The data store (for the simulator and tests). */
  readonly data: ServerData;
  /** The gateway side of the data/REST seam: bus, live presences and voice states. */
  readonly control: GatewayControl;
  private readonly gateway: Gateway;
  private readonly http: HttpWiring;
  /** The traffic simulator, when started with `simulate`. */
  readonly simulator: Simulator | null;
  private closed = false;

  private constructor(parts: {
    url: string;
    seeded: SeededDemo | null;
    data: ServerData;
    gateway: Gateway;
    faults: Faults;
    http: HttpWiring;
    simulator: Simulator | null;
  }) {
    this.simulator = parts.simulator;
    this.url = parts.url;
    this.gatewayUrl = `${parts.url.replace(/^http/, 'ws')}/ws`;
    this.seeded = parts.seeded;
    this.data = parts.data;
    this.gateway = parts.gateway;
    this.control = parts.gateway.control;
    this.faults = parts.faults;
    this.http = parts.http;
  }

  static async start(options: AccordServerOptions = {}): Promise<AccordServer> {
    const host = options.host ?? '127.0.0.1';
    const clock = options.clock ?? systemClock;
    const logger = safeLogger(options.logger);
    const limits = resolveLimits({
      heartbeatIntervalMs: options.heartbeatIntervalMs,
      heartbeatTimeoutMs: options.heartbeatTimeoutMs,
      resumeWindowMs: options.resumeWindowMs,
      handshakeTimeoutMs: options.handshakeTimeoutMs,
      replayBufferLimit: options.replayBufferLimit,
      replayBufferBytes: options.replayBufferBytes,
      sendBudget: options.sendBudget,
      rateLimit: options.rateLimit,
    });
    const data = await createServerData({ db: options.db, clock });
    let baseUrl = '';
    const gateway = new Gateway(data, { limits, clock, logger, voiceUrl: () => `${baseUrl.replace(/^http/, 'ws')}/voice-stub` });
    const faults = new Faults(gateway, logger);
    let rest: RequestHandler;
    let seeded: SeededDemo | null = null;
    try {
      rest = createRestHandler({ data, gateway: gateway.control, logger, clock, baseUrl: () => baseUrl, rateLimit: options.restRateLimit, registerLimit: options.registerLimit,
        trustProxy: options.trustProxy });
      if ((options.seed ?? 'demo') === 'demo') seeded = seedDemo(data);
    } catch (error) {
      data.close();
      throw error;
    }
    const http = createHttpWiring({ gateway, rest: faults.rest.wrap(rest), faults: options.faults ? faults : null, logger });
    try {
      await new Promise<void>((resolve, reject) => {
        http.server.once('error', reject);
        http.server.listen(options.port ?? 0, host, () => {
          http.server.off('error', reject);
          resolve();
        });
      });
    } catch (error) {
      data.close();
      throw error;
    }
    const address = http.server.address() as AddressInfo;
    baseUrl = `http://${formatHost(host)}:${address.port}`;
    const simulator = options.simulate && options.simulate > 0
      ? startSimulator({ data, gateway: gateway.control, rate: options.simulate, clock, logger })
      : null;
    return new AccordServer({ url: baseUrl, seeded, data, gateway, faults, http, simulator });
  }

  /** Live plus parked sessions. */
  get sessionCount(): number {
    return this.gateway.registry.size;
  }

  get liveSessionCount(): number {
    return this.gateway.liveSessionCount;
  }

  get parkedSessionCount(): number {
    return this.gateway.parkedSessionCount;
  }

  /** 'live', 'parked', or undefined when no such session exists (any more). */
  sessionState(sessionId: string): 'live' | 'parked' | undefined {
    const session = this.gateway.registry.get(sessionId);
    if (!session) return undefined;
    return session.parked ? 'parked' : 'live';
  }

  /** Puts an event on the bus, routed exactly like the server's own events (any type name: a harness may send one the protocol does not list). */
  publish(event: RawBusEvent): void {
    this.gateway.publish(event);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.simulator?.stop();
    this.gateway.reset();
    await this.http.close();
    this.data.close();
  }
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
