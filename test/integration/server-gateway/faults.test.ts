import { afterEach, describe, expect, it } from 'vitest';
import { Peer, until } from './peer.js';
import { connect, createWorld, postMessage } from './fixture.js';
import type { World } from './fixture.js';

let world: World | undefined;
afterEach(async () => {
  await world?.server.close();
  world = undefined;
});

async function fault(w: World, name: string, body: unknown = {}): Promise<{ status: number; json: { data?: { fault: string; hit: string[] } } }> {
  const response = await fetch(`${w.server.url}/_faults/${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as { data?: { fault: string; hit: string[] } } };
}

describe('fault injection over real sockets', () => {
  it('dropAll: connections end without a Close frame and sessions can RESUME', async () => {
    const w = (world = await createWorld());
    const a = await connect(w.server, w.member);
    const b = await connect(w.server, w.owner);
    const result = await w.server.faults.dropAll();
    expect(result.hit.sort()).toEqual([a.sessionId, b.sessionId].sort());
    expect((await a.peer.closed).code).toBe(1006);
    expect((await b.peer.closed).code).toBe(1006);
    const again = await Peer.open(w.server.gatewayUrl);
    expect(await again.resume(w.member.header, a.sessionId, a.peer.lastSeq())).toMatchObject({ type: 'resumed' });
    await again.close();
  });

  it('drop(userId) hits only that user', async () => {
    const w = (world = await createWorld());
    const a = await connect(w.server, w.member);
    const b = await connect(w.server, w.owner);
    expect(w.server.faults.drop(w.member.id).hit).toEqual([a.sessionId]);
    expect((await a.peer.closed).code).toBe(1006);
    await b.peer.sync();
    expect(b.peer.closedWith).toBeNull();
    await b.peer.close();
  });

  it('closeWith sends the Close code and reason', async () => {
    const w = (world = await createWorld());
    const a = await connect(w.server, w.member);
    w.server.faults.closeWith(4009, 'session timed out', a.sessionId);
    expect(await a.peer.closed).toEqual({ code: 4009, reason: 'session timed out' });
  });

  it('reconnect sends op 6', async () => {
    const w = (world = await createWorld());
    const a = await connect(w.server, w.member);
    w.server.faults.reconnect();
    expect(await a.peer.waitFor((f) => f.op === 6)).toEqual({ op: 6 });
    await a.peer.close();
  });

  it('stopAcking: heartbeats go unanswered for a while, then are acked again', async () => {
    const w = (world = await createWorld());
    const a = await connect(w.server, w.member);
    w.server.faults.stopAcking(60_000, w.member.id);
    const from = a.peer.frames.length;
    a.peer.send({ op: 1 });
    a.peer.send({ op: 10, data: { space_id: w.spaceId } }); // answered with member.chunk: proves the beat was processed
    await a.peer.nextDispatch('member.chunk');
    expect(a.peer.frames.slice(from).some((f) => f.op === 4)).toBe(false);
    w.server.faults.stopAcking(0, w.member.id);
    await a.peer.sync();
    await a.peer.close();
  });

  it('invalidate: the live session gets op 7 and RESUME fails', async () => {
    const w = (world = await createWorld());
    const a = await connect(w.server, w.member);
    expect(w.server.faults.invalidate(w.member.id).hit).toEqual([a.sessionId]);
    expect(await a.peer.waitFor((f) => f.op === 7)).toEqual({ op: 7, data: { resumable: false } });
    expect((await a.peer.closed).code).toBe(1006);
    const again = await Peer.open(w.server.gatewayUrl);
    expect((await again.resume(w.member.header, a.sessionId, a.peer.lastSeq())).op).toBe(7);
  });

  it('restart: sessions are lost, data is kept', async () => {
    const w = (world = await createWorld());
    const a = await connect(w.server, w.member, ['messages']);
    await postMessage(w, w.owner, w.textId, 'kept');
    w.server.faults.restart();
    expect((await a.peer.closed).code).toBe(1006);
    expect(w.server.sessionCount).toBe(0);
    const again = await Peer.open(w.server.gatewayUrl);
    expect((await again.resume(w.member.header, a.sessionId, a.peer.lastSeq())).op).toBe(7);
    const fresh = await connect(w.server, w.member, ['messages']);
    expect(fresh.ready.user_id).toBe(w.member.id);
    const list = await fetch(`${w.server.url}/api/v1/channels/${w.textId}/messages`, { headers: { authorization: w.member.header } }).then((r) => r.json() as Promise<{ data: { content: string }[] }>);
    expect(list.data.map((m) => m.content)).toContain('kept');
    await fresh.peer.close();
  });

  it('pauseDispatch / resumeDispatch hold then flush events in order', async () => {
    const w = (world = await createWorld());
    const a = await connect(w.server, w.member, ['messages']);
    w.server.faults.pauseDispatch();
    await postMessage(w, w.owner, w.textId, 'one');
    await postMessage(w, w.owner, w.textId, 'two');
    await a.peer.sync();
    expect(a.peer.dispatches('message.create')).toEqual([]);
    w.server.faults.resumeDispatch();
    await until(() => a.peer.dispatches('message.create').length === 2, 'the flush');
    expect(a.peer.dispatches('message.create').map((f) => (f.data as { content: string }).content)).toEqual(['one', 'two']);
    await a.peer.close();
  });

  it('injectRaw sends a malformed frame as-is', async () => {
    const w = (world = await createWorld());
    const a = await connect(w.server, w.member);
    w.server.faults.injectRaw('{"op":0,"type":"message.create","data":', w.member.id);
    await until(() => a.peer.texts.includes('{"op":0,"type":"message.create","data":'), 'the raw frame');
    await a.peer.close();
  });

  it('HTTP /_faults exists only with faults: true, and reports what it hit', async () => {
    const w = (world = await createWorld({ faults: true }));
    const a = await connect(w.server, w.member);
    const result = await fault(w, 'drop', { target: w.member.id });
    expect(result.status).toBe(200);
    expect(result.json.data).toEqual({ fault: 'drop', hit: [a.sessionId], detail: { target: w.member.id } });
    expect((await a.peer.closed).code).toBe(1006);
    expect((await fault(w, 'noSuchFault')).status).toBe(404);
    expect((await fault(w, 'closeWith', { code: 'x' })).status).toBe(400);
    expect((await fault(w, 'closeWith', { code: 1006 })).status).toBe(400);

    const plain = await createWorld();
    try {
      const response = await fetch(`${plain.server.url}/_faults/dropAll`, { method: 'POST' });
      expect(response.status).toBe(404);
      expect(plain.server.sessionCount).toBe(0);
    } finally {
      await plain.server.close();
    }
  });
});
