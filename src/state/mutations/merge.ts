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

/** Deeper than any model nests (an embed's footer in a message is three levels): not compared. */
const MAX_DEPTH = 6;

/**
 * Equal as JSON values: equal primitives, or arrays and plain objects with equal items and
 * fields. An edit that repeats a message's attachments and embeds then keeps the cached ones,
 * and the frame's copies die young instead of being retained next to the cache (issue 15).
 */
export function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && sameComposite(a, b, 0));
}

function sameComposite(a: object, b: object, depth: number): boolean {
  if (depth === MAX_DEPTH) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameNested(a[i], b[i], depth)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let fields = 0;
  for (const key in left) {
    if (!Object.hasOwn(left, key)) continue;
    if (!Object.hasOwn(right, key) || !sameNested(left[key], right[key], depth)) return false;
    fields++;
  }
  for (const key in right) if (Object.hasOwn(right, key)) fields--;
  return fields === 0;
}

function sameNested(a: unknown, b: unknown, depth: number): boolean {
  return a === b || (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && sameComposite(a, b, depth + 1));
}
