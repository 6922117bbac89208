import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccordServer } from '../../../src/server/accord-server.js';
import type { SeededDemo } from '../../../src/server/seed/index.js';
import { startSimulator } from '../../../src/server/simulator/index.js';
import { WsClient } from './ws-client.js';

const ALL = ['spaces', 'messages', 'members', 'presences', 'message_typing', 'message_reactions', 'voice_states', 'moderation'];

describe('REST events through the real AccordServer gateway', () => {
  let server: AccordServer;
  let seeded: SeededDemo;
  const clients: WsClient[] = [];
  const token = (name: string) => seeded.users.find((u) => u.username === name)?.token ?? '';
  const api = (path: string, name: string, method = 'GET', body?: unknown) =>
    fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token(name)}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(async (res) => ({ status: res.status, body: (await res.json()) as { data: Record<string, unknown> } }));
  const connect = async (name: string) => {
    const client = await WsClient.identify(server.gatewayUrl, `Bearer ${token(name)}`, ALL);
    clients.push(client);
    return client;
  };

  beforeEach(async () => {
    server = await AccordServer.start({ port: 0, seed: 'demo' });
    if (!server.seeded) throw new Error('no seed');
    seeded = server.seeded as SeededDemo;
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await server.close();
  });

  it('delivers a REST-created message to a member session with the next seq', async () => {
    const bob = await connect('bob');
    const general = seeded.spaces[0]?.channels.find((c) => c.name === 'general')?.id ?? '';
    const created = await api(`/channels/${general}/messages`, 'alice', 'POST', { content: 'over the wire' });
    const frame = await bob.next((f) => f.type === 'message.create');
    expect(frame.seq).toBeGreaterThanOrEqual(2);
    expect(frame.data).toMatchObject({ id: created.body.data.id, content: 'over the wire', reactions: null });
  });

  it('keeps DM typing away from non-participants', async () => {
    const frank = await connect('frank');
    const bob = await connect('bob');
    const dm = seeded.dms[0]?.id ?? '';
    await api(`/channels/${dm}/typing`, 'alice', 'POST');
    const general = seeded.spaces[0]?.channels.find((c) => c.name === 'general')?.id ?? '';
    await api(`/channels/${general}/messages`, 'alice', 'POST', { content: 'sentinel' });
    await frank.next((f) => f.type === 'message.create');
    await bob.next((f) => f.type === 'message.create');
    expect(bob.types()).toContain('typing.start');
    expect(frank.types()).not.toContain('typing.start');
  });

  it('keeps DM edits, deletes, reactions and call signalling away from non-participants (privacy fix)', async () => {
    const frank = await connect('frank');
    const bob = await connect('bob');
    const dm = seeded.dms[0]?.id ?? '';
    const created = await api(`/channels/${dm}/messages`, 'alice', 'POST', { content: 'secret' });
    const id = created.body.data.id as string;
    await api(`/channels/${dm}/messages/${id}`, 'alice', 'PATCH', { content: 'secret!' });
    await api(`/channels/${dm}/messages/${id}/reactions/${encodeURIComponent('👍')}/@me`, 'bob', 'PUT');
    await api(`/channels/${dm}/messages/${id}/reactions/${encodeURIComponent('👍')}/@me`, 'bob', 'DELETE');
    await api(`/channels/${dm}/call/ring`, 'alice', 'POST', {});
    await api(`/channels/${dm}/messages/${id}`, 'alice', 'DELETE');
    const general = seeded.spaces[0]?.channels.find((c) => c.name === 'general')?.id ?? '';
    await api(`/channels/${general}/messages`, 'alice', 'POST', { content: 'sentinel' });
    await frank.next((f) => f.type === 'message.create');
    await bob.next((f) => f.type === 'message.create' && (f.data as { content: string }).content === 'sentinel');
    const dmTypes = ['message.create', 'message.update', 'reaction.add', 'reaction.remove', 'call.ring', 'message.delete'];
    const forDm = (client: WsClient) => client.frames.filter((f) => (f.data as { channel_id?: string } | undefined)?.channel_id === dm).map((f) => f.type);
    expect(forDm(bob)).toEqual(dmTypes);
    expect(forDm(frank)).toEqual([]);
  });

  it('routes a newly created space to its creator at once', async () => {
    const frank = await connect('frank');
    const created = await api('/spaces', 'frank', 'POST', { name: 'Fresh' });
    const spaceId = created.body.data.id as string;
    const channel = (await frank.next((f) => f.type === 'channel.create')).data as { id: string };
    await api(`/channels/${channel.id}/messages`, 'frank', 'POST', { content: 'first!' });
    const message = await frank.next((f) => f.type === 'message.create');
    expect(message.data).toMatchObject({ space_id: spaceId, content: 'first!' });
    const order = ['space.create', 'member.join', 'role.create', 'channel.create', 'member.update', 'message.create'];
    expect(frank.types().filter((t) => order.includes(t))).toEqual(['space.create', 'member.join', 'role.create', 'role.create', 'role.create', 'channel.create', 'member.update', 'message.create']);
  });

  it('simulator traffic reaches connected clients', async () => {
    const carol = await connect('carol');
    const sim = startSimulator({ data: server.data, gateway: server.control, rate: 200 });
    await carol.next((f) => f.type === 'message.create');
    sim.stop();
    expect(carol.types()).toContain('message.create');
  });
});
