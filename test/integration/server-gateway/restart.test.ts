import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AccordServer } from '../../../src/server/index.js';
import { Peer } from './peer.js';
import { connect, ok, register } from './fixture.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('restart with a SQLite db', () => {
  it('keeps the data (users, tokens, spaces) but loses every session', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'accord-restart-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const db = join(dir, 'server.sqlite');

    const first = await AccordServer.start({ seed: 'empty', db });
    const user = await register(first, 'persisted');
    const space = await ok<{ id: string; system_channel_id: string }>(first, 'POST', '/spaces', user.token, { name: 'Kept' });
    const message = await ok<{ id: string }>(first, 'POST', `/channels/${space.system_channel_id}/messages`, user.token, { content: 'still here' });
    const { peer, sessionId } = await connect(first, user);
    const seq = peer.lastSeq();
    await first.close();
    expect((await peer.closed).code).toBe(1006);

    const second = await AccordServer.start({ seed: 'empty', db });
    cleanups.push(() => second.close());
    const resume = await Peer.open(second.gatewayUrl);
    expect(await resume.resume(user.header, sessionId, seq)).toEqual({ op: 7, data: { resumable: false } });
    const again = await connect(second, user);
    expect(again.ready.user_id).toBe(user.id);
    expect((again.ready.spaces as { id: string }[]).map((s) => s.id)).toContain(space.id);
    const history = await ok<{ id: string; content: string }[]>(second, 'GET', `/channels/${space.system_channel_id}/messages`, user.token);
    expect(history.map((m) => [m.id, m.content])).toEqual([[message.id, 'still here']]);
    expect(second.sessionCount).toBe(1);
    await again.peer.close();
  });
});

describe('token revocation', () => {
  it('logout ends the sessions of that token for good', async () => {
    const server = await AccordServer.start({ seed: 'empty' });
    cleanups.push(() => server.close());
    const user = await register(server, 'leaver');
    const { peer, sessionId } = await connect(server, user);
    await ok(server, 'POST', '/auth/logout', user.token);
    expect((await peer.closed).code).toBe(1006);
    expect(server.sessionState(sessionId)).toBeUndefined();
  });
});
