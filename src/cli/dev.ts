import { AccordServer } from '../server/index.js';
import { redact } from '../util/logger.js';
import { demoLoginsFrom } from './demo-logins.js';
import { CliError, ExitCodes, exitOnInterrupt, type CliIo } from './io.js';
import { loginLines } from './print-logins.js';
import { parseServerArgs, publicHostWarning, serverStartOptions } from './server-args.js';
import { startTraffic } from './simulation.js';

export const DEV_USAGE = `Usage: accord dev [--port 3000] [--host 127.0.0.1] [--db file.sqlite] [--seed demo|empty]
                  [--simulate [events/s]] [--faults]

Starts the embedded AccordServer (REST under /api/v1, gateway at /ws) and prints its URLs and the
demo logins. --db keeps the data in SQLite across restarts; --simulate makes the seeded users post,
edit, react, type and move about; --faults exposes fault injection under /_faults.`;

export async function runDev(args: readonly string[], io: CliIo): Promise<number> {
  const options = parseServerArgs(args, { simulate: 0, simulateFlagRate: 2, allowWebRoot: false });
  let server: AccordServer;
  try {
    server = await AccordServer.start(serverStartOptions(options));
  } catch (error) {
    throw listenError(error, options.port);
  }
  const traffic = options.simulate > 0 ? startTraffic(server, options.simulate) : null;
  const warning = publicHostWarning(options);
  if (warning !== null) io.stderr(`accord: ${warning}`);
  io.stdout(`accord dev: embedded AccordServer running`);
  io.stdout(`  REST     ${server.url}/api/v1`);
  io.stdout(`  gateway  ${server.gatewayUrl}`);
  if (options.faults) io.stdout(`  faults   ${server.url}/_faults`);
  io.stdout(`  storage  ${options.db ?? 'in memory'}`);
  io.stdout(`  traffic  ${traffic ? `${options.simulate} events/s` : 'off'}`);
  io.stdout('');
  io.stdout('Demo logins:');
  for (const line of loginLines(demoLoginsFrom(server.seeded), { tokens: true })) io.stdout(line);
  io.stdout('');
  io.stdout(`Watch it: accord tail --url ${server.url} --user <username> --password <password>`);
  io.stdout('Ctrl-C stops the server.');
  return exitOnInterrupt(io, async () => {
    traffic?.stop();
    await server.close();
  });
}

export function listenError(error: unknown, port: number): CliError {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (code === 'EADDRINUSE') return new CliError(`port ${port} is already in use: pick another with --port`, ExitCodes.failure);
  if (code === 'EACCES') return new CliError(`not allowed to listen on port ${port}: pick another with --port`, ExitCodes.failure);
  return new CliError(`could not start the server: ${redact(error instanceof Error ? error.message : String(error))}`, ExitCodes.failure);
}
