import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/util/fake-clock.js';
import type { RestHarness } from './harness.js';
import { dataOf, errorOf, startRest } from './harness.js';

describe('REST voice, meta endpoints and the HTTP contract', () => {
  let h: RestHarness;
  afterEach(() => h.close());

  it('joins voice with voice.state_update and live state; leaves with channel_id null', async () => {
    h = await startRest();
    const bob = h.user('bob');
    const lobby = h.channel(0, 'Lobby').id;
    const joined = dataOf<{ voice_state: { channel_id: string; self_mute: boolean }; backend: string; livekit_url: string; token: string }>(
      await h.call('POST', `/api/v1/channels/${lobby}/voice/join`, { token: bob.token, body: { self_mute: true } }),
    );
    expect(joined.backend).toBe('livekit');
    expect(joined.token.split('.')).toHaveLength(3);
    expect(joined.voice_state).toMatchObject({ channel_id: lobby, self_mute: true, user_id: bob.id });
    expect(h.gateway.live.voiceStates.get(bob.id)?.channel_id).toBe(lobby);
    expect(h.eventsOf('voice.state_update')[0]).toMatchObject({ spaceId: h.space(0).id, data: { channel_id: lobby } });
    expect(dataOf<unknown[]>(await h.call('GET', `/api/v1/channels/${lobby}/voice-status`, { token: bob.token }))).toHaveLength(1);
    expect(dataOf(await h.call('DELETE', `/api/v1/channels/${lobby}/voice/leave`, { token: bob.token }))).toEqual({ ok: true });
    expect(h.eventsOf('voice.state_update')[1]?.data).toMatchObject({ user_id: bob.id, channel_id: null, space_id: h.space(0).id, self_mute: false });
    expect(h.gateway.live.voiceStates.has(bob.id)).toBe(false);
  });

  it('voice in a DM goes to its participants only; the last one leaving sends call.end', async () => {
    h = await startRest();
    const dm = h.seeded.dms[0];
    if (!dm) throw new Error('no dm');
    const participants = [...dm.recipientIds].sort();
    const alice = h.user('alice');
    dataOf(await h.call('POST', `/api/v1/channels/${dm.id}/voice/join`, { token: alice.token, body: {} }));
    const [joined] = h.eventsOf('voice.state_update');
    expect(joined).toMatchObject({ data: { user_id: alice.id, channel_id: dm.id, space_id: null } });
    expect(joined?.spaceId).toBeUndefined();
    expect([...(joined?.targetUserIds ?? [])].sort()).toEqual(participants);
    dataOf(await h.call('DELETE', `/api/v1/channels/${dm.id}/voice/leave`, { token: alice.token }));
    const left = h.eventsOf('voice.state_update')[1];
    expect(left?.data).toMatchObject({ user_id: alice.id, channel_id: null });
    expect([...(left?.targetUserIds ?? [])].sort()).toEqual(participants);
    const [ended] = h.eventsOf('call.end');
    expect(ended?.data).toEqual({ channel_id: dm.id, user_id: alice.id });
    expect([...(ended?.targetUserIds ?? [])].sort()).toEqual(participants);
  });

  it('refuses voice in a text channel (400) and for non-members (403)', async () => {
    h = await startRest();
    const general = h.channel(0, 'general').id;
    const text = await h.call('POST', `/api/v1/channels/${general}/voice/join`, { token: h.user('bob').token, body: {} });
    expect(text.status).toBe(400);
    expect(errorOf(text).message).toBe('channel_not_voice');
    const standup = h.channel(1, 'Standup').id;
    expect((await h.call('POST', `/api/v1/channels/${standup}/voice/join`, { token: h.user('frank').token, body: {} })).status).toBe(403);
  });

  it('serves settings, version, the fake gateway URL and /health', async () => {
    h = await startRest();
    const token = h.user('bob').token;
    expect(dataOf<{ registration_policy: string }>(await h.call('GET', '/api/v1/settings', { token })).registration_policy).toBe('open');
    expect((await h.call('GET', '/api/v1/version')).body).toEqual({ version: '0.1.32', git_sha: expect.any(String) });
    expect(dataOf<{ url: string }>(await h.call('GET', '/api/v1/gateway')).url).toBe('wss://gateway.accord.local/?v=1&encoding=json');
    expect(dataOf<{ shards: number }>(await h.call('GET', '/api/v1/gateway/bot', { token })).shards).toBe(1);
    const health = await h.call('GET', '/health');
    expect([health.status, health.text]).toEqual([200, 'ok']);
  });

  it('answers unknown routes 404 and wrong methods 405 with empty bodies, bad JSON with plain 400/415', async () => {
    h = await startRest();
    const token = h.user('bob').token;
    const unknown = await h.call('GET', '/api/v1/nope', { token });
    expect([unknown.status, unknown.text]).toEqual([404, '']);
    expect((await h.call('GET', '/elsewhere')).status).toBe(404);
    expect((await h.call('PUT', '/api/v1/users/@me', { token })).status).toBe(405);
    const general = h.channel(0, 'general').id;
    const badJson = await h.call('POST', `/api/v1/channels/${general}/messages`, { token, rawBody: '{oops', headers: { 'content-type': 'application/json' } });
    expect(badJson.status).toBe(400);
    expect(badJson.headers.get('content-type')).toContain('text/plain');
    const wrongType = await h.call('POST', `/api/v1/channels/${general}/messages`, { token, rawBody: 'content=hi', headers: { 'content-type': 'text/plain' } });
    expect(wrongType.status).toBe(415);
    expect((await h.call('GET', '/api/v1/users/@me')).status).toBe(401);
  });

  it('rate limits at 70 per Authorization header: X-RateLimit-* on success, then 429 with Retry-After', async () => {
    const clock = new FakeClock(1_700_000_000_000);
    h = await startRest({ rateLimit: {}, limiterClock: clock });
    const token = h.user('bob').token;
    const first = await h.call('GET', '/api/v1/users/@me', { token });
    expect(first.headers.get('x-ratelimit-limit')).toBe('70');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('69');
    expect(first.headers.get('x-ratelimit-reset')).toBe(String(1_700_000_000 + 60));
    for (let i = 0; i < 69; i++) await h.call('GET', '/api/v1/users/@me', { token });
    const limited = await h.call('GET', '/api/v1/users/@me', { token });
    expect(limited.status).toBe(429);
    expect(errorOf(limited).code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.headers.get('x-ratelimit-limit')).toBeNull();
    const otherUser = await h.call('GET', '/api/v1/users/@me', { token: h.user('carol').token });
    expect(otherUser.status).toBe(200);
    clock.advance(60_000);
    const refilled = await h.call('GET', '/api/v1/users/@me', { token });
    expect(refilled.status).toBe(200);
    expect(refilled.headers.get('x-ratelimit-remaining')).toBe('69');
  });
});
