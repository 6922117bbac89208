import { describe, expect, it } from 'vitest';
import { RestRateLimiter } from '../../../src/server/rest/rate-limit.js';
import { FakeClock } from '../../../src/util/fake-clock.js';

describe('RestRateLimiter', () => {
  it('allows 70, then refuses with Retry-After >= 1', () => {
    const clock = new FakeClock(1_000_000);
    const limiter = new RestRateLimiter(clock);
    for (let i = 69; i >= 0; i--) expect(limiter.take('k')).toMatchObject({ allowed: true, limit: 70, remaining: i });
    const refused = limiter.take('k');
    expect(refused.allowed).toBe(false);
    if (!refused.allowed) expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(limiter.take('other').allowed).toBe(true);
  });

  it('refills floor(whole seconds / 60 * 70) and is full after 60 s', () => {
    const clock = new FakeClock(0);
    const limiter = new RestRateLimiter(clock);
    for (let i = 0; i < 70; i++) limiter.take('k');
    clock.advance(999);
    expect(limiter.take('k').allowed).toBe(false);
    clock.advance(1);
    expect(limiter.take('k')).toMatchObject({ allowed: true, remaining: 0 }); // 1 s -> 1 token
    clock.advance(6_000);
    expect(limiter.take('k')).toMatchObject({ allowed: true, remaining: 6 }); // 6 s -> 7 tokens
    clock.advance(60_000);
    expect(limiter.take('k')).toMatchObject({ allowed: true, remaining: 69 });
  });

  it('reports reset as now + 60 in unix seconds; can be disabled', () => {
    const clock = new FakeClock(5_500);
    expect(new RestRateLimiter(clock).take('k')).toMatchObject({ resetSeconds: 65 });
    const off = new RestRateLimiter(clock, { disabled: true });
    for (let i = 0; i < 200; i++) expect(off.take('k').allowed).toBe(true);
  });
});
