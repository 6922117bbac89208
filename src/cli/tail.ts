import { parseArgs } from 'node:util';
import { AccordClient } from '../client/index.js';
import { GatewayAuthError, fileSessionStore, type GatewayError } from '../gateway/index.js';
import { GatewayIntents } from '../protocol/index.js';
import { AccordApiError, AccordNetworkError, AccordRest } from '../rest/index.js';
import { scrubSecrets } from '../util/logger.js';
import { hasControlCharacters, parseCliUrl } from './cli-url.js';
import { CliError, ExitCodes, type CliIo } from './io.js';
import { NameBook } from './name-book.js';
import { describeEvent, formatLine, typeMatcher } from './tail-format.js';

export const TAIL_USAGE = `Usage: accord tail --url http://host:3000 (--token T [--bot] | --user NAME --password P)
                   [--intents a,b] [--type message.*] [--json] [--session FILE]

Connects to any accordserver and prints every gateway event it receives, one line each
(time, type, space and channel, author, content excerpt), or one JSON object per line with --json.
Events go to stdout; progress, reconnects and resumes to stderr.

  --url URL          the server's base URL (REST at /api/v1, gateway at /ws)
  --token T          a user (Bearer) token, or a bot token with --bot
  --bot              the token is a bot token
  --user, --password sign in with a username and password instead of a token
  --intents a,b      intents to identify with (default: all)
  --type PATTERN     only print these event types; * matches anything, commas separate patterns
  --json             one JSON object per line: {time, type, space, channel, author, summary, data}
  --session FILE     keep the gateway session in FILE (never the token): Ctrl-C leaves it resumable,
                     and a tail restarted within the server's resume window (60 s) RESUMEs it and
                     prints the events it missed, each once; an older session falls back to IDENTIFY

Exit status: 0 on Ctrl-C, 2 usage, 3 bad credentials, 4 server unreachable, 1 connection lost.`;

interface TailOptions {
  /** Without userinfo: safe to print. */
  url: string;
  /** The userinfo that was in --url, scrubbed from everything printed. */
  urlSecrets: string[];
  token?: string;
  bot: boolean;
  user?: string;
  password?: string;
  intents: string[];
  types: string[];
  json: boolean;
  session?: string;
}

export function parseTailArgs(args: readonly string[]): TailOptions {
  const { values } = parseArgs({
    args: [...args],
    options: {
      url: { type: 'string' },
      token: { type: 'string' },
      bot: { type: 'boolean', default: false },
      user: { type: 'string' },
      password: { type: 'string' },
      intents: { type: 'string' },
      type: { type: 'string', multiple: true },
      json: { type: 'boolean', default: false },
      session: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (!values.url) throw new CliError('--url is required', ExitCodes.usage);
  const url = parseCliUrl(values.url);
  const byToken = values.token !== undefined;
  const byPassword = values.user !== undefined || values.password !== undefined;
  if (byToken === byPassword) throw new CliError('give either --token, or --user and --password', ExitCodes.usage);
  if (byPassword && (!values.user || values.password === undefined)) throw new CliError('--user and --password go together', ExitCodes.usage);
  if (values.session !== undefined && values.session.trim() === '') throw new CliError('--session needs a file path', ExitCodes.usage);
  if (values.bot && !byToken) throw new CliError('--bot needs --token', ExitCodes.usage);
  if (values.token !== undefined && (values.token === '' || hasControlCharacters(values.token))) {
    throw new CliError('--token must be a token: it is empty or contains control characters', ExitCodes.usage);
  }
  const intents = values.intents ? splitList(values.intents) : GatewayIntents.all();
  const unknown = intents.filter((name) => !GatewayIntents.isKnown(name));
  if (unknown.length > 0) throw new CliError(`unknown intent(s): ${unknown.join(', ')}`, ExitCodes.usage);
  return {
    url: url.url,
    urlSecrets: url.secrets,
    ...(values.token !== undefined ? { token: values.token } : {}),
    bot: values.bot,
    ...(values.user !== undefined ? { user: values.user } : {}),
    ...(values.password !== undefined ? { password: values.password } : {}),
    intents,
    types: (values.type ?? []).flatMap(splitList),
    json: values.json,
    ...(values.session !== undefined ? { session: values.session } : {}),
  };
}

/**
 * Runs until interrupted (resolves with 0) or until the connection is lost for good (rejects with
 * a CliError). Nothing printed ever contains the token or the password.
 */
export async function runTail(args: readonly string[], io: CliIo): Promise<number> {
  const options = parseTailArgs(args);
  const secrets = [...options.urlSecrets, options.token, options.password].filter((s): s is string => typeof s === 'string' && s.length > 0);
  const scrub = (message: string): string => scrubSecrets(message, secrets);
  const status = (message: string): void => io.stderr(`accord tail: ${scrub(message)}`);
  if (options.urlSecrets.length > 0) status('ignoring the user name and password in --url: accordserver signs in with --token or --user/--password');

  const credentials = await authenticate(options, status, scrub);
  // a token this run created by signing in is revoked when it ends; a --token given to it is not
  const revoke = credentials.created;
  const sessionStore = options.session !== undefined ? fileSessionStore(options.session) : undefined;
  const client = new AccordClient({
    baseUrl: options.url,
    token: credentials.token,
    tokenType: credentials.tokenType,
    intents: options.intents,
    gateway: { properties: { client: 'accord-tail' } },
    rest: { timeoutMs: 10_000 },
    sessionStore,
  });
  const gatewayUrl = client.gateway.url;
  const names = new NameBook();
  try {
    const me = await client.rest.getCurrentUser();
    names.learn('user.update', me);
    status(`signed in as ${me.username}`);
  } catch (error) {
    await client.logout({ revoke }).catch(() => undefined);
    throw explainRestFailure(error, options.url, scrub);
  }
  // A stored session is RESUMEd without a READY: its names come over REST, before the replay.
  if (sessionStore !== undefined && (await Promise.resolve(sessionStore.load()).catch(() => null)) !== null) {
    await learnNames(client.rest, names).catch((error: unknown) => status(`warning: names not loaded (${scrub(messageOf(error))}); ids are printed instead`));
  }

  const wanted = typeMatcher(options.types);
  client.on('raw', (type, data) => {
    names.learn(type, data);
    if (type === 'ready' || type === 'resumed' || !wanted(type)) return;
    const event = describeEvent(type, data, names, new Date());
    io.stdout(options.json ? JSON.stringify({ ...event, data }) : formatLine(event));
  });
  client.on('ready', (ready) => {
    names.learn('ready', ready);
    status(`connected to ${gatewayUrl} (session ${ready.session_id}, ${ready.spaces.length} spaces); waiting for events`);
  });
  let stopping = false;
  client.on('disconnected', (code, reason) => stopping || status(`disconnected (code ${code}${reason ? `: ${reason}` : ''})`));
  client.on('reconnecting', (attempt, max) => status(`reconnecting ${attempt}/${max}…`));
  client.on('resumed', (data) => status(`resumed session ${data.session_id} (${data.replayed ?? 0} missed events replayed)`));
  client.on('recovered', (info) => {
    if (info.kind === 'reidentified') status('the session could not be resumed: identified again (events in the gap may be missing)');
  });
  client.on('error', (error: GatewayError) => {
    if (error.kind === 'malformed_frame' || error.kind === 'invalid_data') status(`warning: ${error.message}`);
    if (error.kind === 'session_store') status(`warning: ${error.message}; starting a new session`);
  });

  let finish: (code: number) => void = () => undefined;
  let fail: (error: unknown) => void = () => undefined;
  const exit = new Promise<number>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  // Ctrl-C works from here on, also while connecting: logging out ends a login in progress.
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    if (options.session !== undefined) {
      // Revoking the token would end the session it identified: a kept session keeps its token.
      const note = revoke ? '; the token this run signed in for stays valid until it expires' : '';
      status(`closing (the session stays resumable in ${options.session}${note})`);
      void client.logout({ keepSession: true }).finally(() => finish(ExitCodes.ok));
      return;
    }
    status('closing');
    void client
      .logout({ revoke })
      .catch(() => status('could not sign out the token this run created (it expires by itself)'))
      .finally(() => finish(ExitCodes.ok));
  };
  io.onInterrupt(stop);

  status(`connecting to ${gatewayUrl}`);
  try {
    const ready = await client.login();
    if (ready === null) status(`resumed the session stored in ${options.session ?? ''}; waiting for events`);
  } catch (error) {
    if (stopping) return exit;
    await client.logout({ revoke }).catch(() => undefined);
    if (error instanceof GatewayAuthError) {
      throw new CliError('the server refused the token when identifying (INVALID_SESSION): check --token and --bot', ExitCodes.auth);
    }
    throw new CliError(`could not open the gateway at ${gatewayUrl}: ${scrub(messageOf(error))}`, ExitCodes.unreachable);
  }

  client.on('stateChange', (next) => {
    if (next !== 'disconnected' || stopping) return;
    stopping = true;
    const lost = new CliError('the connection was lost for good (reconnect attempts used up or a fatal close code)', ExitCodes.failure);
    void client
      .logout({ revoke })
      .catch(() => undefined)
      .finally(() => fail(lost));
  });
  return exit;
}

async function authenticate(
  options: TailOptions,
  status: (message: string) => void,
  scrub: (message: string) => string,
): Promise<{ token: string; tokenType: 'Bot' | 'Bearer'; created: boolean }> {
  if (options.token !== undefined) return { token: options.token, tokenType: options.bot ? 'Bot' : 'Bearer', created: false };
  status(`signing in to ${options.url} as ${options.user ?? ''}`);
  try {
    const result = await AccordRest.login(options.url, { username: options.user ?? '', password: options.password ?? '' }, { timeoutMs: 10_000 });
    return { token: result.token, tokenType: 'Bearer', created: true };
  } catch (error) {
    if (error instanceof AccordApiError && (error.status === 401 || error.status === 403)) {
      throw new CliError(`sign-in refused (${error.status}): wrong username or password, or the account is disabled`, ExitCodes.auth);
    }
    throw explainRestFailure(error, options.url, scrub);
  }
}

function explainRestFailure(error: unknown, url: string, scrub: (m: string) => string): CliError {
  if (error instanceof AccordApiError && (error.status === 401 || error.status === 403)) {
    return new CliError(`the server refused the credentials (${error.status} ${error.code}): check --token and --bot`, ExitCodes.auth);
  }
  if (error instanceof AccordNetworkError) {
    return new CliError(`cannot reach an accordserver at ${url}: ${scrub(error.message)}`, ExitCodes.unreachable);
  }
  if (error instanceof AccordApiError) {
    return new CliError(`${url} answered ${error.status} ${error.code}: is it an accordserver?`, ExitCodes.unreachable);
  }
  return new CliError(`cannot talk to ${url}: ${scrub(messageOf(error))}`, ExitCodes.unreachable);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

/** What READY would have taught the NameBook, read over REST: spaces, their channels and members, DMs. */
async function learnNames(rest: AccordRest, names: NameBook): Promise<void> {
  const spaces = await rest.listCurrentUserSpaces();
  for (const space of spaces) names.learn('space.create', space);
  await Promise.all(
    spaces.map(async (space) => {
      const [channels, members] = await Promise.all([rest.listSpaceChannels(space.id), rest.listMembers(space.id, { withUser: true })]);
      for (const channel of channels) names.learn('channel.create', channel);
      for (const member of members) names.learn('member.join', member);
    }),
  );
  for (const channel of await rest.listDmChannels()) names.learn('channel.create', channel);
}
