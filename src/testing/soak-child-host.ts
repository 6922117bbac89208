import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SeededDemo } from '../server/seed/index.js';
import type { ChildAnswers, ChildMessage, ChildRequest, ServerInfo } from './soak-child-protocol.js';
import type { ServerMemory, SoakFault, SoakServerConfig, SoakServerHandle, SoakServerHost } from './soak-servers.js';

/** What the parent does with the child's pushed lines. */
export interface ChildSinks {
  log: (source: string, line: string) => void;
  crash: (text: string) => void;
}

const START_TIMEOUT_MS = 120_000;
const EXIT_TIMEOUT_MS = 10_000;

/** The child entry next to this file: `.js` when built, `.ts` (run through tsx) from the sources. */
function childEntry(): { path: string; execArgv: string[] } {
  const js = fileURLToPath(new URL('./soak-server-child.js', import.meta.url));
  if (existsSync(js)) return { path: js, execArgv: ['--expose-gc'] };
  return { path: fileURLToPath(new URL('./soak-server-child.ts', import.meta.url)), execArgv: ['--expose-gc', '--import', 'tsx'] };
}

/** The soak's servers in a child Node process, driven over IPC. */
class ChildHost implements SoakServerHost {
  readonly mode = 'child';
  readonly servers: ChildSoakServer[];
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private exited = false;

  constructor(
    private readonly child: ChildProcess,
    infos: ServerInfo[],
    sinks: ChildSinks,
  ) {
    this.servers = infos.map((info) => new ChildSoakServer(this, info));
    child.on('message', (message: ChildMessage) => {
      if (message.kind === 'log') sinks.log(message.source, message.line);
      else if (message.kind === 'crash') sinks.crash(message.text);
      else if (message.kind === 'answer') {
        const waiter = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.ok) waiter?.resolve(message.value);
        else waiter?.reject(new Error(`server process: ${message.error}`));
      }
    });
    child.on('exit', (code, signal) => {
      this.exited = true;
      for (const waiter of this.pending.values()) waiter.reject(new Error(`server process exited (${code ?? signal})`));
      this.pending.clear();
    });
  }

  request<K extends ChildRequest['op']>(request: Extract<ChildRequest, { op: K }>): Promise<ChildAnswers[K]> {
    if (this.exited) return Promise.reject(new Error('server process has exited'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: (value) => resolve(value as ChildAnswers[K]), reject });
      this.child.send({ id, request });
    });
  }

  memory(): Promise<ServerMemory> {
    return this.request({ op: 'memory' });
  }

  async close(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    try {
      await this.request({ op: 'close' });
    } finally {
      const timer = setTimeout(() => this.child.kill(), EXIT_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
  }
}

class ChildSoakServer implements SoakServerHandle {
  readonly name: string;
  url: string;
  gatewayUrl: string;
  seeded: SeededDemo;
  actions = 0;

  constructor(
    private readonly host: ChildHost,
    info: ServerInfo,
  ) {
    this.name = info.name;
    this.url = info.url;
    this.gatewayUrl = info.gatewayUrl;
    this.seeded = info.seeded;
  }

  async fault(fault: SoakFault): Promise<void> {
    await this.host.request({ op: 'fault', server: this.name, fault });
  }
  async publish(type: string, data: unknown, targetUserIds?: string[]): Promise<void> {
    await this.host.request({ op: 'publish', server: this.name, type, data, ...(targetUserIds ? { targetUserIds } : {}) });
  }
  async presences(): Promise<Map<string, string>> {
    return new Map(await this.host.request({ op: 'presences', server: this.name }));
  }
  sessionState(sessionId: string): Promise<'live' | 'parked' | null> {
    return this.host.request({ op: 'sessionState', server: this.name, sessionId });
  }
  async startTraffic(rate: number): Promise<void> {
    await this.host.request({ op: 'startTraffic', server: this.name, rate });
  }
  async stopTraffic(): Promise<void> {
    this.actions = await this.host.request({ op: 'stopTraffic', server: this.name });
  }
  async restart(): Promise<void> {
    const info = await this.host.request({ op: 'restart', server: this.name });
    this.url = info.url;
    this.gatewayUrl = info.gatewayUrl;
    this.seeded = info.seeded;
  }
  seededTokens(): Promise<string[]> {
    return this.host.request({ op: 'seededTokens', server: this.name });
  }
}

/** Forks the server process and waits for its servers to listen. */
export async function startChildHost(config: SoakServerConfig, sinks: ChildSinks): Promise<SoakServerHost> {
  const entry = childEntry();
  const child = fork(entry.path, [JSON.stringify(config)], { execArgv: entry.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const infos = await new Promise<ServerInfo[]>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`server process did not start within ${START_TIMEOUT_MS} ms`));
    }, START_TIMEOUT_MS);
    const onMessage = (message: ChildMessage) => {
      if (message.kind === 'log') sinks.log(message.source, message.line);
      else if (message.kind === 'crash') sinks.crash(message.text);
      if (message.kind !== 'started') return;
      cleanup();
      resolve(message.servers);
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`server process exited (${code}) before its servers started`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
  return new ChildHost(child, infos, sinks);
}
