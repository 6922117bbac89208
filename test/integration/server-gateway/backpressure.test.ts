import { afterEach, describe, expect, it } from 'vitest';
import type { Frame } from './peer.js';
import { connect, createWorld, ok } from './fixture.js';
import type { World } from './fixture.js';
import { Peer } from './peer.js';

/**
 * Issue 16 §1 over real sockets: a reader that stops reading is dropped once its unsent data
 * passes the send budget (no Close frame, session parked), honest readers keep receiving, and the
 * dropped reader RESUMEs without losing an event.
 */

let world: World | undefined;
afterEach(async () => {
  await world?.server.close();
  world = undefined;
});

const createdIds = (frames: Frame[]): string[] =>
  frames.filter((f) => f.op === 0 && f.type === 'message.create').map((f) => (f.data as { id: string }).id);

describe('send budget over real sockets', () => {
  it('drops a paused reader, keeps the honest one fed, and lets the dropped one resume losslessly', async () => {
    world = await createWorld({ sendBudget: { bytes: 256 * 1024 }, restRateLimit: { disabled: true } });
    const { server, owner, member, textId } = world;
    const slow = await connect(server, member, ['messages']);
    const honest = await connect(server, owner, ['messages']);
    slow.peer.socket.pause();

    // ~20 KB messages (4,000 bytes of content, 16 KB of embeds) until the kernel and the budget are full
    const content = 'c'.repeat(4000);
    const embeds = [{ description: 'e'.repeat(16_000) }];
    const posted: string[] = [];
    while (server.sessionState(slow.sessionId) === 'live') {
      if (posted.length >= 2000) throw new Error('the paused reader was never dropped');
      posted.push((await ok<{ id: string }>(server, 'POST', `/channels/${textId}/messages`, owner.token, { content, embeds })).id);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(server.sessionState(slow.sessionId)).toBe('parked');
    // two more while it is parked: buffered for its RESUME
    for (let i = 0; i < 2; i += 1) posted.push((await ok<{ id: string }>(server, 'POST', `/channels/${textId}/messages`, owner.token, { content: `late ${i}` })).id);

    await honest.peer.sync();
    expect(createdIds(honest.peer.frames)).toEqual(posted);

    // the slow reader reads what reached it, then finds its socket dropped without a Close frame
    slow.peer.socket.resume();
    expect((await slow.peer.closed).code).toBe(1006);
    const lastSeq = slow.peer.lastSeq();
    const before = createdIds(slow.peer.frames);
    expect(before.length).toBeLessThan(posted.length);

    const again = await Peer.open(server.gatewayUrl);
    const resumed = await again.resume(member.header, slow.sessionId, lastSeq);
    expect(resumed).toMatchObject({ op: 0, type: 'resumed', data: { session_id: slow.sessionId, replayed: posted.length - before.length } });
    // nothing lost, nothing twice, in order
    expect([...before, ...createdIds(again.frames)]).toEqual(posted);
    const live = again.nextDispatch('message.create');
    await ok(server, 'POST', `/channels/${textId}/messages`, owner.token, { content: 'after resume' });
    expect((await live).data).toMatchObject({ content: 'after resume' });
    await again.close();
    await honest.peer.close();
  });
});
