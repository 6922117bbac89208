import { afterEach, describe, expect, it } from 'vitest';
import { AccordServer } from '../../../src/server/index.js';
import { Peer } from './peer.js';
import { ALL_INTENTS } from './fixture.js';

let server: AccordServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('AccordServer with the demo seed', () => {
  it('starts on 127.0.0.1 with url/gatewayUrl, and seeded users and the bot can IDENTIFY', async () => {
    server = await AccordServer.start({ seed: 'demo' });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.gatewayUrl).toBe(`${server.url.replace('http', 'ws')}/ws`);
    const seeded = server.seeded;
    if (!seeded) throw new Error('no seed');
    const alice = seeded.users[0];
    if (!alice) throw new Error('no users');

    const peer = await Peer.open(server.gatewayUrl);
    const ready = await peer.identify(`Bearer ${alice.token}`, ALL_INTENTS);
    expect(ready.user_id).toBe(alice.id);
    const spaceIds = (ready.spaces as { id: string }[]).map((s) => s.id).sort();
    expect(spaceIds).toEqual(seeded.spaces.map((s) => s.id).filter((id) => spaceIds.includes(id)).sort());
    expect(spaceIds.length).toBeGreaterThan(0);

    const bot = await Peer.open(server.gatewayUrl);
    const botReady = await bot.identify(`Bot ${seeded.bot.token}`, ['messages']);
    expect(botReady.user_id).toBe(seeded.bot.id);
    expect(server.sessionCount).toBe(2);
    await peer.close();
    await bot.close();
  });
});
