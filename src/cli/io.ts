/** Exit statuses of the `accord` command. */
export const ExitCodes = {
  ok: 0,
  failure: 1,
  usage: 2,
  auth: 3,
  unreachable: 4,
} as const;

export type ExitCode = (typeof ExitCodes)[keyof typeof ExitCodes];

/** An error meant for the person at the terminal: printed as is, then the process exits with `code`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly code: ExitCode,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Where a command writes and how it learns it should stop; tests pass their own. */
export interface CliIo {
  stdout(line: string): void;
  stderr(line: string): void;
  onInterrupt(handler: () => void): void;
}

export const processIo: CliIo = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  onInterrupt: (handler) => {
    process.once('SIGINT', handler);
    process.once('SIGTERM', handler);
  },
};

/** Resolves with `ExitCodes.ok` once an interrupt arrives and `shutdown` has finished. */
export function exitOnInterrupt(io: CliIo, shutdown: () => Promise<void>): Promise<number> {
  return new Promise<number>((resolve) => {
    io.onInterrupt(() => {
      void (async () => {
        await shutdown();
        resolve(ExitCodes.ok);
      })();
    });
  });
}
