import { describe, expect, it } from 'vitest';
import { SessionStoreError, memorySessionStore } from '../../../src/gateway/index.js';
import type { Session, SessionStore } from '../../../src/gateway/index.js';
import { TOKEN, createHarness } from './harness.js';
import { messageFrame, readyFrame, resumedFrame } from './fixtures.js';

const URL = 'ws://gateway.test/ws?v=1&encoding=json';

/** A memory store that also records every call, in order, with what it was given. */
function recordingStore(initial: Session | null = null): SessionStore & { calls: Array<['save', Session] | ['clear']>; held(): Session | null } {
  const inner = memorySessionStore(initial);
  const calls: Array<['save', Session] | ['clear']> = [];
  return {
    calls,
    held: () => inner.load() as Session | null,
    load: () => inner.load(),
    save: (session) => {
      calls.push(['save', session]);
      return inner.save(session);
    },
    clear: () => {
      calls.push(['clear']);
      return inner.clear();
    },
  };
}

describe('sessionStore on GatewaySocket', () => {
  it('a stored session is RESUMEd by the first socket (no IDENTIFY); the replay is delivered and login resolves null', async () => {
    const store = recordingStore({ sessionId: 'sess-old', seq: 7, resumeUrl: URL });
    const { gw, fake, recorded } = createHarness({ sessionStore: store });
    const seen: string[] = [];
    gw.on('message.create', (message) => seen.push(message.id));
    const login = gw.connect();
    expect(gw.state).toBe('resuming');
    const socket = fake.last();
    socket.hello();
    expect(socket.framesWithOp(2)).toHaveLength(0);
    expect(socket.framesWithOp(3)[0]?.data).toEqual({ token: `Bot ${TOKEN}`, session_id: 'sess-old', seq: 7 });
    socket.receive(messageFrame(8));
    socket.receive(messageFrame(9));
    socket.receive(resumedFrame('sess-old', 9, 2));
    await expect(login).resolves.toBeNull();
    expect(seen).toEqual(['m-8', 'm-9']);
    expect(gw.state).toBe('connected');
    expect(recorded.recovered).toEqual([{ kind: 'resumed', replayed: 2 }]);
    expect(store.held()).toEqual({ sessionId: 'sess-old', seq: 9, resumeUrl: URL });
  });

  it('saves each seq advance after the listeners ran: a crash inside a listener leaves the event unsaved, so it is replayed, not lost', async () => {
    const store = recordingStore();
    const { gw, fake } = createHarness({ sessionStore: store });
    const heldDuringListener: Array<number | undefined> = [];
    gw.on('message.create', () => heldDuringListener.push(store.held()?.seq));
    const login = gw.connect();
    fake.last().hello();
    fake.last().receive(readyFrame('sess-n', 1));
    await login;
    fake.last().receive(messageFrame(2));
    fake.last().receive(messageFrame(3));
    expect(heldDuringListener).toEqual([1, 2]);
    expect(store.held()?.seq).toBe(3);
    expect(store.calls.map((call) => (call[0] === 'save' ? call[1].seq : 'clear'))).toEqual([1, 2, 3]);
  });

  it('never writes the token: every saved value is exactly { sessionId, seq, resumeUrl }', async () => {
    const store = recordingStore();
    const { gw, fake } = createHarness({ sessionStore: store });
    const login = gw.connect();
    fake.last().hello();
    fake.last().receive(readyFrame('sess-t', 1));
    await login;
    fake.last().receive(messageFrame(2));
    for (const call of store.calls) {
      if (call[0] !== 'save') continue;
      expect(Object.keys(call[1]).sort()).toEqual(['resumeUrl', 'seq', 'sessionId']);
      expect(JSON.stringify(call[1])).not.toContain(TOKEN);
    }
  });

  it('a stored session the server refuses (op 7) falls back to IDENTIFY at once: no wait, no reconnecting, the store cleared', async () => {
    const store = recordingStore({ sessionId: 'sess-stale', seq: 40 });
    const { gw, fake, clock, recorded, runUntilNewSocket } = createHarness({ sessionStore: store });
    const login = gw.connect();
    const first = fake.last();
    first.hello();
    expect(first.framesWithOp(3)).toHaveLength(1);
    const before = clock.now();
    first.receive({ op: 7, data: { resumable: false } });
    expect(store.held()).toBeNull();
    const second = runUntilNewSocket();
    expect(clock.now()).toBe(before);
    second.hello();
    expect(second.framesWithOp(3)).toHaveLength(0);
    expect(second.framesWithOp(2)).toHaveLength(1);
    second.receive(readyFrame('sess-new', 1));
    const ready = await login;
    expect(ready?.session_id).toBe('sess-new');
    expect(recorded.reconnecting).toEqual([]);
    expect(recorded.states.map(([next]) => next)).toEqual(['connecting', 'resuming', 'connecting', 'connected']);
    expect(store.calls[0]).toEqual(['clear']);
    expect(store.held()).toEqual({ sessionId: 'sess-new', seq: 1, resumeUrl: URL });
  });

  it('an op 7 to a RESUME after a live loss keeps the usual 1–5 s pause (only a stored session skips it)', async () => {
    const store = recordingStore();
    const { gw, fake, clock, connectReady, runUntilNewSocket } = createHarness({ sessionStore: store });
    await connectReady('sess-live');
    fake.last().drop(1006);
    const resuming = runUntilNewSocket();
    resuming.hello();
    const before = clock.now();
    resuming.receive({ op: 7, data: { resumable: false } });
    runUntilNewSocket();
    expect(clock.now() - before).toBeGreaterThanOrEqual(1000);
    expect(gw.state).toBe('connecting');
  });

  it('a stored session of another gateway is not resumed: it is cleared and the client IDENTIFYs', () => {
    const store = recordingStore({ sessionId: 'sess-elsewhere', seq: 3, resumeUrl: 'ws://other.test/ws' });
    const { gw, fake } = createHarness({ sessionStore: store });
    void gw.connect();
    fake.last().hello();
    expect(fake.last().framesWithOp(2)).toHaveLength(1);
    expect(store.held()).toBeNull();
  });

  it('a store that holds something else is reported as a typed SessionStoreError and treated as no session', async () => {
    const broken: SessionStore = {
      load: () => ({ sessionId: 42, seq: 'x', token: TOKEN }) as unknown as Session,
      save: () => undefined,
      clear: () => undefined,
    };
    const { gw, fake, recorded } = createHarness({ sessionStore: broken });
    const login = gw.connect();
    const socket = fake.last();
    socket.hello();
    expect(socket.framesWithOp(2)).toHaveLength(1);
    socket.receive(readyFrame('sess-after', 1));
    await expect(login).resolves.toMatchObject({ session_id: 'sess-after' });
    const storeErrors = recorded.errors.filter((error) => error.kind === 'session_store');
    expect(storeErrors).toHaveLength(1);
    expect(storeErrors[0]).toBeInstanceOf(SessionStoreError);
    expect((storeErrors[0] as SessionStoreError).problem).toBe('corrupt');
    expect(storeErrors[0]?.message).not.toContain(TOKEN);
  });

  it('a store whose load rejects or whose save throws is reported, and the connection carries on', async () => {
    const failing: SessionStore = {
      load: () => Promise.reject(new Error('disk on fire')),
      save: () => {
        throw new Error('disk full');
      },
      clear: () => undefined,
    };
    const { gw, fake, recorded } = createHarness({ sessionStore: failing });
    const login = gw.connect();
    await Promise.resolve();
    await Promise.resolve();
    const socket = fake.last();
    socket.hello();
    socket.receive(readyFrame('sess-f', 1));
    await login;
    socket.receive(messageFrame(2));
    expect(gw.state).toBe('connected');
    expect(recorded.errors.map((error) => (error as SessionStoreError).problem)).toEqual(['unreadable', 'unwritable', 'unwritable']);
  });

  it('saves to a slow store are coalesced: one write in flight, then only the newest seq', async () => {
    const writes: Array<{ session: Session; done: () => void }> = [];
    const slow: SessionStore = {
      load: () => null,
      save: (session) => new Promise<void>((resolve) => writes.push({ session, done: resolve })),
      clear: () => undefined,
    };
    const { gw, fake } = createHarness({ sessionStore: slow });
    const login = gw.connect();
    fake.last().hello();
    fake.last().receive(readyFrame('sess-c', 1));
    await login;
    for (let seq = 2; seq <= 6; seq++) fake.last().receive(messageFrame(seq));
    expect(writes.map((write) => write.session.seq)).toEqual([1]);
    writes[0]?.done();
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes.map((write) => write.session.seq)).toEqual([1, 6]);
    writes[1]?.done();
    await gw.flushSession();
    expect(writes).toHaveLength(2);
  });

  it('disconnect() clears the stored session (the server ends it on the Close frame); suspend() keeps it and sends no Close frame', async () => {
    const cleared = recordingStore();
    const first = createHarness({ sessionStore: cleared });
    await first.connectReady('sess-d');
    first.gw.disconnect();
    await first.gw.flushSession();
    expect(cleared.held()).toBeNull();
    expect(first.fake.last().closeFrame).toBeDefined();

    const kept = recordingStore();
    const second = createHarness({ sessionStore: kept });
    const socket = await second.connectReady('sess-k');
    socket.receive(messageFrame(2));
    await second.gw.suspend();
    expect(second.gw.state).toBe('disconnected');
    expect(socket.closeFrame).toBeUndefined();
    expect(socket.terminated).toBe(true);
    expect(kept.held()).toEqual({ sessionId: 'sess-k', seq: 2, resumeUrl: URL });
  });
});
