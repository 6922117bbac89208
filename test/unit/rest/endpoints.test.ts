import { describe, expect, it } from 'vitest';
import { AccordResponseError, AccordRest } from '../../../src/rest/index.js';
import { FakeClock } from '../../../src/util/fake-clock.js';
import { FakeFetch, TOKEN, json, memberJson, type RecordedCall } from './fake-fetch.js';

function restWith(fake: FakeFetch): AccordRest {
  return new AccordRest({ baseUrl: 'http://h', token: TOKEN, fetch: fake.fetch, clock: new FakeClock() });
}

describe('AccordRest member paging', () => {
  it('follows cursor.after while has_more, with limit 1000, and concatenates every page', async () => {
    const page = (ids: string[], cursor?: { after: string; has_more: boolean }) => json({ data: ids.map((id) => memberJson('s1', id)), ...(cursor ? { cursor } : {}) });
    const fake = new FakeFetch(page(['1', '2'], { after: '2', has_more: true }), page(['3', '4'], { after: '4', has_more: true }), page(['5']));
    const members = await restWith(fake).listMembers('s1');
    expect(members.map((m) => m.user_id)).toEqual(['1', '2', '3', '4', '5']);
    expect(fake.calls).toHaveLength(3);
    const params = (call: RecordedCall | undefined) => Object.fromEntries(call?.url.searchParams ?? []);
    expect(fake.calls[0]?.url.pathname).toBe('/api/v1/spaces/s1/members');
    expect(params(fake.calls[0])).toEqual({ limit: '1000' });
    expect(params(fake.calls[1])).toEqual({ limit: '1000', after: '2' });
    expect(params(fake.calls[2])).toEqual({ limit: '1000', after: '4' });
  });

  it('stops when has_more is false even if a cursor is present', async () => {
    const fake = new FakeFetch(json({ data: [memberJson('s1', '1')], cursor: { after: '1', has_more: false } }));
    expect(await restWith(fake).listMembers('s1', { withUser: true })).toHaveLength(1);
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]?.url.searchParams.get('with_user')).toBe('true');
  });

  it('refuses a cursor that does not advance instead of looping forever', async () => {
    const fake = new FakeFetch(json({ data: [memberJson('s1', '1')], cursor: { after: '1', has_more: true } }));
    await expect(restWith(fake).listMembers('s1')).rejects.toBeInstanceOf(AccordResponseError);
    expect(fake.calls).toHaveLength(2);
  });
});

describe('AccordRest reactions', () => {
  it('percent-encodes unicode and custom emoji in the path', async () => {
    const fake = new FakeFetch(json({ data: null }));
    const rest = restWith(fake);
    await rest.addReaction('c1', 'm1', '👍');
    await rest.removeReaction('c1', 'm1', 'party_blob');
    await rest.removeReaction('c1', 'm1', '👍🏽', 'u 2');
    await rest.clearEmojiReactions('c1', 'm1', 'a/b?c#d');
    await rest.clearReactions('c1', 'm1');
    const raw = fake.calls.map((call) => `${call.method} ${call.url.pathname}`);
    expect(raw).toEqual([
      'PUT /api/v1/channels/c1/messages/m1/reactions/%F0%9F%91%8D/@me',
      'DELETE /api/v1/channels/c1/messages/m1/reactions/party_blob/@me',
      'DELETE /api/v1/channels/c1/messages/m1/reactions/%F0%9F%91%8D%F0%9F%8F%BD/u%202',
      'DELETE /api/v1/channels/c1/messages/m1/reactions/a%2Fb%3Fc%23d',
      'DELETE /api/v1/channels/c1/messages/m1/reactions',
    ]);
  });
});

describe('AccordRest endpoint shapes', () => {
  it('puts each call on the path and method of docs/protocol.md §5.4', async () => {
    const fake = new FakeFetch(json({ data: [] }));
    const rest = restWith(fake);
    await rest.listSpaceChannels('s1');
    await rest.listRoles('s1');
    await rest.listBans('s1');
    await rest.listInvites('s1');
    await rest.listEmojis('s1');
    await rest.listSounds('s1');
    await rest.listPins('c1');
    await rest.listReadStates();
    await rest.listCurrentUserSpaces();
    await rest.listMessages('c1', { after: '100', limit: 50 });
    await rest.reorderChannels('s1', [{ id: 'c1', position: 2 }]);
    expect(fake.calls.map((call) => `${call.method} ${call.url.pathname}${call.url.search}`)).toEqual([
      'GET /api/v1/spaces/s1/channels',
      'GET /api/v1/spaces/s1/roles',
      'GET /api/v1/spaces/s1/bans',
      'GET /api/v1/spaces/s1/invites',
      'GET /api/v1/spaces/s1/emojis',
      'GET /api/v1/spaces/s1/soundboard',
      'GET /api/v1/channels/c1/pins',
      'GET /api/v1/users/@me/read-states',
      'GET /api/v1/users/@me/spaces',
      'GET /api/v1/channels/c1/messages?after=100&limit=50',
      'PATCH /api/v1/spaces/s1/channels',
    ]);
    expect(fake.calls[10]?.body).toEqual([{ id: 'c1', position: 2 }]);
  });

  it('sends the bodies of DM creation, typing, ack, bans and voice join', async () => {
    const voice = { user_id: 'u1', space_id: null, channel_id: 'c9', session_id: 's', deaf: false, mute: false, self_deaf: false, self_mute: true, self_stream: false, self_video: false, suppress: false };
    const fake = new FakeFetch(
      json({ data: { id: 'dm1', type: 'dm', recipients: [] } }),
      json({ data: { id: 'dm2', type: 'group_dm' } }),
      json({ data: null }),
      json({ data: null }),
      json({ data: { user_id: 'u2', space_id: 's1', reason: 'spam', banned_by: 'u1', created_at: 'x', deleted_message_count: 4 } }),
      json({ data: { voice_state: voice, backend: 'livekit', livekit_url: 'ws://lk', token: 'lk-token' } }),
    );
    const rest = restWith(fake);
    expect((await rest.createDmChannel('u2')).id).toBe('dm1');
    await rest.createDmChannel(['u2', 'u3']);
    await rest.triggerTyping('c1');
    await rest.ackMessage('c1', 'm9');
    expect((await rest.banMember('s1', 'u2', { reason: 'spam', delete_message_seconds: 60 })).deleted_message_count).toBe(4);
    const joined = await rest.joinVoice('c9', { self_mute: true });
    expect(joined.voice_state.self_mute).toBe(true);
    expect(joined.livekit_url).toBe('ws://lk');
    expect(fake.calls.map((call) => call.body)).toEqual([
      { recipient_id: 'u2' },
      { recipients: ['u2', 'u3'] },
      {},
      { message_id: 'm9' },
      { reason: 'spam', delete_message_seconds: 60 },
      { self_mute: true },
    ]);
    expect(fake.calls.map((call) => `${call.method} ${call.url.pathname}`)).toEqual([
      'POST /api/v1/users/@me/channels',
      'POST /api/v1/users/@me/channels',
      'POST /api/v1/channels/c1/typing',
      'POST /api/v1/channels/c1/ack',
      'PUT /api/v1/spaces/s1/bans/u2',
      'POST /api/v1/channels/c9/voice/join',
    ]);
  });
});
