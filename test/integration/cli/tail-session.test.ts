import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../../src/index.js';
import { AccordRest } from '../../../src/rest/index.js';
import { AccordServer } from '../../../src/server/index.js';
import { runCli } from './cli-harness.js';
import { until } from '../server-gateway/peer.js';

let server: AccordServer;
let dir: string;
let watcherToken: string;
let poster: AccordRest;
let channelId: string;

beforeAll(async () => {
  server = await AccordServer.start({ port: 0, seed: 'empty' });
  const watcher = await AccordRest.register(server.url, { username: 'tail_session_watcher', password: 'watcher-password-1' });
  const posterAuth = await AccordRest.register(server.url, { username: 'tail_session_poster', password: 'poster-password-1' });
  watcherToken = watcher.token;
  const owner = new AccordRest({ baseUrl: server.url, token: watcherToken });
  const space = (await owner.listCurrentUserSpaces())[0];
  if (!space) throw new Error('registration put the first user in no space');
  channelId = (await owner.createChannel(space.id, { name: 'tail-session' })).id;
  poster = new AccordRest({ baseUrl: server.url, token: posterAuth.token });
  await poster.acceptInvite((await owner.createInvite(space.id)).code);
  dir = await mkdtemp(join(tmpdir(), 'accordkit-tail-session-'));
});

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('accord tail --session FILE', () => {
  it('a restarted tail RESUMEs the stored session and prints what it missed, once; the file never holds the token', async () => {
    const file = join(dir, 'tail.session');
    const args = ['tail', '--url', server.url, '--token', watcherToken, '--type', 'message.create', '--session', file];

    const first = runCli(args);
    await first.waitFor('stderr', (line) => line.includes('waiting for events'));
    await poster.createMessage(channelId, { content: 'seen by the first tail' });
    await first.waitFor('stdout', (line) => line.includes('seen by the first tail'));
    first.interrupt();
    expect(await first.exit).toBe(0);
    const stored = JSON.parse(await readFile(file, 'utf8')) as Session;
    expect(await readFile(file, 'utf8')).not.toContain(watcherToken);
    await until(() => server.sessionState(stored.sessionId) === 'parked', 'the server to park the session');

    await poster.createMessage(channelId, { content: 'sent while no tail ran' });

    const second = runCli(args);
    await second.waitFor('stderr', (line) => line.includes('resumed the session stored in'));
    await second.waitFor('stdout', (line) => line.includes('sent while no tail ran'));
    await poster.createMessage(channelId, { content: 'sent to the second tail' });
    await second.waitFor('stdout', (line) => line.includes('sent to the second tail'));
    second.interrupt();
    expect(await second.exit).toBe(0);

    expect(second.stdout.filter((line) => line.includes('sent while no tail ran'))).toHaveLength(1);
    // No READY on a resume: the names came over REST, before the replay.
    const replayed = second.stdout.find((line) => line.includes('sent while no tail ran')) ?? '';
    expect(replayed).toContain('#tail-session');
    expect(replayed).toContain('tail_session_poster');
    expect(replayed).not.toContain(channelId);
    expect(second.stdout.some((line) => line.includes('seen by the first tail'))).toBe(false);
    expect(second.stderr.some((line) => line.includes('waiting for events') && line.includes('connected to'))).toBe(false);
    expect([...first.stdout, ...first.stderr, ...second.stdout, ...second.stderr].join('\n')).not.toContain(watcherToken);
    expect(await readFile(file, 'utf8')).not.toContain(watcherToken);
  });

  it('with --user/--password: Ctrl-C does not revoke the token (that would end the kept session), and the next run resumes with its own token', async () => {
    const file = join(dir, 'tail-user.session');
    const args = ['tail', '--url', server.url, '--user', 'tail_session_watcher', '--password', 'watcher-password-1', '--type', 'message.create', '--session', file];
    const first = runCli(args);
    await first.waitFor('stderr', (line) => line.includes('waiting for events'));
    first.interrupt();
    expect(await first.exit).toBe(0);
    expect(first.stderr.join('\n')).toContain('stays valid until it expires');
    const stored = JSON.parse(await readFile(file, 'utf8')) as Session;
    await until(() => server.sessionState(stored.sessionId) === 'parked', 'the server to park the session');
    await poster.createMessage(channelId, { content: 'missed by the password tail' });

    const second = runCli(args);
    await second.waitFor('stderr', (line) => line.includes('resumed the session stored in'));
    await second.waitFor('stdout', (line) => line.includes('missed by the password tail'));
    second.interrupt();
    expect(await second.exit).toBe(0);
    expect(second.stdout.filter((line) => line.includes('missed by the password tail'))).toHaveLength(1);
    expect(await readFile(file, 'utf8')).not.toContain('watcher-password-1');
  });

  it('--session with an empty path is a usage error', async () => {
    const tail = runCli(['tail', '--url', server.url, '--token', watcherToken, '--session', ' ']);
    expect(await tail.exit).toBe(2);
    expect(tail.stderr.join('\n')).toContain('--session needs a file path');
  });
});
