import { afterEach, describe, expect, it } from 'vitest';
import { AccordServer } from '../../../src/server/index.js';
import { AccordClient } from '../../../src/client/index.js';

let server: AccordServer | undefined;
let client: AccordClient | undefined;

afterEach(async () => {
  await client?.logout();
  await server?.close();
});

describe('AccordServer simulate option', () => {
  it('starts the traffic simulator and stops it on close', async () => {
    server = await AccordServer.start({ port: 0, seed: 'demo', simulate: 40 });
    const demo = server.seeded;
    if (!demo) throw new Error('demo seed missing');
    const watcher = demo.users[0];
    if (!watcher) throw new Error('no demo user');
    client = new AccordClient({ baseUrl: server.url, token: watcher.token });
    const enough = new Promise<void>((resolve) => {
      client?.on('raw', (type) => {
        if (type.startsWith('message.')) resolve();
      });
    });
    await client.login();
    await enough;
    expect(server.simulator).not.toBeNull();
    const performed = server.simulator?.performed ?? 0;
    expect(performed).toBeGreaterThan(0);
    await server.close();
    const after = server.simulator?.performed ?? 0;
    await new Promise((r) => setTimeout(r, 200));
    expect(server.simulator?.performed).toBe(after);
    server = undefined;
  });
});
