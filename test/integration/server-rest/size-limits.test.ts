import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_EMBEDS_BYTES } from '../../../src/server/data/services/messages.js';
import { MAX_DISTINCT_REACTIONS } from '../../../src/server/data/services/reactions.js';
import type { RestHarness } from './harness.js';
import { dataOf, startRest } from './harness.js';

/** Issue 16: sizes the real server leaves unbounded are refused in the REST error envelope. */

/** Embeds whose JSON is exactly `bytes` long. */
function embedsOf(bytes: number): { description: string }[] {
  const overhead = JSON.stringify([{ description: '' }]).length;
  return [{ description: 'd'.repeat(bytes - overhead) }];
}

describe('embed size', () => {
  let h: RestHarness;
  let path: string;
  beforeEach(async () => {
    h = await startRest();
    path = `/api/v1/channels/${h.channel(0, 'random').id}/messages`;
  });
  afterEach(() => h.close());

  it('refuses embeds over 16 KiB of JSON on create with 400 invalid_request, and sends nothing; 16 KiB fits', async () => {
    expect(MAX_EMBEDS_BYTES).toBe(16 * 1024);
    const reply = await h.call('POST', path, { token: h.user('alice').token, body: { content: 'big', embeds: embedsOf(MAX_EMBEDS_BYTES + 1) } });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ error: { code: 'invalid_request', message: 'embeds must total at most 16384 bytes of JSON' } });
    expect(h.eventsOf('message.create')).toEqual([]);
    const fits = embedsOf(MAX_EMBEDS_BYTES);
    const accepted = await h.call('POST', path, { token: h.user('alice').token, body: { content: 'fits', embeds: fits } });
    expect(dataOf<{ embeds: unknown }>(accepted).embeds).toEqual(fits);
  });

  it('counts every embed of the message together', async () => {
    const half = { description: 'h'.repeat(9000) };
    const reply = await h.call('POST', path, { token: h.user('alice').token, body: { content: 'two', embeds: [half, half] } });
    expect(reply.body).toEqual({ error: { code: 'invalid_request', message: 'embeds must total at most 16384 bytes of JSON' } });
  });

  it('refuses oversized embeds on edit too, leaving the message as it was', async () => {
    const token = h.user('alice').token;
    const created = dataOf<{ id: string }>(await h.call('POST', path, { token, body: { content: 'small' } }));
    const reply = await h.call('PATCH', `${path}/${created.id}`, { token, body: { embeds: embedsOf(MAX_EMBEDS_BYTES + 1) } });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ error: { code: 'invalid_request', message: 'embeds must total at most 16384 bytes of JSON' } });
    const stored = dataOf<{ embeds: unknown; edited_at: unknown }>(await h.call('GET', `${path}/${created.id}`, { token }));
    expect(stored).toMatchObject({ embeds: [], edited_at: null });
    expect(h.eventsOf('message.update')).toEqual([]);
  });
});

describe('distinct reactions per message', () => {
  let h: RestHarness;
  let base: string;
  beforeEach(async () => {
    h = await startRest();
    const channel = h.channel(0, 'random').id;
    const created = await h.call('POST', `/api/v1/channels/${channel}/messages`, { token: h.user('alice').token, body: { content: 'react' } });
    base = `/api/v1/channels/${channel}/messages/${dataOf<{ id: string }>(created).id}/reactions`;
  });
  afterEach(() => h.close());

  it('refuses a 21st distinct emoji with 400 invalid_request; existing ones can still be added', async () => {
    expect(MAX_DISTINCT_REACTIONS).toBe(20);
    const bob = h.user('bob').token;
    for (let i = 0; i < 20; i += 1) expect((await h.call('PUT', `${base}/e${i}/@me`, { token: bob })).status).toBe(200);
    h.events.length = 0;
    const refused = await h.call('PUT', `${base}/e20/@me`, { token: bob });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ error: { code: 'invalid_request', message: 'a message can have at most 20 distinct reactions' } });
    expect(h.eventsOf('reaction.add')).toEqual([]);
    // another user joining an emoji that is already there is not a new distinct reaction
    expect((await h.call('PUT', `${base}/e3/@me`, { token: h.user('erin').token })).status).toBe(200);
    // removing one makes room again
    await h.call('DELETE', `${base}/e0/@me`, { token: bob });
    expect((await h.call('PUT', `${base}/e20/@me`, { token: bob })).status).toBe(200);
  });
});
