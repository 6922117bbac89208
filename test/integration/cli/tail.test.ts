import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel } from '../../../src/models/index.js';
import { AccordRest } from '../../../src/rest/index.js';
import { AccordServer } from '../../../src/server/index.js';
import { runCli } from './cli-harness.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const run = promisify(execFile);

let server: AccordServer;
let watcherToken: string;
let posterToken: string;
let poster: AccordRest;
let posterName: string;
let channel: Channel;
let spaceName: string;

beforeAll(async () => {
  server = await AccordServer.start({ port: 0, seed: 'empty' });
  const watcher = await AccordRest.register(server.url, { username: 'tail_watcher', password: 'watcher-password-1' });
  const posterAuth = await AccordRest.register(server.url, { username: 'tail_poster', password: 'poster-password-1' });
  watcherToken = watcher.token;
  posterToken = posterAuth.token;
  posterName = posterAuth.user.username;
  poster = new AccordRest({ baseUrl: server.url, token: posterToken });
  const owner = new AccordRest({ baseUrl: server.url, token: watcherToken });
  const space = (await owner.listCurrentUserSpaces())[0];
  if (!space) throw new Error('registration put the first user in no space');
  spaceName = space.name;
  channel = await owner.createChannel(space.id, { name: 'tail-news' });
});

afterAll(async () => {
  await server?.close();
});

describe('accord tail against the embedded server', () => {
  it('prints each event it is sent as one readable line', async () => {
    const tail = runCli(['tail', '--url', server.url, '--token', watcherToken]);
    await tail.waitFor('stderr', (line) => line.includes('waiting for events'));
    const sent = await poster.createMessage(channel.id, { content: 'first line\nof a message the tail should print' });
    const line = await tail.waitFor('stdout', (l) => l.includes('message.create'));
    expect(line).toMatch(/^\d\d:\d\d:\d\d\.\d{3} {2}message\.create/);
    expect(line).toContain(`${spaceName} #tail-news`);
    expect(line).toContain(`${posterName}: first line of a message the tail should print`);

    await poster.editMessage(channel.id, sent.id, { content: 'edited words' });
    expect(await tail.waitFor('stdout', (l) => l.includes('message.update'))).toContain(`${posterName}: edited words`);
    await poster.addReaction(channel.id, sent.id, '🎉');
    expect(await tail.waitFor('stdout', (l) => l.includes('reaction.add'))).toContain(`${posterName}: 🎉`);
    await poster.deleteMessage(channel.id, sent.id);
    expect(await tail.waitFor('stdout', (l) => l.includes('message.delete'))).toContain(`#tail-news`);

    tail.interrupt();
    expect(await tail.exit).toBe(0);
    expect([...tail.stdout, ...tail.stderr].join('\n')).not.toContain(watcherToken);
  });

  it('prints JSON lines that parse, filtered by --type, after signing in with a password', async () => {
    const tail = runCli(['tail', '--url', server.url, '--user', 'tail_watcher', '--password', 'watcher-password-1', '--type', 'message.*', '--json']);
    await tail.waitFor('stderr', (line) => line.includes('waiting for events'));
    await poster.triggerTyping(channel.id);
    const sent = await poster.createMessage(channel.id, { content: 'json please' });
    await tail.waitFor('stdout', (l) => l.includes(sent.id));
    tail.interrupt();
    expect(await tail.exit).toBe(0);

    const events = tail.stdout.map((line) => JSON.parse(line) as { type: string; channel?: string; author?: string; data: { id?: string; content?: string } });
    expect(events.every((event) => event.type.startsWith('message.'))).toBe(true);
    const created = events.find((event) => event.type === 'message.create' && event.data.id === sent.id);
    expect(created?.data.content).toBe('json please');
    expect(created?.channel).toBe('tail-news');
    expect(created?.author).toBe(posterName);
    expect([...tail.stdout, ...tail.stderr].join('\n')).not.toContain('watcher-password-1');
  });

  it('shows a drop and the resume on stderr, and the event missed in between on stdout', async () => {
    const tail = runCli(['tail', '--url', server.url, '--token', watcherToken, '--type', 'message.create']);
    await tail.waitFor('stderr', (line) => line.includes('waiting for events'));
    server.faults.dropAll();
    await poster.createMessage(channel.id, { content: 'sent during the drop' });
    await tail.waitFor('stderr', (l) => l.includes('reconnecting'));
    await tail.waitFor('stderr', (l) => l.includes('resumed'));
    await tail.waitFor('stdout', (l) => l.includes('sent during the drop'));
    tail.interrupt();
    expect(await tail.exit).toBe(0);
    const missed = tail.stdout.filter((l) => l.includes('sent during the drop'));
    expect(missed).toHaveLength(1);
    expect(missed[0]).toContain('message.create');
  });

  it('Ctrl-C while it is still connecting stops it cleanly (exit 0), without waiting for the connection', async () => {
    // REST answers, the gateway refuses every upgrade: the login would retry with backoff for minutes.
    const half = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ data: { id: '1', username: 'ghost', display_name: null, avatar: null, bot: false } }));
    });
    half.on('upgrade', (_req, socket) => socket.destroy());
    await new Promise<void>((resolve) => half.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(half.address() as AddressInfo).port}`;
      const tail = runCli(['tail', '--url', url, '--token', watcherToken]);
      await tail.waitFor('stderr', (line) => line.includes('reconnecting'));
      tail.interrupt();
      expect(await tail.exit).toBe(0);
      expect(tail.stderr.join('\n')).toContain('closing');
    } finally {
      half.closeAllConnections();
      await new Promise((resolve) => half.close(resolve));
    }
  });

  it('exits 3 with a readable error and no token in the output for a bad token', async () => {
    const badToken = 'f00dfeedbadbadbadtoken0123456789';
    const tail = runCli(['tail', '--url', server.url, '--token', badToken]);
    expect(await tail.exit).toBe(3);
    const output = [...tail.stdout, ...tail.stderr].join('\n');
    expect(output).toMatch(/refused the credentials/);
    expect(output).not.toContain(badToken);
    expect(tail.stdout).toEqual([]);
  });

  it('exits 3 for a wrong password', async () => {
    const tail = runCli(['tail', '--url', server.url, '--user', 'tail_watcher', '--password', 'not-the-password']);
    expect(await tail.exit).toBe(3);
    expect(tail.stderr.join('\n')).toMatch(/wrong username or password/);
    expect(tail.stderr.join('\n')).not.toContain('not-the-password');
  });

  it('exits 4 when no server answers', async () => {
    const gone = await AccordServer.start({ port: 0, seed: 'empty' });
    const url = gone.url;
    await gone.close();
    const tail = runCli(['tail', '--url', url, '--token', 'whatever-token']);
    expect(await tail.exit).toBe(4);
    expect(tail.stderr.join('\n')).toContain(`cannot reach an accordserver at ${url}`);
  });

  it('exits 2 with the usage for missing credentials', async () => {
    const tail = runCli(['tail', '--url', server.url]);
    expect(await tail.exit).toBe(2);
    expect(tail.stderr.join('\n')).toContain('give either --token, or --user and --password');
    expect(tail.stderr.join('\n')).toContain('Usage: accord tail');
  });

  it('as a real process: a bad token is a non-zero exit status with the error on stderr', async () => {
    const badToken = 'abcdef0123456789badtokenvalue';
    const result = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'tail', '--url', server.url, '--token', badToken], {
      cwd: ROOT,
    }).then(
      () => ({ code: 0, stdout: '', stderr: '' }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({ code: error.code ?? -1, stdout: error.stdout ?? '', stderr: error.stderr ?? '' }),
    );
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('accord tail: the server refused the credentials');
    expect(result.stdout + result.stderr).not.toContain(badToken);
  });
});
