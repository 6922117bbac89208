import { AccordServer } from '../server/index.js';
import type { AccordServerOptions } from '../server/index.js';
import { startSimulator } from '../server/simulator/index.js';
import type { Simulator } from '../server/simulator/index.js';
import type { SeededDemo } from '../server/seed/index.js';
import type { Logger } from '../util/logger.js';
import { Prng } from './prng.js';

/** One embedded server of a soak, restartable on the same port with the same database. */
export class SoakServer {
  server: AccordServer;
  private simulator: Simulator | null = null;
  private trafficRate = 0;
  actions = 0;
  restarts = 0;
  private readonly rng: Prng;

  private constructor(
    readonly name: string,
    server: AccordServer,
    private readonly options: AccordServerOptions,
    seed: string,
  ) {
    this.server = server;
    this.rng = new Prng(`traffic:${seed}:${name}`);
  }

  static async start(name: string, options: AccordServerOptions, seed: string): Promise<SoakServer> {
    return new SoakServer(name, await AccordServer.start(options), options, seed);
  }

  get url(): string {
    return this.server.url;
  }

  get seeded(): SeededDemo {
    const seeded = this.server.seeded;
    if (!seeded) throw new Error(`server ${this.name} has no demo seed`);
    return seeded as SeededDemo;
  }

  startTraffic(rate: number): void {
    this.trafficRate = rate;
    if (this.simulator || rate <= 0) return;
    this.simulator = startSimulator({
      data: this.server.data,
      gateway: this.server.control,
      rate,
      random: () => this.rng.next(),
    });
  }

  stopTraffic(): void {
    if (!this.simulator) return;
    this.actions += this.simulator.performed;
    this.simulator.stop();
    this.simulator = null;
  }

  /**
   * A real restart: the process-level server closes (every session lost) and a new one opens the
   * same database on the same port. Without a database this falls back to the fault API's restart.
   */
  async restart(): Promise<void> {
    this.restarts++;
    const wasRunning = this.simulator !== null;
    this.stopTraffic();
    if (!this.options.db) {
      this.server.faults.restart();
    } else {
      const port = new URL(this.server.url).port;
      await this.server.close();
      this.server = await AccordServer.start({ ...this.options, port: Number(port) });
    }
    if (wasRunning) this.startTraffic(this.trafficRate);
  }

  async close(): Promise<void> {
    this.stopTraffic();
    await this.server.close();
  }

  /** Visible status per user as the server has it (invisible reads as offline; absent means offline). */
  presences(): Map<string, string> {
    const out = new Map<string, string>();
    for (const [userId, stored] of this.server.control.live.presences) out.set(userId, stored.status === 'invisible' ? 'offline' : stored.status);
    return out;
  }

  /** Every seeded user's and the bot's token (none may appear in captured output). */
  seededTokens(): string[] {
    const seeded = this.server.seeded;
    return seeded ? [...seeded.users.map((user) => user.token), seeded.bot.token] : [];
  }
}

export function serverOptions(base: {
  heartbeatIntervalMs: number;
  resumeWindowMs: number;
  replayBufferLimit: number;
  db: string | undefined;
  logger: Logger;
}): AccordServerOptions {
  return {
    port: 0,
    seed: 'demo',
    faults: true,
    heartbeatIntervalMs: base.heartbeatIntervalMs,
    heartbeatTimeoutMs: base.heartbeatIntervalMs * 3,
    resumeWindowMs: base.resumeWindowMs,
    replayBufferLimit: base.replayBufferLimit,
    // The soak checks convergence, not the REST limiter: hundreds of re-identifies a minute per
    // user would otherwise have the stores' refreshes refused with 429.
    restRateLimit: { disabled: true },
    ...(base.db ? { db: base.db } : {}),
    logger: base.logger,
  };
}

/** A fresh login token for a demo user (a separate REST rate-limit bucket from the store's). */
export async function loginToken(baseUrl: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await response.json()) as { data?: { token?: unknown } };
  const token = body.data?.token;
  if (!response.ok || typeof token !== 'string') throw new Error(`login of ${username} failed with ${response.status}`);
  return token;
}
