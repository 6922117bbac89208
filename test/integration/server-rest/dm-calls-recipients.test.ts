import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RestHarness } from './harness.js';
import { dataOf, errorOf, startRest } from './harness.js';

type DmChannel = { id: string; owner_id: string | null; recipients: { id: string }[] };

const sorted = (ids: readonly string[] | null | undefined): string[] => [...(ids ?? [])].sort();

describe('REST DM calls: ring, decline, cancel (docs/protocol.md §3.12)', () => {
  let h: RestHarness;
  let dm: { id: string; recipientIds: string[] };
  beforeEach(async () => {
    h = await startRest();
    const seededDm = h.seeded.dms[0];
    if (!seededDm) throw new Error('no dm');
    dm = seededDm;
  });
  afterEach(() => h.close());

  it('ring sends call.ring {channel_id, caller_id, participants, metadata} to every participant, the caller included', async () => {
    const alice = h.user('alice');
    const reply = await h.call('POST', `/api/v1/channels/${dm.id}/call/ring`, { token: alice.token, body: { metadata: { video: true } } });
    expect(dataOf(reply)).toEqual({ ok: true });
    const [ring] = h.eventsOf('call.ring');
    expect(ring?.data).toEqual({ channel_id: dm.id, caller_id: alice.id, participants: sorted(dm.recipientIds), metadata: { video: true } });
    expect(sorted(ring?.targetUserIds)).toEqual(sorted(dm.recipientIds));
    expect(ring?.spaceId ?? null).toBeNull();
    await h.call('POST', `/api/v1/channels/${dm.id}/call/ring`, { token: alice.token });
    expect((h.eventsOf('call.ring')[1]?.data as { metadata: unknown }).metadata).toBeNull();
  });

  it('decline and cancel send {channel_id, user_id} of the actor to every participant', async () => {
    const bob = h.user('bob');
    const alice = h.user('alice');
    expect(dataOf(await h.call('POST', `/api/v1/channels/${dm.id}/call/decline`, { token: bob.token }))).toEqual({ ok: true });
    expect(dataOf(await h.call('POST', `/api/v1/channels/${dm.id}/call/cancel`, { token: alice.token }))).toEqual({ ok: true });
    const [decline] = h.eventsOf('call.decline');
    const [cancel] = h.eventsOf('call.cancel');
    expect(decline?.data).toEqual({ channel_id: dm.id, user_id: bob.id });
    expect(cancel?.data).toEqual({ channel_id: dm.id, user_id: alice.id });
    for (const event of [decline, cancel]) expect(sorted(event?.targetUserIds)).toEqual(sorted(dm.recipientIds));
  });

  it('refuses a non-participant (403) and a space channel (400), announcing nothing', async () => {
    const frank = h.user('frank');
    for (const action of ['ring', 'decline', 'cancel']) {
      const stranger = await h.call('POST', `/api/v1/channels/${dm.id}/call/${action}`, { token: frank.token });
      expect(stranger.status).toBe(403);
      expect(errorOf(stranger).code).toBe('forbidden');
    }
    const general = h.channel(0, 'general').id;
    const space = await h.call('POST', `/api/v1/channels/${general}/call/ring`, { token: frank.token });
    expect(space.status).toBe(400);
    expect(errorOf(space).code).toBe('invalid_request');
    expect(h.events.filter((e) => e.type.startsWith('call.'))).toEqual([]);
  });
});

describe('REST group DM recipients (docs/protocol.md §3.7)', () => {
  let h: RestHarness;
  let group: { id: string; recipientIds: string[] };
  let dm: { id: string };
  beforeEach(async () => {
    h = await startRest();
    const [seededDm, seededGroup] = h.seeded.dms;
    if (!seededDm || !seededGroup) throw new Error('no dms');
    dm = seededDm;
    group = seededGroup; // alice (owner), carol, dave
  });
  afterEach(() => h.close());

  const participants = (channelId: string) => sorted(h.data.tables.participants.where('channel', channelId).map((p) => p.user_id));

  it('the owner adds a recipient: channel.update (with recipients) to every participant, the new one included', async () => {
    const frank = h.user('frank');
    expect(dataOf(await h.call('PUT', `/api/v1/channels/${group.id}/recipients/${frank.id}`, { token: h.user('alice').token }))).toBeNull();
    const expected = sorted([...group.recipientIds, frank.id]);
    expect(participants(group.id)).toEqual(expected);
    const [update] = h.eventsOf('channel.update');
    expect(sorted(update?.targetUserIds)).toEqual(expected);
    expect(sorted((update?.data as DmChannel).recipients.map((u) => u.id))).toEqual(expected);
    // adding someone already there changes and announces nothing
    await h.call('PUT', `/api/v1/channels/${group.id}/recipients/${frank.id}`, { token: h.user('alice').token });
    expect(h.eventsOf('channel.update')).toHaveLength(1);
  });

  it('adding needs the owner (403), a group DM (400), a known user (404), and room (400 past 10 participants)', async () => {
    const grace = h.user('grace');
    const notOwner = await h.call('PUT', `/api/v1/channels/${group.id}/recipients/${grace.id}`, { token: h.user('carol').token });
    expect([notOwner.status, errorOf(notOwner).code]).toEqual([403, 'forbidden']);
    const oneToOne = await h.call('PUT', `/api/v1/channels/${dm.id}/recipients/${grace.id}`, { token: h.user('alice').token });
    expect([oneToOne.status, errorOf(oneToOne).code]).toEqual([400, 'invalid_request']);
    expect((await h.call('PUT', `/api/v1/channels/${group.id}/recipients/999`, { token: h.user('alice').token })).status).toBe(404);
    expect(h.eventsOf('channel.update')).toEqual([]);

    const alice = h.user('alice').token;
    const more = ['bob', 'erin', 'frank', 'grace', 'heidi'].map((name) => h.user(name).id).concat(h.seeded.bot.id);
    for (const id of more) expect((await h.call('PUT', `/api/v1/channels/${group.id}/recipients/${id}`, { token: alice })).status).toBe(200);
    const extra = dataOf<{ user: { id: string } }>(await h.call('POST', '/api/v1/auth/register', { body: { username: 'extra', password: 'password1' } }));
    expect((await h.call('PUT', `/api/v1/channels/${group.id}/recipients/${extra.user.id}`, { token: alice })).status).toBe(200);
    expect(participants(group.id)).toHaveLength(10);
    const last = dataOf<{ user: { id: string } }>(await h.call('POST', '/api/v1/auth/register', { body: { username: 'onetoomany', password: 'password1' } }));
    const full = await h.call('PUT', `/api/v1/channels/${group.id}/recipients/${last.user.id}`, { token: alice });
    expect(full.status).toBe(400);
    expect(participants(group.id)).not.toContain(last.user.id);
  });

  it('the owner removes a recipient: channel.update to the remaining participants only', async () => {
    const dave = h.user('dave');
    expect(dataOf(await h.call('DELETE', `/api/v1/channels/${group.id}/recipients/${dave.id}`, { token: h.user('alice').token }))).toBeNull();
    const remaining = group.recipientIds.filter((id) => id !== dave.id).sort();
    expect(participants(group.id)).toEqual(remaining);
    const [update] = h.eventsOf('channel.update');
    expect(sorted(update?.targetUserIds)).toEqual(remaining);
    expect(sorted((update?.data as DmChannel).recipients.map((u) => u.id))).toEqual(remaining);
  });

  it('anyone may remove themselves (@me); others need the owner (403); the owner leaving hands ownership on', async () => {
    const carol = h.user('carol');
    const dave = h.user('dave');
    const alice = h.user('alice');
    expect((await h.call('DELETE', `/api/v1/channels/${group.id}/recipients/${dave.id}`, { token: carol.token })).status).toBe(403);
    expect(h.eventsOf('channel.update')).toEqual([]);
    expect((await h.call('DELETE', `/api/v1/channels/${group.id}/recipients/@me`, { token: carol.token })).status).toBe(200);
    expect(participants(group.id)).toEqual(sorted([alice.id, dave.id]));
    expect((await h.call('DELETE', `/api/v1/channels/${group.id}/recipients/${alice.id}`, { token: alice.token })).status).toBe(200);
    const update = h.eventsOf('channel.update').at(-1);
    expect(update?.targetUserIds).toEqual([dave.id]);
    expect((update?.data as DmChannel).owner_id).toBe(dave.id);
    expect(h.data.tables.channels.get(group.id)?.owner_id).toBe(dave.id);
    expect((await h.call('DELETE', `/api/v1/channels/${group.id}/recipients/${carol.id}`, { token: dave.token })).status).toBe(404);
  });
});
