import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../../src/server/simulator/index.js';
import { demoWorld } from './world.js';

/** A small deterministic PRNG (mulberry32). */
function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('startSimulator', () => {
  it('acts at the given rate through the services, producing real events', async () => {
    const w = await demoWorld();
    const sim = startSimulator({ data: w.data, gateway: w.gateway, rate: 10, random: seededRandom(7), clock: w.clock });
    w.clock.advance(99);
    expect(w.gateway.events).toHaveLength(0);
    w.clock.advance(30_000 - 99); // 300 ticks
    sim.stop();
    const types = new Set(w.gateway.events.map((e) => e.type));
    for (const type of ['message.create', 'message.update', 'message.delete', 'reaction.add', 'typing.start', 'presence.update', 'voice.state_update', 'member.leave', 'member.join']) {
      expect(types).toContain(type);
    }
    expect(sim.performed).toBeGreaterThan(200);
    expect(sim.performed).toBeLessThanOrEqual(300);
    const lastCreate = w.gateway.events.filter((e) => e.type === 'message.create').at(-1)?.data as { id: string; content: string };
    const deleted = new Set(w.gateway.events.filter((e) => e.type === 'message.delete').map((e) => (e.data as { id: string }).id));
    if (!deleted.has(lastCreate.id)) expect(w.data.tables.messages.get(lastCreate.id)?.id).toBe(lastCreate.id);
    const count = w.gateway.events.length;
    w.clock.advance(10_000);
    expect(w.gateway.events).toHaveLength(count);
  });

  it('is reproducible with the same random source', async () => {
    const run = async () => {
      const w = await demoWorld();
      const sim = startSimulator({ data: w.data, gateway: w.gateway, rate: 5, random: seededRandom(42), clock: w.clock });
      w.clock.advance(10_000);
      sim.stop();
      return w.gateway.events.map((e) => e.type);
    };
    expect(await run()).toEqual(await run());
  });

  it('with spareConnectedUsers, never acts as a user who has a live session', async () => {
    const w = await demoWorld();
    const alice = w.id('alice');
    const gateway = { ...w.gateway, isConnected: (userId: string) => userId === alice };
    const sim = startSimulator({ data: w.data, gateway, rate: 20, random: seededRandom(3), clock: w.clock, spareConnectedUsers: true });
    w.clock.advance(30_000);
    sim.stop();
    expect(sim.performed).toBeGreaterThan(300);
    const actedAs = (e: { type: string; data: unknown }): string | undefined => {
      const d = e.data as { author_id?: string; user_id?: string; user?: { id?: string } };
      if (e.type === 'message.create') return d.author_id;
      if (e.type === 'presence.update' || e.type === 'typing.start' || e.type === 'reaction.add' || e.type === 'member.leave' || e.type === 'voice.state_update') return d.user_id;
      if (e.type === 'member.join') return d.user?.id;
      return undefined;
    };
    const actors = new Set(w.gateway.events.map(actedAs).filter((id): id is string => id !== undefined));
    expect(actors.size).toBeGreaterThan(3);
    expect(actors.has(alice)).toBe(false);
  });

  it('refuses a non-positive rate', async () => {
    const w = await demoWorld();
    expect(() => startSimulator({ data: w.data, gateway: w.gateway, rate: 0 })).toThrow(RangeError);
  });
});
