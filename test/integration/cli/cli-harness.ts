import type { CliIo } from '../../../src/cli/io.js';
import { main } from '../../../src/cli/main.js';

/** One in-process `accord` run: its output so far, a way to wait for a line, and Ctrl-C. */
export interface CliRun {
  stdout: string[];
  stderr: string[];
  exit: Promise<number>;
  interrupt(): void;
  waitFor(stream: 'stdout' | 'stderr', predicate: (line: string) => boolean, timeoutMs?: number): Promise<string>;
}

export function runCli(argv: string[]): CliRun {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const waiters: Array<() => void> = [];
  let interruptHandler: (() => void) | undefined;
  const notify = (): void => {
    for (const waiter of [...waiters]) waiter();
  };
  const io: CliIo = {
    stdout: (line) => {
      stdout.push(line);
      notify();
    },
    stderr: (line) => {
      stderr.push(line);
      notify();
    },
    onInterrupt: (handler) => {
      interruptHandler = handler;
    },
  };
  const exit = main(argv, io);
  let exited = false;
  void exit.then(() => {
    exited = true;
    notify();
  });
  return {
    stdout,
    stderr,
    exit,
    interrupt: () => interruptHandler?.(),
    waitFor: (stream, predicate, timeoutMs = 10_000) =>
      new Promise<string>((resolve, reject) => {
        const lines = stream === 'stdout' ? stdout : stderr;
        const check = (): void => {
          const hit = lines.find(predicate);
          if (hit !== undefined) {
            done();
            resolve(hit);
          } else if (exited) {
            done();
            reject(new Error(`accord exited before the expected ${stream} line; stderr:\n${stderr.join('\n')}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no matching ${stream} line within ${timeoutMs} ms; stdout:\n${stdout.join('\n')}\nstderr:\n${stderr.join('\n')}`));
        }, timeoutMs);
        const done = (): void => {
          clearTimeout(timer);
          const index = waiters.indexOf(check);
          if (index >= 0) waiters.splice(index, 1);
        };
        waiters.push(check);
        check();
      }),
  };
}
