import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { AttemptLog } from '../../../src/server/rest/attempt-log.js';
import { RestRateLimiter } from '../../../src/server/rest/rate-limit.js';
import { RetryLaterError } from '../../../src/server/rest/route.js';
import { FakeClock } from '../../../src/util/fake-clock.js';

/** Issue 16: per-key limiter state is forgotten on the injected clock, so junk keys cannot pile up. */

const junkKey = (i: number): string => createHash('sha256').update(`Bearer junk-${i}`).digest('hex');
const FIFTEEN_MINUTES_MS = 15 * 60 * 1000;

describe('RestRateLimiter eviction', () => {
  it('forgets the buckets of 30,000 junk Authorization headers once they are idle for a minute', () => {
    const clock = new FakeClock(1_000_000);
    const limiter = new RestRateLimiter(clock);
    for (let i = 0; i < 30_000; i += 1) limiter.take(junkKey(i));
    expect(limiter.trackedKeys).toBe(30_000);
    clock.advance(59_999);
    limiter.take('honest');
    expect(limiter.trackedKeys).toBe(30_001);
    clock.advance(1);
    limiter.take('honest');
    expect(limiter.trackedKeys).toBe(1);
  });

  it('keeps a bucket used within the last minute, so a sweep never hands out extra tokens', () => {
    const clock = new FakeClock(0);
    const limiter = new RestRateLimiter(clock);
    for (let i = 0; i < 70; i += 1) limiter.take('k'); // drained at t = 0
    clock.advance(59_000);
    expect(limiter.take('k')).toMatchObject({ allowed: true, remaining: 67 }); // 59 s -> 68 tokens, one taken
    clock.advance(1_000); // a sweep is due now, but 'k' was refilled 1 s ago
    expect(limiter.take('other').allowed).toBe(true);
    expect(limiter.trackedKeys).toBe(2);
    expect(limiter.take('k')).toMatchObject({ allowed: true, remaining: 67 }); // 1 s -> 1 token, not a full bucket
  });
});

describe('AttemptLog eviction (login failures, registrations)', () => {
  it('forgets 30,000 usernames with one failed login each once the 15-minute window has passed', () => {
    const clock = new FakeClock(1_000_000);
    const log = new AttemptLog(clock, 5, FIFTEEN_MINUTES_MS);
    for (let i = 0; i < 30_000; i += 1) {
      log.check(`nobody${i}`);
      log.record(`nobody${i}`);
    }
    expect(log.trackedKeys).toBe(30_000);
    clock.advance(FIFTEEN_MINUTES_MS - 1);
    log.check('alice');
    expect(log.trackedKeys).toBe(30_000);
    clock.advance(1);
    log.check('alice');
    expect(log.trackedKeys).toBe(0);
  });

  it('still refuses a sixth failure within the window, and keeps that username while it counts', () => {
    const clock = new FakeClock(0);
    const log = new AttemptLog(clock, 5, FIFTEEN_MINUTES_MS);
    for (let i = 0; i < 5; i += 1) {
      log.check('alice');
      log.record('alice');
      clock.advance(60_000);
    }
    expect(() => log.check('alice')).toThrow(RetryLaterError);
    clock.advance(FIFTEEN_MINUTES_MS - 5 * 60_000); // the first failure has aged out
    log.check('mallory'); // a sweep runs: alice's newest failure is recent, so she is kept
    expect(log.trackedKeys).toBe(1);
    expect(() => log.check('alice')).not.toThrow();
  });
});
