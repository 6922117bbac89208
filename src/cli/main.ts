#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { redact } from '../util/logger.js';
import { DEV_USAGE, runDev } from './dev.js';
import { CliError, ExitCodes, processIo, type CliIo } from './io.js';
import { START_USAGE, runStart } from './start.js';
import { TAIL_USAGE, runTail } from './tail.js';

const USAGE = `accord: the accordkit command

  accord start    the embedded server, simulated traffic and the browser client on one URL
  accord dev      the embedded AccordServer alone (REST + gateway), with demo logins
  accord tail     print the gateway events of any accordserver

Run \`accord <command> --help\` for a command's options.`;

const COMMANDS = new Map<string, { usage: string; run: (args: readonly string[], io: CliIo) => Promise<number> }>([
  ['start', { usage: START_USAGE, run: runStart }],
  ['dev', { usage: DEV_USAGE, run: runDev }],
  ['tail', { usage: TAIL_USAGE, run: runTail }],
]);

/** Runs one `accord` invocation and returns its exit status; never throws. */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(USAGE);
    return name === undefined ? ExitCodes.usage : ExitCodes.ok;
  }
  const command = COMMANDS.get(name);
  if (!command) {
    io.stderr(`accord: unknown command '${name}'\n\n${USAGE}`);
    return ExitCodes.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.usage);
    return ExitCodes.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`accord ${name}: ${error.message}`);
      if (error.code === ExitCodes.usage) io.stderr(`\n${command.usage}`);
      return error.code;
    }
    if (isParseArgsError(error)) {
      io.stderr(`accord ${name}: ${error.message}\n\n${command.usage}`);
      return ExitCodes.usage;
    }
    io.stderr(`accord ${name}: unexpected error: ${redact(error instanceof Error ? error.message : String(error))}`);
    return ExitCodes.failure;
  }
}

function isParseArgsError(error: unknown): error is Error {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

/** True when this file is the program (also through the npm bin symlink), false when imported. */
function invokedDirectly(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    () => process.exit(ExitCodes.failure),
  );
}
