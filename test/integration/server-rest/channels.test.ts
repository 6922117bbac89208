import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RestHarness } from './harness.js';
import { dataOf, errorOf, startRest } from './harness.js';

type Channel = { id: string; name: string; type: string; position: number; space_id: string | null; recipients?: { id: string }[] };

describe('REST channels', () => {
  let h: RestHarness;
  let alice: string;
  let space: string;
  beforeEach(async () => {
    h = await startRest();
    alice = h.user('alice').token;
    space = h.space(0).id;
  });
  afterEach(() => h.close());

  it('lists channels by position', async () => {
    const channels = dataOf<Channel[]>(await h.call('GET', `/api/v1/spaces/${space}/channels`, { token: alice }));
    expect(channels.map((c) => c.position)).toEqual([...channels.map((c) => c.position)].sort((a, b) => a - b));
    expect(channels.map((c) => c.name)).toEqual(h.space(0).channels.map((c) => c.name));
  });

  it('creates with channel.create; validates the name; needs manage_channels', async () => {
    const created = dataOf<Channel>(await h.call('POST', `/api/v1/spaces/${space}/channels`, { token: alice, body: { name: 'memes', type: 'text' } }));
    expect(created).toMatchObject({ name: 'memes', type: 'text', space_id: space });
    expect(h.eventsOf('channel.create')[0]).toMatchObject({ spaceId: space, data: { id: created.id, permission_overwrites: [] } });
    const empty = await h.call('POST', `/api/v1/spaces/${space}/channels`, { token: alice, body: { name: '' } });
    expect(empty.status).toBe(400);
    const denied = await h.call('POST', `/api/v1/spaces/${space}/channels`, { token: h.user('bob').token, body: { name: 'nope' } });
    expect(denied.status).toBe(403);
    expect(errorOf(denied).message).toBe('missing permission: manage_channels');
  });

  it('gets, patches (channel.update) and deletes (channel.delete) a space channel', async () => {
    const random = h.channel(0, 'random').id;
    expect(dataOf<Channel>(await h.call('GET', `/api/v1/channels/${random}`, { token: alice })).name).toBe('random');
    const patched = dataOf<Channel>(await h.call('PATCH', `/api/v1/channels/${random}`, { token: alice, body: { name: 'off-topic', topic: 'anything' } }));
    expect(patched.name).toBe('off-topic');
    expect(h.eventsOf('channel.update')[0]).toMatchObject({ spaceId: space, data: { id: random, name: 'off-topic', topic: 'anything' } });
    const badType = await h.call('PATCH', `/api/v1/channels/${random}`, { token: alice, body: { type: 'voice' } });
    expect(badType.status).toBe(400);
    expect((await h.call('DELETE', `/api/v1/channels/${random}`, { token: h.user('bob').token })).status).toBe(403);
    await h.call('DELETE', `/api/v1/channels/${random}`, { token: alice });
    expect(h.eventsOf('channel.delete')[0]).toMatchObject({ spaceId: space, data: { id: random, space_id: space } });
    expect((await h.call('GET', `/api/v1/channels/${random}`, { token: alice })).status).toBe(404);
  });

  it('deleting a space channel deletes its messages, their reactions, and its mutes', async () => {
    const random = h.channel(0, 'random').id;
    const bob = h.user('bob');
    const { messages, reactions } = h.data.tables;
    const stored = messages.where('channel', random);
    const reacted = stored.filter((m) => reactions.countWhere('message', m.id) > 0);
    expect(reacted.length).toBeGreaterThan(0); // the seed reacts in #random
    dataOf(await h.call('PUT', `/api/v1/channels/${random}/mute`, { token: bob.token }));
    dataOf(await h.call('DELETE', `/api/v1/channels/${random}`, { token: alice }));
    expect(messages.where('channel', random)).toEqual([]);
    for (const m of stored) expect([messages.has(m.id), reactions.countWhere('message', m.id)]).toEqual([false, 0]);
    expect(messages.where('channel', h.channel(0, 'general').id).length).toBeGreaterThan(0);
    expect(dataOf<unknown[]>(await h.call('GET', '/api/v1/users/@me/mutes', { token: bob.token }))).toEqual([]);
    expect(h.data.readySnapshot(bob.id, false).mutes).toEqual([]);
  });

  it('reorders with an array body and emits channel.reorder with the full list', async () => {
    const random = h.channel(0, 'random').id;
    const list = dataOf<Channel[]>(await h.call('PATCH', `/api/v1/spaces/${space}/channels`, { token: alice, body: [{ id: random, position: 99 }] }));
    expect(list.at(-1)?.id).toBe(random);
    const event = h.eventsOf('channel.reorder')[0]?.data as { space_id: string; channels: Channel[] };
    expect(event.space_id).toBe(space);
    expect(event.channels).toHaveLength(h.space(0).channels.length);
    const bad = await h.call('PATCH', `/api/v1/spaces/${space}/channels`, { token: alice, body: { id: random } });
    expect(bad.status).toBe(400);
  });

  it('sends typing.start with a zone-less T timestamp', async () => {
    const general = h.channel(0, 'general').id;
    expect(dataOf(await h.call('POST', `/api/v1/channels/${general}/typing`, { token: h.user('bob').token }))).toBeNull();
    const data = h.eventsOf('typing.start')[0]?.data as { channel_id: string; user_id: string; timestamp: string };
    expect(data.channel_id).toBe(general);
    expect(data.user_id).toBe(h.user('bob').id);
    expect(data.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  });

  it('acks with read_state.update to self and validates message_id', async () => {
    const general = h.channel(0, 'general').id;
    const bob = h.user('bob');
    const last = h.data.tables.channels.get(general)?.last_message_id;
    await h.call('POST', `/api/v1/channels/${general}/ack`, { token: bob.token, body: { message_id: last } });
    expect(h.eventsOf('read_state.update')[0]).toMatchObject({ targetUserIds: [bob.id], data: { channel_id: general, last_read_message_id: last, mention_count: 0 } });
    const unread = dataOf<{ channel_id: string }[]>(await h.call('GET', '/api/v1/users/@me/read-states', { token: bob.token }));
    expect(unread.some((u) => u.channel_id === general)).toBe(false);
    expect((await h.call('POST', `/api/v1/channels/${general}/ack`, { token: bob.token, body: { message_id: 'abc' } })).status).toBe(400);
  });

  it('mutes with channel_mute.create / .delete targeted at the caller', async () => {
    const general = h.channel(0, 'general').id;
    const bob = h.user('bob');
    const mute = dataOf<{ channel_id: string; user_id: string }>(await h.call('PUT', `/api/v1/channels/${general}/mute`, { token: bob.token }));
    expect(mute).toMatchObject({ channel_id: general, user_id: bob.id });
    expect(h.eventsOf('channel_mute.create')[0]).toMatchObject({ targetUserIds: [bob.id], data: { channel_id: general } });
    expect(dataOf<unknown[]>(await h.call('GET', '/api/v1/users/@me/mutes', { token: bob.token }))).toHaveLength(1);
    await h.call('DELETE', `/api/v1/channels/${general}/mute`, { token: bob.token });
    expect(h.eventsOf('channel_mute.delete')[0]).toMatchObject({ targetUserIds: [bob.id] });
    expect(h.data.effectiveMutes(bob.id).size).toBe(0);
  });

  it('pins and unpins with channel.pins_update (manage_messages)', async () => {
    const general = h.channel(0, 'general').id;
    const last = h.data.tables.channels.get(general)?.last_message_id ?? '';
    expect((await h.call('PUT', `/api/v1/channels/${general}/pins/${last}`, { token: h.user('bob').token })).status).toBe(403);
    await h.call('PUT', `/api/v1/channels/${general}/pins/${last}`, { token: alice });
    const pinned = h.eventsOf('channel.pins_update')[0]?.data as { channel_id: string; last_pin_timestamp: string | null };
    expect(pinned.channel_id).toBe(general);
    expect(pinned.last_pin_timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    const pins = dataOf<{ id: string; pinned: boolean }[]>(await h.call('GET', `/api/v1/channels/${general}/pins`, { token: alice }));
    expect(pins.map((p) => [p.id, p.pinned])).toEqual([[last, true]]);
    await h.call('DELETE', `/api/v1/channels/${general}/pins/${last}`, { token: alice });
    expect(h.eventsOf('channel.pins_update')[1]?.data).toMatchObject({ last_pin_timestamp: null });
  });

  it('applies a member overwrite denying send_messages', async () => {
    const general = h.channel(0, 'general').id;
    const bob = h.user('bob');
    const put = await h.call('PUT', `/api/v1/channels/${general}/permissions/${bob.id}`, { token: alice, body: { type: 'member', allow: [], deny: ['send_messages'] } });
    expect(put.status).toBe(200);
    expect((await h.call('POST', `/api/v1/channels/${general}/messages`, { token: bob.token, body: { content: 'hi' } })).status).toBe(403);
    expect(h.data.hasChannelPermission(bob.id, general, 'send_messages')).toBe(false);
  });

  it('leaving a group DM sends channel.update (with recipients) to the remaining participants', async () => {
    const group = h.seeded.dms[1];
    if (!group) throw new Error('no group dm');
    const dave = h.user('dave');
    await h.call('DELETE', `/api/v1/channels/${group.id}`, { token: dave.token });
    const event = h.eventsOf('channel.update')[0];
    const remaining = group.recipientIds.filter((id) => id !== dave.id).sort();
    expect([...(event?.targetUserIds ?? [])].sort()).toEqual(remaining);
    expect((event?.data as Channel).recipients?.map((u) => u.id).sort()).toEqual(remaining);
  });
});
