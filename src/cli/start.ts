import { AppServer } from './app-server.js';
import { listenError } from './dev.js';
import { exitOnInterrupt, type CliIo } from './io.js';
import { loginLines } from './print-logins.js';
import { parseServerArgs, publicHostWarning, serverStartOptions } from './server-args.js';
import { startTraffic } from './simulation.js';

export const START_USAGE = `Usage: accord start [--port 3000] [--host 127.0.0.1] [--db file.sqlite] [--seed demo|empty]
                    [--simulate events/s] [--faults] [--web-root web/dist]

What \`npm start\` runs: the embedded AccordServer with the demo seed and the traffic simulator, and
the browser client, all on one URL. --simulate 0 turns the simulated traffic off.`;

const DEFAULT_RATE = 1;

export async function runStart(args: readonly string[], io: CliIo): Promise<number> {
  const options = parseServerArgs(args, { simulate: DEFAULT_RATE, simulateFlagRate: DEFAULT_RATE, allowWebRoot: true });
  let app: AppServer;
  try {
    app = await AppServer.start({
      ...serverStartOptions(options),
      ...(options.webRoot !== undefined ? { webRoot: options.webRoot } : {}),
    });
  } catch (error) {
    throw listenError(error, options.port);
  }
  const traffic = options.simulate > 0 ? startTraffic(app.accord, options.simulate) : null;
  const warning = publicHostWarning(options);
  if (warning !== null) io.stderr(`accord: ${warning}`);
  io.stdout('');
  io.stdout(`  Accord is running. Open ${app.url}`);
  io.stdout('');
  io.stdout('  Pick a demo user on the page, or sign in with:');
  for (const line of loginLines(app.demoLogins, { tokens: false })) io.stdout(`  ${line}`);
  io.stdout('');
  io.stdout(`  Simulated traffic: ${traffic ? `${options.simulate} events/s` : 'off'} · Ctrl-C stops everything.`);
  return exitOnInterrupt(io, async () => {
    traffic?.stop();
    await app.close();
  });
}
