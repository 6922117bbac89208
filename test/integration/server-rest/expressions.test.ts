import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RestHarness } from './harness.js';
import { dataOf, startRest } from './harness.js';

const PNG = 'data:image/png;base64,iVBORw0KGgo=';
const OGG = 'data:audio/ogg;base64,T2dnUw==';

describe('REST emojis and soundboard', () => {
  let h: RestHarness;
  let space: string;
  let alice: string;
  beforeEach(async () => {
    h = await startRest();
    space = h.space(0).id;
    alice = h.user('alice').token;
  });
  afterEach(() => h.close());

  it('emoji CRUD emits emoji.create / update / delete wrapped with space_id', async () => {
    const emoji = dataOf<{ id: string; name: string; image_url: string }>(
      await h.call('POST', `/api/v1/spaces/${space}/emojis`, { token: alice, body: { name: 'party_blob', image: PNG } }),
    );
    expect(emoji.image_url).toBe(`/cdn/emojis/${space}/${emoji.id}.png`);
    expect(h.eventsOf('emoji.create')[0]).toMatchObject({ spaceId: space, data: { space_id: space, emoji: { id: emoji.id, name: 'party_blob' } } });
    expect(dataOf<unknown[]>(await h.call('GET', `/api/v1/spaces/${space}/emojis`, { token: h.user('bob').token }))).toHaveLength(1);
    expect(dataOf<{ name: string }>(await h.call('GET', `/api/v1/spaces/${space}/emojis/${emoji.id}`, { token: alice })).name).toBe('party_blob');
    await h.call('PATCH', `/api/v1/spaces/${space}/emojis/${emoji.id}`, { token: alice, body: { name: 'blob' } });
    expect(h.eventsOf('emoji.update')[0]?.data).toMatchObject({ space_id: space, emoji: { name: 'blob' } });
    await h.call('DELETE', `/api/v1/spaces/${space}/emojis/${emoji.id}`, { token: alice });
    expect(h.eventsOf('emoji.delete')[0]?.data).toEqual({ space_id: space, emoji_id: emoji.id });
  });

  it('emoji: validation and permission failures', async () => {
    expect((await h.call('POST', `/api/v1/spaces/${space}/emojis`, { token: alice, body: { name: 'ok_name', image: 'http://x/y.png' } })).status).toBe(400);
    expect((await h.call('POST', `/api/v1/spaces/${space}/emojis`, { token: alice, body: { name: 'a b', image: PNG } })).status).toBe(400);
    expect((await h.call('POST', `/api/v1/spaces/${space}/emojis`, { token: h.user('bob').token, body: { name: 'mine', image: PNG } })).status).toBe(403);
    expect(h.eventsOf('emoji.create')).toHaveLength(0);
  });

  it('soundboard CRUD and play emit soundboard.* with {space_id, sound}', async () => {
    const sound = dataOf<{ id: string; volume: number; audio_url: string }>(
      await h.call('POST', `/api/v1/spaces/${space}/soundboard`, { token: alice, body: { name: 'airhorn', audio: OGG, volume: 0.5 } }),
    );
    expect(sound.volume).toBe(0.5);
    expect(h.eventsOf('soundboard.create')[0]?.data).toMatchObject({ space_id: space, sound: { id: sound.id, name: 'airhorn' } });
    await h.call('PATCH', `/api/v1/spaces/${space}/soundboard/${sound.id}`, { token: alice, body: { volume: 1 } });
    expect(h.eventsOf('soundboard.update')[0]?.data).toMatchObject({ sound: { volume: 1 } });
    const bob = h.user('bob');
    await h.call('POST', `/api/v1/spaces/${space}/soundboard/${sound.id}/play`, { token: bob.token });
    expect(h.eventsOf('soundboard.play')[0]).toMatchObject({ spaceId: space, data: { space_id: space, user_id: bob.id, sound: { id: sound.id } } });
    expect(dataOf<unknown[]>(await h.call('GET', `/api/v1/spaces/${space}/soundboard`, { token: bob.token }))).toHaveLength(1);
    await h.call('DELETE', `/api/v1/spaces/${space}/soundboard/${sound.id}`, { token: alice });
    expect(h.eventsOf('soundboard.delete')[0]?.data).toEqual({ space_id: space, sound_id: sound.id });
  });

  it('soundboard: validation and permission failures', async () => {
    expect((await h.call('POST', `/api/v1/spaces/${space}/soundboard`, { token: alice, body: { name: 'x', audio: PNG } })).status).toBe(400);
    expect((await h.call('POST', `/api/v1/spaces/${space}/soundboard`, { token: alice, body: { name: 'x', audio: OGG, volume: 3 } })).status).toBe(400);
    expect((await h.call('POST', `/api/v1/spaces/${space}/soundboard`, { token: h.user('bob').token, body: { name: 'x', audio: OGG } })).status).toBe(403);
  });
});
