import { parseArgs } from 'node:util';
import { CliError, ExitCodes } from './io.js';

export interface ServerArgs {
  port: number;
  host: string;
  db?: string;
  seed: 'demo' | 'empty';
  /** Simulated events per second; 0 = off. */
  simulate: number;
  faults: boolean;
  webRoot?: string;
}

/** `--simulate` may stand alone (a sensible rate) or take a rate: make parseArgs see a value. */
export function withSimulateValue(args: readonly string[], defaultRate: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    out.push(arg);
    const next = args[i + 1];
    if (arg === '--simulate' && (next === undefined || next.startsWith('-'))) out.push(String(defaultRate));
  }
  return out;
}

export function parseServerArgs(
  args: readonly string[],
  defaults: { simulate: number; simulateFlagRate: number; allowWebRoot: boolean },
): ServerArgs {
  const { values } = parseArgs({
    args: withSimulateValue(args, defaults.simulateFlagRate),
    options: {
      port: { type: 'string', default: '3000' },
      host: { type: 'string', default: '127.0.0.1' },
      db: { type: 'string' },
      seed: { type: 'string', default: 'demo' },
      simulate: { type: 'string' },
      faults: { type: 'boolean', default: false },
      ...(defaults.allowWebRoot ? { 'web-root': { type: 'string' as const } } : {}),
    },
    strict: true,
    allowPositionals: false,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be 0–65535, not ${values.port}`, ExitCodes.usage);
  if (values.seed !== 'demo' && values.seed !== 'empty') throw new CliError('--seed must be demo or empty', ExitCodes.usage);
  const simulate = values.simulate === undefined ? defaults.simulate : Number(values.simulate);
  if (!Number.isFinite(simulate) || simulate < 0) throw new CliError('--simulate takes events per second (0 turns it off)', ExitCodes.usage);
  const webRoot = (values as { 'web-root'?: string })['web-root'];
  return {
    port,
    host: values.host,
    ...(values.db !== undefined ? { db: values.db } : {}),
    seed: values.seed,
    simulate,
    faults: values.faults,
    ...(webRoot !== undefined ? { webRoot } : {}),
  };
}

/** The options both `accord dev` and `accord start` hand to the server they start. */
export function serverStartOptions(options: ServerArgs): Pick<ServerArgs, 'port' | 'host' | 'seed' | 'faults' | 'db'> {
  return {
    port: options.port,
    host: options.host,
    seed: options.seed,
    faults: options.faults,
    ...(options.db !== undefined ? { db: options.db } : {}),
  };
}

const LOOPBACK_HOSTS = new Set(['localhost', '::1', '[::1]']);

export const isLoopbackHost = (host: string): boolean => LOOPBACK_HOSTS.has(host.toLowerCase()) || /^127(\.\d{1,3}){3}$/.test(host);

/**
 * The demo accounts' tokens and passwords are fixed and published (README, the source): on any
 * address other people can reach, anyone can act as them. A warning, printed to stderr, or null.
 */
export function publicHostWarning(options: Pick<ServerArgs, 'host' | 'seed'>): string | null {
  if (options.seed !== 'demo' || isLoopbackHost(options.host)) return null;
  return `warning: listening on ${options.host} with the demo seed: the demo accounts' tokens and passwords are fixed and public, so anyone who can reach this address can sign in as them. Use --seed empty, or --host 127.0.0.1, on a shared network.`;
}
