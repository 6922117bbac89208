/**
 * Copies the source's own enumerable fields onto the target. Unlike Object.assign, a wire key
 * named `__proto__` becomes an own data property instead of invoking the prototype setter, so
 * event data can never swap an entity's prototype (or reach Object.prototype).
 */
export function assignOwn<T extends object>(target: T, source: object): T {
  const out = target as Record<string, unknown>;
  const from = source as Record<string, unknown>;
  for (const key in from) {
    if (!Object.prototype.hasOwnProperty.call(from, key)) continue;
    if (key === '__proto__') {
      Object.defineProperty(out, key, { value: from[key], enumerable: true, writable: true, configurable: true });
    } else {
      out[key] = from[key];
    }
  }
  return target;
}

/** Snowflake-style ids compare by length first, then lexicographically (PROTOCOL.md §0). */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
