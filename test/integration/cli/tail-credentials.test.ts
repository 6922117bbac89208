import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccordRest } from '../../../src/rest/index.js';
import { AccordServer } from '../../../src/server/index.js';
import { runCli } from './cli-harness.js';

/** Issue 16 §6: `accord tail` and credentials (URL userinfo, hostile tokens, the token it creates). */

let server: AccordServer;
let token: string;
let userId: string;
const USERNAME = 'cred_watcher';
const PASSWORD = 'cred-watcher-password-1';

beforeAll(async () => {
  server = await AccordServer.start({ port: 0, seed: 'empty' });
  const auth = await AccordRest.register(server.url, { username: USERNAME, password: PASSWORD });
  token = auth.token;
  userId = auth.user.id;
});

afterAll(async () => {
  await server?.close();
});

const withUserinfo = (base: string, userinfo: string): string => base.replace('http://', `http://${userinfo}@`);
const everything = (run: { stdout: string[]; stderr: string[] }): string => [...run.stdout, ...run.stderr].join('\n');

describe('accord tail and credentials', () => {
  it('never prints a password given in --url, and connects without it', async () => {
    const secret = 'hunter2-in-the-url';
    const tail = runCli(['tail', '--url', withUserinfo(server.url, `someone:${secret}`), '--token', token]);
    await tail.waitFor('stderr', (line) => line.includes('waiting for events'));
    tail.interrupt();
    expect(await tail.exit).toBe(0);
    const output = everything(tail);
    expect(output).toContain('ignoring the user name and password in --url');
    expect(output).toContain(`connecting to ${server.gatewayUrl}`);
    expect(output).not.toContain(secret);
    expect(output).not.toContain('someone');
  });

  it('never prints it when the server cannot be reached either (also percent-encoded)', async () => {
    const gone = await AccordServer.start({ port: 0, seed: 'empty' });
    const url = gone.url;
    await gone.close();
    for (const userinfo of ['someone:hunter2-in-the-url', 'some%20one:p%40ss-hunter2']) {
      const tail = runCli(['tail', '--url', withUserinfo(url, userinfo), '--user', 'x', '--password', 'y-password']);
      expect(await tail.exit).toBe(4);
      const output = everything(tail);
      expect(output).toContain(`cannot reach an accordserver at ${url}`);
      for (const part of ['hunter2', 'someone', 'some one', 'p@ss', 'p%40ss', 'y-password']) expect(output).not.toContain(part);
    }
  });

  it('refuses a token with control characters as a usage error, without echoing it', async () => {
    for (const hostile of [`${token}\r\nX-Injected: 1`, 'tok3n-with-a-\u0007-bell', 'tok3n-with-a-\u0000-nul']) {
      const tail = runCli(['tail', '--url', server.url, '--token', hostile]);
      expect(await tail.exit).toBe(2);
      const output = everything(tail);
      expect(output).toContain('--token must be a token: it is empty or contains control characters');
      expect(output).toContain('Usage: accord tail');
      expect(output).not.toContain('tok3n');
      expect(output).not.toContain(token);
    }
  });

  it('logs out the token it created with --user on exit, and leaves a --token alone', async () => {
    const tokens = () => server.data.tables.userTokens.where('user', userId).length;
    const before = tokens();
    const tail = runCli(['tail', '--url', server.url, '--user', USERNAME, '--password', PASSWORD]);
    await tail.waitFor('stderr', (line) => line.includes('waiting for events'));
    expect(tokens()).toBe(before + 1);
    tail.interrupt();
    expect(await tail.exit).toBe(0);
    expect(tokens()).toBe(before);

    const byToken = runCli(['tail', '--url', server.url, '--token', token]);
    await byToken.waitFor('stderr', (line) => line.includes('waiting for events'));
    byToken.interrupt();
    expect(await byToken.exit).toBe(0);
    expect(tokens()).toBe(before);
    expect(server.data.resolveToken(`Bearer ${token}`)?.userId).toBe(userId);
  });
});
