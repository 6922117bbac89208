import { describe, expect, it } from 'vitest';
import { AccordApiError, AccordRest } from '../../../src/rest/index.js';
import { FakeClock } from '../../../src/util/fake-clock.js';
import { FakeFetch, TOKEN, flush, json, userJson } from './fake-fetch.js';

const limited = (retryAfter: string) => json({ error: { code: 'rate_limited', message: 'rate limited, retry after 2s' } }, 429, { 'retry-after': retryAfter });

function setup(fake: FakeFetch, maxRetries?: number) {
  const clock = new FakeClock(1_700_000_000_000);
  const rest = new AccordRest({ baseUrl: 'http://h', token: TOKEN, fetch: fake.fetch, clock, maxRetries });
  return { clock, rest };
}

describe('AccordRest 429 handling', () => {
  it('waits Retry-After on the injected clock, then retries and resolves', async () => {
    const fake = new FakeFetch(limited('2'), json({ data: userJson('1') }));
    const { clock, rest } = setup(fake);
    let settled = false;
    const pending = rest.getCurrentUser().then((user) => {
      settled = true;
      return user;
    });
    await flush();
    expect(fake.calls).toHaveLength(1);
    clock.advance(1999);
    await flush();
    expect(fake.calls).toHaveLength(1);
    expect(settled).toBe(false);
    clock.advance(1);
    await flush();
    expect(fake.calls).toHaveLength(2);
    expect((await pending).id).toBe('1');
  });

  it('gives up after maxRetries with AccordApiError 429 rate_limited carrying retryAfterMs', async () => {
    const fake = new FakeFetch(limited('1'));
    const { clock, rest } = setup(fake, 2);
    const pending = rest.getCurrentUser().catch((error: unknown) => error);
    for (let i = 0; i < 5; i++) {
      await flush();
      clock.advance(1000);
    }
    const error = await pending;
    expect(error).toBeInstanceOf(AccordApiError);
    expect(error).toMatchObject({ status: 429, code: 'rate_limited', retryAfterMs: 1000 });
    expect(fake.calls).toHaveLength(3);
  });

  it('does not wait out a Retry-After longer than maxRetryWaitMs', async () => {
    const fake = new FakeFetch(limited('900'), json({ data: userJson('1') }));
    const { rest } = setup(fake);
    await expect(rest.getCurrentUser()).rejects.toMatchObject({ status: 429, retryAfterMs: 900_000 });
    expect(fake.calls).toHaveLength(1);
  });

  it('tracks X-RateLimit-* headers and keeps them across a 429 that has none', async () => {
    const fake = new FakeFetch(
      json({ data: userJson('1') }, 200, { 'x-ratelimit-limit': '70', 'x-ratelimit-remaining': '12', 'x-ratelimit-reset': '1700000060' }),
      limited('1'),
      json({ data: userJson('1') }, 200, { 'x-ratelimit-limit': '70', 'x-ratelimit-remaining': '69', 'x-ratelimit-reset': '1700000061' }),
    );
    const { clock, rest } = setup(fake);
    expect(rest.rateLimit).toBeUndefined();
    await rest.getCurrentUser();
    expect(rest.rateLimit).toEqual({ limit: 70, remaining: 12, resetAt: 1_700_000_060_000, updatedAt: 1_700_000_000_000 });
    const pending = rest.getCurrentUser();
    await flush();
    expect(rest.rateLimit?.remaining).toBe(12);
    clock.advance(1000);
    await pending;
    expect(rest.rateLimit).toMatchObject({ remaining: 69, resetAt: 1_700_000_061_000 });
  });
});
