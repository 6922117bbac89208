import { inventedFields } from '../../models/invented-fields.js';

/**
 * Copies the source's own enumerable fields onto the target, except those the tolerant parser
 * invented (models/invented-fields.ts): a merge applies what the wire carried, nothing else. Unlike Object.assign, a wire key
 * named `__proto__` becomes an own data property instead of invoking the prototype setter, so
 * event data can never swap an entity's prototype (or reach Object.prototype).
 */
export function assignOwn<T extends object>(target: T, source: object, skip?: readonly string[]): T {
  assignOwnCounted(target, source, skip);
  return target;
}

/** assignOwn, returning how many fields it wrote (0: the target already held the source). */
export function assignOwnCounted(target: object, source: object, skip?: readonly string[]): number {
  let writes = 0;
  const out = target as Record<string, unknown>;
  const from = source as Record<string, unknown>;
  const invented = inventedFields(source);
  for (const key in from) {
    if (!Object.prototype.hasOwnProperty.call(from, key)) continue;
    // A short list, not a Set: keys of parsed objects are internalized strings, so each
    // comparison is one pointer check where a Set lookup would hash (every key of every event).
    if (skip !== undefined && skip.includes(key)) continue;
    if (invented !== undefined && invented.includes(key)) continue;
    const value = from[key];
    // An unchanged value keeps the cached one: an edit then retains only what it changed (the
    // frame's copies die young instead of being promoted next to the cache).
    if (sameValue(out[key], value)) continue;
    writes++;
    if (key === '__proto__') {
      Object.defineProperty(out, key, { value: from[key], enumerable: true, writable: true, configurable: true });
    } else {
      out[key] = value;
    }
  }
  return writes;
}

/** Equal primitives, or arrays of equal primitives (id lists such as roles and mentions). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const item: unknown = a[i];
    if (item !== b[i] || (typeof item === 'object' && item !== null)) return false;
  }
  return true;
}
