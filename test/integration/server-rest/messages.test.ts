import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RestHarness } from './harness.js';
import { dataOf, errorOf, startRest } from './harness.js';

type Msg = { id: string; content: string; reactions: unknown; reply_count: number; edited_at: string | null; author_id: string };
type Page = { data: Msg[]; cursor?: { after: string; has_more: boolean } };

describe('REST messages', () => {
  let h: RestHarness;
  let alice: string;
  let bob: string;
  let random: string;
  beforeEach(async () => {
    h = await startRest();
    alice = h.user('alice').token;
    bob = h.user('bob').token;
    random = h.channel(0, 'random').id;
  });
  afterEach(() => h.close());

  async function post(token: string, content: string): Promise<Msg> {
    return dataOf<Msg>(await h.call('POST', `/api/v1/channels/${random}/messages`, { token, body: { content } }));
  }

  it('creates a message and emits a space-routed message.create', async () => {
    const message = await post(alice, 'hello there');
    expect(message.content).toBe('hello there');
    expect(message.reactions).toBeNull();
    const [event] = h.eventsOf('message.create');
    expect(event?.spaceId).toBe(h.space(0).id);
    expect(event?.targetUserIds ?? null).toBeNull();
    expect((event?.data as Msg).id).toBe(message.id);
  });

  it('rejects content over 4000 bytes with 400 and a missing content with a plain 422', async () => {
    const tooLong = await h.call('POST', `/api/v1/channels/${random}/messages`, { token: alice, body: { content: 'é'.repeat(2001) } });
    expect(tooLong.status).toBe(400);
    expect(errorOf(tooLong).code).toBe('invalid_request');
    const missing = await h.call('POST', `/api/v1/channels/${random}/messages`, { token: alice, body: {} });
    expect(missing.status).toBe(422);
    expect(missing.text).toContain('content');
    expect(h.eventsOf('message.create')).toHaveLength(0);
  });

  it('refuses a non-member with 403', async () => {
    const backend = h.channel(1, 'backend').id;
    const reply = await h.call('POST', `/api/v1/channels/${backend}/messages`, { token: h.user('carol').token, body: { content: 'hi' } });
    expect(reply.status).toBe(403);
    expect(errorOf(reply).code).toBe('forbidden');
  });

  it('pages newest-first by default and forward (oldest-first) with after', async () => {
    const created: Msg[] = [];
    for (let i = 0; i < 5; i++) created.push(await post(alice, `m${i}`));
    const first = (await h.call('GET', `/api/v1/channels/${random}/messages?limit=2`, { token: alice })).body as Page;
    expect(first.data.map((m) => m.content)).toEqual(['m4', 'm3']);
    expect(first.cursor).toEqual({ after: created[3]?.id, has_more: true });
    const forward = (await h.call('GET', `/api/v1/channels/${random}/messages?after=${created[1]?.id}&limit=2`, { token: alice })).body as Page;
    expect(forward.data.map((m) => m.content)).toEqual(['m2', 'm3']);
    expect(forward.cursor).toEqual({ after: created[3]?.id, has_more: true });
    const last = (await h.call('GET', `/api/v1/channels/${random}/messages?after=${created[4]?.id}`, { token: alice })).body as Page;
    expect(last.data).toEqual([]);
    expect(last.cursor).toBeUndefined();
  });

  it('gets one message with its reactions', async () => {
    const message = await post(alice, 'react to me');
    await h.call('PUT', `/api/v1/channels/${random}/messages/${message.id}/reactions/${encodeURIComponent('🎉')}/@me`, { token: bob });
    const got = dataOf<Msg>(await h.call('GET', `/api/v1/channels/${random}/messages/${message.id}`, { token: alice }));
    expect(got.reactions).toEqual([{ emoji: { id: null, name: '🎉' }, count: 1, me: false }]);
    const missing = await h.call('GET', `/api/v1/channels/${random}/messages/123`, { token: alice });
    expect(missing.status).toBe(404);
  });

  it('edits with message.update carrying reactions null and reply_count 0; others get 403', async () => {
    const message = await post(bob, 'tpyo');
    await h.call('PUT', `/api/v1/channels/${random}/messages/${message.id}/reactions/x/@me`, { token: alice });
    const edited = dataOf<Msg>(await h.call('PATCH', `/api/v1/channels/${random}/messages/${message.id}`, { token: bob, body: { content: 'typo' } }));
    expect(edited.content).toBe('typo');
    expect(edited.edited_at).not.toBeNull();
    const event = h.eventsOf('message.update')[0]?.data as Msg;
    expect(event.reactions).toBeNull();
    expect(event.reply_count).toBe(0);
    const other = await h.call('PATCH', `/api/v1/channels/${random}/messages/${message.id}`, { token: h.user('frank').token, body: { content: 'x' } });
    expect(other.status).toBe(403);
  });

  it('deletes with message.delete {id, channel_id, space_id}; a stranger gets 403', async () => {
    const message = await post(bob, 'bye');
    expect((await h.call('DELETE', `/api/v1/channels/${random}/messages/${message.id}`, { token: h.user('frank').token })).status).toBe(403);
    const reply = await h.call('DELETE', `/api/v1/channels/${random}/messages/${message.id}`, { token: bob });
    expect(dataOf(reply)).toBeNull();
    expect(h.eventsOf('message.delete')[0]?.data).toEqual({ id: message.id, channel_id: random, space_id: h.space(0).id });
  });

  it('bulk-deletes with message.delete_bulk (manage_messages), validating the list', async () => {
    const a = await post(bob, 'a');
    const b = await post(bob, 'b');
    expect((await h.call('POST', `/api/v1/channels/${random}/messages/bulk-delete`, { token: bob, body: { messages: [a.id] } })).status).toBe(403);
    expect((await h.call('POST', `/api/v1/channels/${random}/messages/bulk-delete`, { token: alice, body: { messages: [] } })).status).toBe(400);
    const reply = await h.call('POST', `/api/v1/channels/${random}/messages/bulk-delete`, { token: alice, body: { messages: [a.id, b.id] } });
    expect(reply.status).toBe(200);
    expect(h.eventsOf('message.delete_bulk')[0]?.data).toEqual({ channel_id: random, space_id: h.space(0).id, ids: [a.id, b.id] });
    expect(h.data.tables.messages.has(a.id)).toBe(false);
  });

  it('routes DM messages, edits, deletes and typing to the participants only', async () => {
    const dm = h.seeded.dms[0];
    if (!dm) throw new Error('no dm');
    const created = dataOf<Msg>(await h.call('POST', `/api/v1/channels/${dm.id}/messages`, { token: alice, body: { content: 'psst' } }));
    await h.call('PATCH', `/api/v1/channels/${dm.id}/messages/${created.id}`, { token: alice, body: { content: 'psst!' } });
    await h.call('POST', `/api/v1/channels/${dm.id}/typing`, { token: alice });
    await h.call('DELETE', `/api/v1/channels/${dm.id}/messages/${created.id}`, { token: alice });
    const expected = [...dm.recipientIds].sort();
    for (const type of ['message.create', 'message.update', 'typing.start', 'message.delete']) {
      const [event] = h.eventsOf(type);
      expect(event?.spaceId ?? null).toBeNull();
      expect([...(event?.targetUserIds ?? [])].sort()).toEqual(expected);
    }
    const outsider = await h.call('GET', `/api/v1/channels/${dm.id}/messages`, { token: h.user('frank').token });
    expect(outsider.status).toBe(403);
  });

  it('reads a public space anonymously but not a private one', async () => {
    expect((await h.call('GET', `/api/v1/channels/${random}/messages`)).status).toBe(200);
    expect((await h.call('GET', `/api/v1/channels/${h.channel(1, 'backend').id}/messages`)).status).toBe(403);
  });
});
