import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AccordServerOptions, SeededDemo } from '../../../src/server/index.js';

const CHILD = fileURLToPath(new URL('./server-child.ts', import.meta.url));

interface Reply {
  type: string;
  bytes?: number;
  state?: string | null;
  url?: string;
  gatewayUrl?: string;
  seeded?: SeededDemo | null;
}

/** An embedded AccordServer in its own process, whose memory the test can measure after a full gc. */
export class ChildServer {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    readonly gatewayUrl: string,
    readonly seeded: SeededDemo,
  ) {}

  static async start(options: Omit<AccordServerOptions, 'port' | 'clock' | 'logger'> = {}): Promise<ChildServer> {
    const child = fork(CHILD, [JSON.stringify(options)], {
      execArgv: ['--expose-gc', '--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const ready = await nextReply(child, 'ready');
    if (!ready.url || !ready.gatewayUrl || !ready.seeded) throw new Error('memory-test child did not start a seeded server');
    return new ChildServer(child, ready.url, ready.gatewayUrl, ready.seeded);
  }

  /** The server process's V8 heap plus external memory, in bytes, after a full gc. */
  async memory(): Promise<number> {
    this.child.send({ type: 'heap' });
    return (await nextReply(this.child, 'heap')).bytes ?? Number.NaN;
  }

  async sessionState(sessionId: string): Promise<string | null> {
    this.child.send({ type: 'state', sessionId });
    return (await nextReply(this.child, 'state')).state ?? null;
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.send({ type: 'close' });
    await exited;
  }
}

function nextReply(child: ChildProcess, type: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: Reply) => {
      if (message.type !== type) return;
      cleanup();
      resolve(message);
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`memory-test child exited (${code}) before answering '${type}'`));
    };
    const cleanup = () => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

export const MB = 1024 * 1024;
export const mb = (bytes: number): string => `${(bytes / MB).toFixed(1)} MB`;
