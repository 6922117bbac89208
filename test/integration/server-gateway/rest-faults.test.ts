import { afterEach, describe, expect, it } from 'vitest';
import { AccordRest, AccordApiError, AccordNetworkError } from '../../../src/rest/index.js';
import { AccordServer } from '../../../src/server/index.js';

let server: AccordServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function demo(): Promise<{ server: AccordServer; rest: AccordRest; general: string }> {
  server = await AccordServer.start({ port: 0, seed: 'demo', faults: true });
  const bob = server.seeded?.users.find((u) => u.username === 'bob');
  const general = server.seeded?.spaces[0]?.channels.find((c) => c.name === 'general')?.id;
  if (!bob || !general) throw new Error('demo seed incomplete');
  return { server, rest: new AccordRest({ baseUrl: server.url, token: bob.token, maxRetries: 0 }), general };
}

const count = async (rest: AccordRest, channelId: string, content: string) =>
  (await rest.listMessages(channelId, { limit: 100 })).filter((m) => m.content === content).length;

describe('REST fault injection', () => {
  it('fail answers an error without running the request, for the matching requests only', async () => {
    const { server, rest, general } = await demo();
    server.faults.failRest({ action: 'fail', method: 'POST', path: '/messages', status: 503, code: 'overloaded', times: 2 });
    await expect(rest.listMessages(general)).resolves.toBeInstanceOf(Array);
    for (let i = 0; i < 2; i++) {
      const error = await rest.createMessage(general, 'refused').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AccordApiError);
      expect(error).toMatchObject({ status: 503, code: 'overloaded' });
    }
    expect(await count(rest, general, 'refused')).toBe(0);
    await rest.createMessage(general, 'refused');
    expect(await count(rest, general, 'refused')).toBe(1);
  });

  it('drop resets before the request runs; lose runs it and resets instead of answering', async () => {
    const { server, rest, general } = await demo();
    server.faults.failRest({ action: 'drop', method: 'POST', path: '/messages' });
    await expect(rest.createMessage(general, 'dropped')).rejects.toBeInstanceOf(AccordNetworkError);
    expect(await count(rest, general, 'dropped')).toBe(0);
    server.faults.failRest({ action: 'lose', method: 'POST', path: '/messages' });
    await expect(rest.createMessage(general, 'lost')).rejects.toBeInstanceOf(AccordNetworkError);
    expect(await count(rest, general, 'lost')).toBe(1);
  });

  it('hold keeps the answer until releaseRest; the HTTP API arms, clears and releases', async () => {
    const { server, rest, general } = await demo();
    const post = (name: string, body: unknown = {}) =>
      fetch(`${server.url}/_faults/${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post('failRest', { action: 'hold', method: 'POST', path: '/messages' })).status).toBe(200);
    let answered = false;
    const held = rest.createMessage(general, 'held').then((m) => ((answered = true), m));
    while (server.faults.rest.heldCount === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await count(rest, general, 'held')).toBe(1);
    expect(answered).toBe(false);
    expect((await post('releaseRest')).status).toBe(200);
    expect((await held).content).toBe('held');

    expect((await post('failRest', { action: 'nonsense' })).status).toBe(400);
    expect((await post('failRest', { action: 'fail', path: '/messages' })).status).toBe(200);
    expect((await post('clearRestFaults')).status).toBe(200);
    await expect(rest.createMessage(general, 'after clear')).resolves.toMatchObject({ content: 'after clear' });
  });
});
