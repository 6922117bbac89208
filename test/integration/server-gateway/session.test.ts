import { afterEach, describe, expect, it } from 'vitest';
import { Peer, until } from './peer.js';
import { connect, createWorld, postMessage } from './fixture.js';
import type { World } from './fixture.js';

const INVALID = { op: 7, data: { resumable: false } };

let world: World | undefined;
afterEach(async () => {
  await world?.server.close();
  world = undefined;
});

async function park(w: World, peer: Peer, sessionId: string): Promise<void> {
  await peer.terminate();
  await until(() => w.server.sessionState(sessionId) === 'parked', 'the session to park');
}

describe('sessions, RESUME and replay (real sockets)', () => {
  it('replays an event missed while disconnected, then resumed {session_id, seq, replayed: 1}', async () => {
    const w = (world = await createWorld());
    const { peer, sessionId } = await connect(w.server, w.member, ['messages']);
    const seq = peer.lastSeq();
    await park(w, peer, sessionId);
    await postMessage(w, w.owner, w.textId, 'while you were away');
    const again = await Peer.open(w.server.gatewayUrl);
    const resumed = await again.resume(w.member.header, sessionId, seq);
    const replayed = again.dispatches('message.create');
    expect(replayed).toHaveLength(1);
    expect(replayed[0]?.seq).toBe(seq + 1);
    expect((replayed[0]?.data as { content: string }).content).toBe('while you were away');
    expect(resumed).toEqual({ op: 0, type: 'resumed', seq: seq + 1, data: { session_id: sessionId, seq: seq + 1, replayed: 1 } });
    // and live events keep arriving after the handover, numbered on from resumed.seq
    const next = again.nextDispatch('message.create');
    await postMessage(w, w.owner, w.textId, 'live again');
    expect((await next).seq).toBe(seq + 2);
    await again.close();
  });

  it("RESUME with another user's token gets op 7; the owner can still resume", async () => {
    const w = (world = await createWorld());
    const { peer, sessionId } = await connect(w.server, w.member);
    const seq = peer.lastSeq();
    await park(w, peer, sessionId);
    const thief = await Peer.open(w.server.gatewayUrl);
    expect(await thief.resume(w.owner.header, sessionId, seq)).toEqual(INVALID);
    expect((await thief.closed).code).toBe(1006);
    const owner = await Peer.open(w.server.gatewayUrl);
    expect(await owner.resume(w.member.header, sessionId, seq)).toMatchObject({ type: 'resumed', data: { session_id: sessionId } });
    await owner.close();
  });

  it('a client Close frame ends the session: RESUME gets op 7 and no more frames arrive', async () => {
    const w = (world = await createWorld());
    const { peer, sessionId } = await connect(w.server, w.member);
    const seq = peer.lastSeq();
    const count = peer.frames.length;
    await peer.close(4000);
    await until(() => w.server.sessionState(sessionId) === undefined, 'the session to end');
    await postMessage(w, w.owner, w.textId, 'gone');
    expect(peer.frames.length).toBe(count);
    const again = await Peer.open(w.server.gatewayUrl);
    expect(await again.resume(w.member.header, sessionId, seq)).toEqual(INVALID);
  });

  it('op 2 after the handshake closes with 4005', async () => {
    const w = (world = await createWorld());
    const { peer, sessionId } = await connect(w.server, w.member);
    peer.send({ op: 2, data: { token: w.member.header, intents: [] } });
    expect(await peer.closed).toEqual({ code: 4005, reason: 'already authenticated' });
    expect(w.server.sessionState(sessionId)).toBeUndefined();
  });

  it('200 heartbeats are all acked; 130 op 8 frames close with 4008', async () => {
    const w = (world = await createWorld());
    const { peer, sessionId } = await connect(w.server, w.member);
    const from = peer.frames.length;
    for (let i = 0; i < 200; i += 1) peer.send({ op: 1 });
    await until(() => peer.frames.slice(from).filter((f) => f.op === 4).length === 200, '200 acks');
    expect(peer.closedWith).toBeNull();
    for (let i = 0; i < 130; i += 1) peer.send({ op: 8, data: { status: 'online' } });
    expect(await peer.closed).toEqual({ code: 4008, reason: 'rate limit exceeded' });
    expect(w.server.sessionState(sessionId)).toBeUndefined();
  });

  it('binary frames are ignored and not counted for the rate limit; text frames are', async () => {
    const w = (world = await createWorld({ rateLimit: { frames: 3 } }));
    const { peer } = await connect(w.server, w.member);
    const count = peer.frames.length;
    for (let i = 0; i < 5; i += 1) peer.socket.send(Buffer.from('{"op":8,"data":{"status":"idle"}}'), { binary: true });
    await peer.sync();
    expect(peer.frames.slice(count)).toEqual([{ op: 4 }]);
    expect(w.server.control.live.presences.get(w.member.id)?.status).toBe('online');
    for (let i = 0; i < 4; i += 1) peer.send({ op: 99 });
    expect(await peer.closed).toEqual({ code: 4008, reason: 'rate limit exceeded' });
  });

  it('bad JSON and unknown ops after the handshake are ignored', async () => {
    const w = (world = await createWorld());
    const { peer } = await connect(w.server, w.member);
    const count = peer.frames.length;
    peer.sendText('{nope');
    peer.send({ op: 99, data: {} });
    await peer.sync();
    expect(peer.frames.slice(count)).toEqual([{ op: 4 }]);
    expect(peer.closedWith).toBeNull();
    await peer.close();
  });

  it('heartbeat timeout: dropped silently (1006, no op 7) and parked, so RESUME works', async () => {
    const w = (world = await createWorld({ heartbeatIntervalMs: 40, heartbeatTimeoutMs: 80 }));
    const { peer, sessionId } = await connect(w.server, w.member);
    const seq = peer.lastSeq();
    expect((await peer.closed).code).toBe(1006);
    expect(peer.frames.some((f) => f.op === 7)).toBe(false);
    expect(w.server.sessionState(sessionId)).toBe('parked');
    const again = await Peer.open(w.server.gatewayUrl);
    expect(await again.resume(w.member.header, sessionId, seq)).toMatchObject({ type: 'resumed' });
    await again.close();
  });

  it('window expiry: RESUME after the resume window gets op 7', async () => {
    const w = (world = await createWorld({ resumeWindowMs: 50 }));
    const { peer, sessionId } = await connect(w.server, w.member);
    const seq = peer.lastSeq();
    await peer.terminate();
    await until(() => w.server.sessionState(sessionId) === undefined, 'the window to expire');
    const again = await Peer.open(w.server.gatewayUrl);
    expect(await again.resume(w.member.header, sessionId, seq)).toEqual(INVALID);
  });

  it('replay buffer overflow: RESUME from before the oldest buffered event gets op 7', async () => {
    const w = (world = await createWorld({ replayBufferLimit: 2 }));
    const { peer, sessionId } = await connect(w.server, w.member, ['messages']);
    const seq = peer.lastSeq();
    await park(w, peer, sessionId);
    for (let i = 0; i < 4; i += 1) await postMessage(w, w.owner, w.textId, `m${i}`);
    const again = await Peer.open(w.server.gatewayUrl);
    expect(await again.resume(w.member.header, sessionId, seq)).toEqual(INVALID);
  });
});
