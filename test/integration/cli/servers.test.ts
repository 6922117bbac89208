import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { runCli } from './cli-harness.js';
import { listenError } from '../../../src/cli/dev.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
let webRoot: string;

beforeAll(async () => {
  webRoot = await mkdtemp(join(tmpdir(), 'accord-cli-web-'));
  await build({ configFile: join(ROOT, 'web/vite.config.ts'), logLevel: 'error', build: { outDir: webRoot, emptyOutDir: true } });
}, 120_000);

/** The first gateway frame (HELLO) from a WebSocket URL. */
function firstFrame(url: string): Promise<{ op: number; data: { heartbeat_interval?: number } }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('message', (data: Buffer) => {
      ws.terminate();
      resolve(JSON.parse(data.toString()) as { op: number; data: { heartbeat_interval?: number } });
    });
    ws.once('error', reject);
  });
}

describe('accord start (what npm start runs)', () => {
  it('serves the page, the demo logins, REST and the gateway on one URL', async () => {
    const start = runCli(['start', '--port', '0', '--simulate', '0', '--web-root', webRoot]);
    const line = await start.waitFor('stdout', (l) => l.includes('Open http://'));
    const url = /Open (http:\/\/\S+)/.exec(line)?.[1];
    expect(url).toBeDefined();
    const base = url ?? '';
    expect(start.stdout.filter((l) => l.includes('http://'))).toHaveLength(1);

    const page = await fetch(base);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('<div id="app"');

    const logins = (await (await fetch(`${base}/demo-logins.json`)).json()) as { users: { username: string; token: string }[] };
    expect(logins.users.length).toBeGreaterThanOrEqual(2);
    const first = logins.users[0];
    if (!first) throw new Error('no demo user');
    expect(start.stdout.join('\n')).toContain(first.username);

    const me = await fetch(`${base}/api/v1/users/@me`, { headers: { authorization: `Bearer ${first.token}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { data: { username: string } }).data.username).toBe(first.username);

    const hello = await firstFrame(`${base.replace(/^http/, 'ws')}/ws`);
    expect(hello.op).toBe(5);

    const missing = await fetch(`${base}/no/such/asset.js`);
    expect(missing.status).toBe(404);

    start.interrupt();
    expect(await start.exit).toBe(0);
  });

  it('fails with a clear message when the port is taken', async () => {
    const first = runCli(['start', '--port', '0', '--simulate', '0', '--web-root', webRoot]);
    const line = await first.waitFor('stdout', (l) => l.includes('Open http://'));
    const port = /:(\d+)/.exec(line)?.[1] ?? '';
    const second = runCli(['start', '--port', port, '--simulate', '0', '--web-root', webRoot]);
    expect(await second.exit).toBe(1);
    expect(second.stderr.join('\n')).toContain(`port ${port} is already in use`);
    first.interrupt();
    expect(await first.exit).toBe(0);
  });
});

describe('accord dev', () => {
  it('prints the REST and gateway URLs and the demo logins, and serves them', async () => {
    const dev = runCli(['dev', '--port', '0']);
    const restLine = await dev.waitFor('stdout', (l) => l.includes('/api/v1'));
    const gatewayLine = await dev.waitFor('stdout', (l) => l.trim().startsWith('gateway'));
    const restUrl = /(http:\/\/\S+\/api\/v1)/.exec(restLine)?.[1] ?? '';
    const gatewayUrl = /(ws:\/\/\S+\/ws)/.exec(gatewayLine)?.[1] ?? '';
    await dev.waitFor('stdout', (l) => l.includes('Ctrl-C'));
    const tokenLine = dev.stdout.find((l) => /Bearer \S+/.test(l));
    expect(tokenLine).toBeDefined();
    const token = /Bearer (\S+)/.exec(tokenLine ?? '')?.[1] ?? '';

    const me = await fetch(`${restUrl}/users/@me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect((await firstFrame(gatewayUrl)).op).toBe(5);

    dev.interrupt();
    expect(await dev.exit).toBe(0);
  });

  it('rejects a bad --seed with the usage', async () => {
    const dev = runCli(['dev', '--seed', 'lots']);
    expect(await dev.exit).toBe(2);
    expect(dev.stderr.join('\n')).toContain('--seed must be demo or empty');
  });
});

describe('listenError', () => {
  it('names the port for the known causes and never echoes a credential from an unexpected one', () => {
    expect(listenError(Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' }), 4321).message).toContain('port 4321 is already in use');
    const unexpected = listenError(new Error('proxy refused Authorization: Bearer s3cr3t.t0ken'), 4321);
    expect(unexpected.message).toContain('could not start the server');
    expect(unexpected.message).not.toContain('s3cr3t.t0ken');
  });
});
