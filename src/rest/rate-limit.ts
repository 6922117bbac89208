/**
 * What the last `X-RateLimit-*` headers said (docs/protocol.md §5.3). accordserver's reset is always
 * "now + 60 s", not the real refill time, so this is information, not a schedule we wait on.
 */
export interface RateLimitInfo {
  limit: number | undefined;
  remaining: number | undefined;
  /** Epoch ms, from X-RateLimit-Reset (unix seconds). */
  resetAt: number | undefined;
  /** Clock time at which these headers were read. */
  updatedAt: number;
}

function headerNumber(headers: Headers, name: string): number | undefined {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}

/** Reads the rate-limit headers; undefined when the response carries none (e.g. a 429). */
export function readRateLimit(headers: Headers, now: number): RateLimitInfo | undefined {
  const limit = headerNumber(headers, 'x-ratelimit-limit');
  const remaining = headerNumber(headers, 'x-ratelimit-remaining');
  const reset = headerNumber(headers, 'x-ratelimit-reset');
  if (limit === undefined && remaining === undefined && reset === undefined) return undefined;
  return { limit, remaining, resetAt: reset === undefined ? undefined : reset * 1000, updatedAt: now };
}

/**
 * Retry-After in ms: delta seconds (fractions allowed) or an HTTP date; undefined when absent
 * or unreadable.
 */
export function readRetryAfter(headers: Headers, now: number): number | undefined {
  const raw = headers.get('retry-after');
  if (raw === null || raw.trim() === '') return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds * 1000));
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
