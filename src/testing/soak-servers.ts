import { join } from 'node:path';
import type { SeededDemo } from '../server/seed/index.js';
import type { Logger } from '../util/logger.js';
import { SoakServer, serverOptions } from './soak-world.js';

/** A fault the soak asks a server for, aimed at one user's sessions. */
export type SoakFault =
  | { kind: 'drop'; target: string }
  | { kind: 'stopAcking'; ms: number; target: string }
  | { kind: 'closeWith'; code: number; reason: string; target: string }
  | { kind: 'invalidate'; target: string }
  | { kind: 'reconnect'; target: string }
  | { kind: 'injectRaw'; frame: string; target: string }
  /** Drop the target's connections, then publish `events` fillers to it: its replay overflows. */
  | { kind: 'overflow'; target: string; events: number }
  /** Arms a REST fault (server.faults.failRest) for the next matching requests. */
  | { kind: 'failRest'; rule: RestFaultSpec }
  /** Disarms the REST faults not used yet. */
  | { kind: 'clearRestFaults' };

/** A REST fault rule that can cross a process (the path is a substring, not a RegExp). */
export interface RestFaultSpec {
  action: 'fail' | 'drop' | 'lose';
  method: string;
  /** A substring of the path under /api/v1. */
  path: string;
  times: number;
  /** For `fail`. */
  status: number;
}

/** One server of a soak as the soak sees it, wherever it runs: every call may cross a process. */
export interface SoakServerHandle {
  readonly name: string;
  readonly url: string;
  readonly gatewayUrl: string;
  readonly seeded: SeededDemo;
  /** Simulated actions performed so far (updated whenever traffic stops). */
  readonly actions: number;
  fault(fault: SoakFault): Promise<void>;
  publish(type: string, data: unknown, targetUserIds?: string[]): Promise<void>;
  /** Visible status per user with a presence (a user not listed is offline). */
  presences(): Promise<Map<string, string>>;
  sessionState(sessionId: string): Promise<'live' | 'parked' | null>;
  startTraffic(rate: number): Promise<void>;
  stopTraffic(): Promise<void>;
  restart(): Promise<void>;
  /** Seeded users' and the bot's tokens. */
  seededTokens(): Promise<string[]>;
}

/** The servers' memory after a full gc: what the stores' heap no longer includes. */
export interface ServerMemory {
  heapUsedMb: number;
  externalMb: number;
}

/** Where a soak's servers run: in a child process (default) or in the soak's own process. */
export interface SoakServerHost {
  readonly mode: 'child' | 'inline';
  readonly servers: readonly SoakServerHandle[];
  /** The servers' process memory after a full gc; null when they share the soak's process. */
  memory(): Promise<ServerMemory | null>;
  close(): Promise<void>;
}

/** What a host needs to start the soak's servers. */
export interface SoakServerConfig {
  names: string[];
  seed: string;
  heartbeatIntervalMs: number;
  resumeWindowMs: number;
  replayBufferLimit: number;
  /** SQLite files go here; null keeps the data in memory. */
  dataDir: string | null;
}

/** Starts one named server of the config (in whichever process calls it). */
export async function startSoakServer(config: SoakServerConfig, name: string, logger: Logger): Promise<SoakServer> {
  const options = serverOptions({
    heartbeatIntervalMs: config.heartbeatIntervalMs,
    resumeWindowMs: config.resumeWindowMs,
    replayBufferLimit: config.replayBufferLimit,
    db: config.dataDir ? join(config.dataDir, `server-${name}.sqlite`) : undefined,
    logger,
  });
  return SoakServer.start(name, options, config.seed);
}

/** Applies a fault to an in-process server. */
export function applyFault(server: SoakServer, fault: SoakFault): void {
  const faults = server.server.faults;
  switch (fault.kind) {
    case 'drop':
      faults.drop(fault.target);
      return;
    case 'stopAcking':
      faults.stopAcking(fault.ms, fault.target);
      return;
    case 'closeWith':
      faults.closeWith(fault.code, fault.reason, fault.target);
      return;
    case 'invalidate':
      faults.invalidate(fault.target);
      return;
    case 'reconnect':
      faults.reconnect(fault.target);
      return;
    case 'injectRaw':
      faults.injectRaw(fault.frame, fault.target);
      return;
    case 'overflow':
      faults.drop(fault.target);
      for (let n = 0; n < fault.events; n++) server.server.publish({ type: 'soak.filler', data: { n }, targetUserIds: [fault.target] });
      return;
    case 'failRest':
      faults.failRest({ ...fault.rule, code: 'soak_fault' });
      return;
    case 'clearRestFaults':
      faults.clearRestFaults();
      return;
  }
}

/** A server in the soak's own process (the old layout: its heap shares the stores'). */
class InlineSoakServer implements SoakServerHandle {
  constructor(private readonly inner: SoakServer) {}

  get name(): string {
    return this.inner.name;
  }
  get url(): string {
    return this.inner.url;
  }
  get gatewayUrl(): string {
    return this.inner.server.gatewayUrl;
  }
  get seeded(): SeededDemo {
    return this.inner.seeded;
  }
  get actions(): number {
    return this.inner.actions;
  }

  fault(fault: SoakFault): Promise<void> {
    applyFault(this.inner, fault);
    return Promise.resolve();
  }
  publish(type: string, data: unknown, targetUserIds?: string[]): Promise<void> {
    this.inner.server.publish(targetUserIds ? { type, data, targetUserIds } : { type, data });
    return Promise.resolve();
  }
  presences(): Promise<Map<string, string>> {
    return Promise.resolve(this.inner.presences());
  }
  sessionState(sessionId: string): Promise<'live' | 'parked' | null> {
    return Promise.resolve(this.inner.server.sessionState(sessionId) ?? null);
  }
  startTraffic(rate: number): Promise<void> {
    this.inner.startTraffic(rate);
    return Promise.resolve();
  }
  stopTraffic(): Promise<void> {
    this.inner.stopTraffic();
    return Promise.resolve();
  }
  restart(): Promise<void> {
    return this.inner.restart();
  }
  seededTokens(): Promise<string[]> {
    return Promise.resolve(this.inner.seededTokens());
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

/** Starts the servers in the soak's own process. */
export async function startInlineHost(config: SoakServerConfig, logger: (name: string) => Logger): Promise<SoakServerHost> {
  const servers: InlineSoakServer[] = [];
  for (const name of config.names) servers.push(new InlineSoakServer(await startSoakServer(config, name, logger(`server-${name}`))));
  return {
    mode: 'inline',
    servers,
    memory: () => Promise.resolve(null),
    close: async () => {
      for (const server of servers) await server.close();
    },
  };
}
