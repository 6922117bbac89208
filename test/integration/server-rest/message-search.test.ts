import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccordRest } from '../../../src/rest/index.js';
import { AccordServer } from '../../../src/server/index.js';
import type { RestHarness } from './harness.js';
import { dataOf, errorOf, startRest } from './harness.js';

/** `GET /spaces/{id}/messages/search` (docs/protocol.md §5.4; issue 14). */

interface Hit {
  id: string;
  channel_id: string;
  author_id: string;
  content: string;
  thread_id: string | null;
  pinned: boolean;
}

interface SearchBody {
  data: Hit[];
  cursor?: { after: string; has_more: boolean };
}

describe('message search', () => {
  let h: RestHarness;
  let space: string;
  let random: string;
  let bob: string;
  beforeEach(async () => {
    h = await startRest();
    space = h.space(0).id;
    random = h.channel(0, 'random').id;
    bob = h.user('bob').token;
  });
  afterEach(() => h.close());

  const post = async (channel: string, token: string, body: Record<string, unknown>): Promise<Hit> =>
    dataOf<Hit>(await h.call('POST', `/api/v1/channels/${channel}/messages`, { token, body }));
  const search = async (query: string, token: string | null = bob): Promise<SearchBody> => {
    const reply = await h.call('GET', `/api/v1/spaces/${space}/messages/search?${query}`, { token });
    if (reply.status !== 200) throw new Error(`search ${query} answered ${reply.status}: ${reply.text}`);
    return reply.body as SearchBody;
  };

  it('pages backwards through a channel with channel_id and cursor: newest first, no gaps, no duplicates, thread replies included', async () => {
    const seededCount = h.data.tables.messages.countWhere('channel', random);
    const topLevel: string[] = h.data.tables.messages
      .where('channel', random)
      .map((m) => m.id);
    const replies: string[] = [];
    for (let i = 0; i < 23; i++) {
      const message = await post(random, i % 2 ? bob : h.user('erin').token, { content: `line ${i}` });
      topLevel.push(message.id);
      if (i % 5 === 0) replies.push((await post(random, bob, { content: `reply to ${i}`, thread_id: message.id })).id);
    }
    await post(h.channel(0, 'general').id, bob, { content: 'elsewhere' });

    const seen: Hit[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 20; pages++) {
      const page = await search(`channel_id=${random}&limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      const ids = page.data.map((m) => BigInt(m.id));
      expect(ids).toEqual([...ids].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
      if (cursor !== undefined) expect(ids.every((id) => id < BigInt(cursor ?? '0'))).toBe(true);
      seen.push(...page.data);
      if (page.data.length === 0) {
        expect(page.cursor).toBeUndefined();
        break;
      }
      expect(page.cursor?.after).toBe(page.data.at(-1)?.id);
      if (!page.cursor?.has_more) break;
      cursor = page.cursor.after;
    }
    expect(seen.every((m) => m.channel_id === random)).toBe(true);
    expect(new Set(seen.map((m) => m.id)).size).toBe(seen.length);
    expect(seen).toHaveLength(seededCount + 23 + replies.length);
    const sortedDesc = (ids: string[]) => [...ids].sort((a, b) => (BigInt(a) > BigInt(b) ? -1 : 1));
    // the client drops thread replies to get the channel's top-level history, complete and in order
    expect(seen.filter((m) => m.thread_id === null).map((m) => m.id)).toEqual(sortedDesc(topLevel));
    expect(seen.filter((m) => m.thread_id !== null).map((m) => m.id).sort()).toEqual([...replies].sort());
  });

  it('filters by query (LIKE, ASCII case-insensitive), author, pinned and creation time', async () => {
    const erin = h.user('erin');
    const a = await post(random, bob, { content: 'Deploy the FROBNICATOR today' });
    const b = await post(random, erin.token, { content: 'the frobnicator is down' });
    const c = await post(random, bob, { content: '100% sure, frob_nicator' });
    await h.call('PUT', `/api/v1/channels/${random}/pins/${b.id}`, { token: h.user('alice').token });

    const ids = (body: SearchBody) => body.data.map((m) => m.id);
    expect(ids(await search('query=frobnicator'))).toEqual([b.id, a.id]);
    expect(ids(await search('query=frob_icator'))).toEqual([b.id, a.id]); // `_` matches one character
    expect(ids(await search('query=100%25 sure'))).toEqual([c.id]);
    expect(ids(await search(`query=frob&author_id=${erin.id}`))).toEqual([b.id]);
    expect(ids(await search(`pinned=true&channel_id=${random}`))).toEqual([b.id]);
    expect((await search(`pinned=false&channel_id=${random}`)).data.every((m) => !m.pinned)).toBe(true);

    // creation times: move the three messages apart
    const at = (id: string, ms: number) => {
      const row = h.data.tables.messages.get(id);
      if (row) h.data.tables.messages.put({ ...row, created_at_ms: ms });
    };
    at(a.id, Date.parse('2030-01-01T10:00:00Z'));
    at(b.id, Date.parse('2030-01-01T11:00:00Z'));
    at(c.id, Date.parse('2030-01-01T12:00:00Z'));
    expect(ids(await search('query=frob&after=2030-01-01T10:00:00Z'))).toEqual([c.id, b.id]);
    expect(ids(await search('query=frob&before=2030-01-01 12:00:00'))).toEqual([b.id, a.id]);
    expect(ids(await search('after=2030-01-01T10:30:00%2B00:00&before=2030-01-01T11:30:00Z'))).toEqual([b.id]);
  });

  it('applies the limit (default 25, at most 100) and answers an empty page without a cursor', async () => {
    for (let i = 0; i < 105; i++) await post(random, bob, { content: `bulk ${i}` });
    expect((await search('query=bulk')).data).toHaveLength(25);
    const capped = await search('query=bulk&limit=500');
    expect(capped.data).toHaveLength(100);
    expect(capped.cursor?.has_more).toBe(true);
    const rest = await search(`query=bulk&limit=100&cursor=${capped.cursor?.after ?? ''}`);
    expect(rest.data).toHaveLength(5);
    expect(rest.cursor).toEqual({ after: rest.data.at(-1)?.id, has_more: false });
    expect(await search('query=no such words anywhere')).toEqual({ data: [] });
  });

  it('needs a filter and well-formed parameters', async () => {
    const none = await h.call('GET', `/api/v1/spaces/${space}/messages/search`, { token: bob });
    expect(none.status).toBe(400);
    expect(errorOf(none)).toEqual({ code: 'invalid_request', message: 'at least one search filter is required' });
    const cursorOnly = await h.call('GET', `/api/v1/spaces/${space}/messages/search?cursor=5&limit=3`, { token: bob });
    expect(cursorOnly.status).toBe(400);
    const badPinned = await h.call('GET', `/api/v1/spaces/${space}/messages/search?pinned=yes`, { token: bob });
    expect(badPinned.status).toBe(400);
    expect(badPinned.headers.get('content-type')).toContain('text/plain');
    expect((await h.call('GET', `/api/v1/spaces/${space}/messages/search?query=x&limit=ten`, { token: bob })).status).toBe(400);
    const unknown = await h.call('GET', '/api/v1/spaces/123456789/messages/search?query=x', { token: bob });
    expect(errorOf(unknown)).toEqual({ code: 'not_found', message: 'unknown_space' });
  });

  it('searches only what the caller may read', async () => {
    const alice = h.user('alice').token;
    const staff = dataOf<{ id: string }>(await h.call('POST', `/api/v1/spaces/${space}/channels`, { token: alice, body: { name: 'staff' } })).id;
    const roles = dataOf<{ id: string; position: number }[]>(await h.call('GET', `/api/v1/spaces/${space}/roles`, { token: alice }));
    const everyone = roles.find((r) => r.position === 0)?.id ?? '';
    await h.call('PUT', `/api/v1/channels/${staff}/permissions/${everyone}`, { token: alice, body: { type: 'role', allow: [], deny: ['view_channel'] } });
    await post(staff, alice, { content: 'secret plans' });
    await post(random, alice, { content: 'public plans' });

    const contents = (body: SearchBody) => body.data.map((m) => m.content);
    expect(contents(await search('query=plans', alice))).toEqual(['public plans', 'secret plans']);
    expect(contents(await search('query=plans', bob))).toEqual(['public plans']);
    const hidden = await h.call('GET', `/api/v1/spaces/${space}/messages/search?channel_id=${staff}`, { token: bob });
    expect(hidden.status).toBe(403);
    expect(errorOf(hidden).message).toBe('you do not have access to that channel');
    const otherSpace = await h.call('GET', `/api/v1/spaces/${space}/messages/search?channel_id=${h.channel(1, 'backend').id}`, { token: alice });
    expect(otherSpace.status).toBe(403);

    // anonymous readers of a public space: what @everyone may read (the real server shows every channel)
    expect(contents(await search('query=plans', null))).toEqual(['public plans']);
    const privateSpace = await h.call('GET', `/api/v1/spaces/${h.space(1).id}/messages/search?query=x`);
    expect(errorOf(privateSpace)).toEqual({ code: 'unauthorized', message: 'authentication required' });
    // not a member; a guest is not a member either
    const outsider = await h.call('GET', `/api/v1/spaces/${h.space(1).id}/messages/search?query=x`, { token: h.user('frank').token });
    expect(errorOf(outsider)).toEqual({ code: 'forbidden', message: 'you are not a member of this space' });
    const guest = (await h.call('POST', '/api/v1/auth/guest')).body as { token: string };
    expect((await h.call('GET', `/api/v1/spaces/${space}/messages/search?query=plans`, { token: guest.token })).status).toBe(403);
  });
});

describe('AccordRest.searchMessages', () => {
  let server: AccordServer;
  afterEach(() => server.close());

  it('pages back through a channel until has_more is false', async () => {
    server = await AccordServer.start({ seed: 'demo' });
    const seeded = server.seeded;
    if (!seeded) throw new Error('no seed');
    const rest = new AccordRest({ baseUrl: server.url, token: seeded.users[1]?.token ?? '' });
    const space = seeded.spaces[0]?.id ?? '';
    const channel = seeded.spaces[0]?.channels.find((c) => c.name === 'random')?.id ?? '';
    const posted: string[] = [];
    for (let i = 0; i < 12; i++) posted.push((await rest.createMessage(channel, `history ${i}`)).id);

    const first = await rest.searchMessages(space, { channel_id: channel, limit: 5 });
    expect(first.messages.map((m) => m.id)).toEqual(posted.slice(-5).reverse());
    expect(first.cursor).toEqual({ after: posted[7], has_more: true });
    const collected = [...first.messages];
    let cursor = first.cursor;
    while (cursor?.has_more) {
      const page = await rest.searchMessages(space, { channel_id: channel, cursor: cursor.after, limit: 5 });
      collected.push(...page.messages);
      cursor = page.cursor;
    }
    const all = server.data.tables.messages.where('channel', channel).map((m) => m.id);
    expect(collected.map((m) => m.id).sort()).toEqual(all.sort());
    expect((await rest.searchMessages(space, { query: 'history 1', pinned: false })).messages.map((m) => m.content)).toEqual([
      'history 11',
      'history 10',
      'history 1',
    ]);
  });
});
