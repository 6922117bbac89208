import type { Logger } from '../util/logger.js';

/**
 * Everything a run printed or logged, kept so it can be scanned afterwards: for tokens (which
 * must never appear) and for swallowed crashes (handler or listener errors that were logged
 * instead of thrown).
 */
export class OutputCapture {
  readonly lines: string[] = [];
  private readonly maxLines: number;

  constructor(options: { maxLines?: number } = {}) {
    this.maxLines = options.maxLines ?? 200_000;
  }

  record(source: string, text: string): void {
    if (this.lines.length < this.maxLines) this.lines.push(`[${source}] ${text}`);
  }

  /** Every line recorded: here the lines kept (a subclass that lets lines go counts those too). */
  get linesRecorded(): number {
    return this.lines.length;
  }

  /** A Logger that records every call (after whatever redaction the caller applies). */
  logger(source: string): Logger {
    const write = (level: string) => (message: string, details?: Record<string, unknown>) => {
      this.record(source, logLine(level, message, details));
    };
    return { debug: write('debug'), warn: write('warn'), error: write('error') };
  }

  /** Records console.error/warn/log/info/debug while still printing them when `echo` is true. */
  /* eslint-disable no-console -- capturing the console is the point here */
  patchConsole(echo = false): () => void {
    const methods = ['error', 'warn', 'log', 'info', 'debug'] as const;
    const originals = methods.map((name) => [name, console[name]] as const);
    for (const [name, original] of originals) {
      console[name] = (...args: unknown[]) => {
        this.record(`console.${name}`, args.map(describe).join(' '));
        if (echo) original.apply(console, args);
      };
    }
    return () => {
      for (const [name, original] of originals) console[name] = original;
    };
  }
  /* eslint-enable no-console */

  /**
   * Lines containing any of the secrets. The result names the secret by index and shows the line
   * with the secret masked, so the report itself never leaks it.
   */
  findSecrets(secrets: readonly string[]): { secret: number; line: string }[] {
    return findSecretsIn(this.lines, secrets);
  }

  /** Lines that say a handler or listener threw, or an unexpected error was logged. */
  findSwallowedErrors(): string[] {
    return this.lines.filter((line) => /\bthrew\b|\bTypeError\b|\bRangeError\b|\bReferenceError\b|Maximum call stack/.test(line));
  }
}

export function findSecretsIn(texts: readonly string[], secrets: readonly string[]): { secret: number; line: string }[] {
  const found: { secret: number; line: string }[] = [];
  secrets.forEach((secret, index) => {
    if (secret.length < 8) return;
    for (const text of texts) {
      if (text.includes(secret)) found.push({ secret: index, line: text.split(secret).join('[SECRET]').slice(0, 300) });
    }
  });
  return found;
}

/**
 * Turns unhandled rejections and uncaught exceptions into recorded failures for the duration of a
 * run (instead of a crash that would hide the rest of the report).
 */
export class CrashGuard {
  readonly errors: string[] = [];
  private readonly onRejection = (reason: unknown) => {
    this.errors.push(`unhandledRejection: ${describe(reason)}`);
  };
  private readonly onException = (error: unknown) => {
    this.errors.push(`uncaughtException: ${describe(error)}`);
  };

  install(): this {
    process.on('unhandledRejection', this.onRejection);
    process.on('uncaughtException', this.onException);
    return this;
  }

  dispose(): void {
    process.off('unhandledRejection', this.onRejection);
    process.off('uncaughtException', this.onException);
  }
}

function describe(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}${value.stack ? `\n${value.stack.split('\n').slice(1, 4).join('\n')}` : ''}`;
  if (typeof value === 'string') return value;
  return safeJson(value);
}

/** How a Logger call reads as one captured line (also used by the soak's server child process). */
export function logLine(level: string, message: string, details?: Record<string, unknown>): string {
  return `${level} ${message}${details ? ` ${safeJson(details)}` : ''}`;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
