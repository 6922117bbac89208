import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RestHarness } from './harness.js';
import { errorOf, startRest } from './harness.js';

const MIB = 1024 * 1024;

/** Request bodies the real server refuses before any handler runs: too large, or nested too deep. */
describe('REST body limits', () => {
  let h: RestHarness;
  beforeEach(async () => {
    h = await startRest();
  });
  afterEach(() => h.close());

  it('a body over 1 MiB gets 413 payload_too_large in the error envelope, and the server keeps serving', async () => {
    const general = h.channel(0, 'general').id;
    const alice = h.user('alice').token;
    const reply = await h.call('POST', `/api/v1/channels/${general}/messages`, {
      token: alice,
      body: { content: 'hello', padding: 'x'.repeat(MIB) },
    });
    expect(reply.status).toBe(413);
    expect(reply.headers.get('content-type')).toContain('application/json');
    expect(errorOf(reply).code).toBe('payload_too_large');
    expect(typeof errorOf(reply).message).toBe('string');
    expect(h.eventsOf('message.create')).toEqual([]);

    // several MiB in one go: still answered, not reset
    const huge = await h.call('PATCH', '/api/v1/users/@me', { token: alice, body: { bio: 'y'.repeat(5 * MIB) } });
    expect([huge.status, errorOf(huge).code]).toEqual([413, 'payload_too_large']);

    const after = await h.call('POST', `/api/v1/channels/${general}/messages`, { token: alice, body: { content: 'small' } });
    expect(after.status).toBe(200);
  });

  it('a body of exactly 1 MiB is still read', async () => {
    const alice = h.user('alice').token;
    const prefix = '{"bio":"';
    const suffix = '"}';
    const reply = await h.call('PATCH', '/api/v1/users/@me', {
      token: alice,
      rawBody: prefix + 'z'.repeat(MIB - prefix.length - suffix.length) + suffix,
      headers: { 'content-type': 'application/json' },
    });
    expect(reply.status).not.toBe(413);
  });

  it('JSON nested 128 levels or deeper is 400 invalid_request in the envelope; 127 levels parse', async () => {
    const general = h.channel(0, 'general').id;
    const alice = h.user('alice').token;
    const send = (levels: number) =>
      h.call('POST', `/api/v1/channels/${general}/messages`, {
        token: alice,
        // the body object is one level, `nonce` the rest
        rawBody: `{"content":"deep","nonce":${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}}`,
        headers: { 'content-type': 'application/json' },
      });
    for (const levels of [128, 5000]) {
      const reply = await send(levels);
      expect(reply.status).toBe(400);
      expect(errorOf(reply).code).toBe('invalid_request');
    }
    expect(h.eventsOf('message.create')).toEqual([]);
    const shallow = await send(127);
    expect(shallow.status).not.toBe(400);
    expect(shallow.status).toBeLessThan(500);
  });
});
