import type { Prng } from './prng.js';

/** Structure-aware mutations of a JSON value, applied before it is serialized. */
export type Path = readonly (string | number)[];

export interface MutationLimits {
  /** Longest generated string (default 100 000 chars). */
  maxStringLength: number;
  /** Longest generated array (default 20 000 items). */
  maxArrayLength: number;
  /** Deepest generated nesting (default 20 000 levels). */
  maxDepth: number;
}

export const DEFAULT_LIMITS: Readonly<MutationLimits> = Object.freeze({
  maxStringLength: 100_000,
  maxArrayLength: 20_000,
  maxDepth: 20_000,
});

// Serialized as plain strings, then swapped for text JSON.stringify cannot produce.
const DEEP_MARK = '@@fuzz-deep-b81f@@';
const PROTO_KEY_MARK = '@@fuzz-proto-b81f@@';

/** Every path into `value` (object keys, the first items of arrays), up to `maxDepth` levels. */
export function collectPaths(value: unknown, maxDepth = 5): Path[] {
  const out: Path[] = [];
  const walk = (node: unknown, path: Path, depth: number): void => {
    if (depth >= maxDepth) return;
    if (Array.isArray(node)) {
      for (let i = 0; i < Math.min(node.length, 3); i++) {
        const child = [...path, i];
        out.push(child);
        walk(node[i], child, depth + 1);
      }
    } else if (isRecord(node)) {
      for (const key of Object.keys(node)) {
        const child = [...path, key];
        out.push(child);
        walk(node[key], child, depth + 1);
      }
    }
  };
  walk(value, [], 0);
  return out;
}

function parentOf(root: unknown, path: Path): unknown {
  let node = root;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i] as string | number;
    if (Array.isArray(node)) node = node[key as number];
    else if (isRecord(node)) node = node[key as string];
    else return undefined;
  }
  return node;
}

export function setAt(root: unknown, path: Path, value: unknown): void {
  const parent = parentOf(root, path);
  const key = path[path.length - 1];
  if (key === undefined) return;
  if (Array.isArray(parent) && typeof key === 'number') parent[key] = value;
  else if (isRecord(parent)) Object.defineProperty(parent, String(key), { value, enumerable: true, writable: true, configurable: true });
}

export function deleteAt(root: unknown, path: Path): void {
  const parent = parentOf(root, path);
  const key = path[path.length - 1];
  if (key === undefined) return;
  if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
  else if (isRecord(parent)) delete parent[String(key)];
}

/** Values of every JSON type but the expected one, plus edge cases of each. */
function wrongTypeValue(rng: Prng): unknown {
  return rng.pick<unknown>([
    0,
    -1,
    1.5,
    1e308,
    -0,
    Number.MAX_SAFE_INTEGER + 2,
    true,
    false,
    '',
    'text',
    '0',
    'null',
    '\ud800',
    '\u0000\u202e',
    '😀'.repeat(3),
    [],
    [1, 'a', null],
    [[[]]],
    {},
    { id: 1 },
    { length: 1e9 },
  ]);
}

export function hugeString(rng: Prng, limits: MutationLimits): string {
  const length = rng.int(Math.min(1000, limits.maxStringLength), limits.maxStringLength);
  return rng.pick(['x', 'é', '😀', '\\', '"', '\u0000']).repeat(length).slice(0, length);
}

function hugeArray(rng: Prng, limits: MutationLimits): unknown[] {
  const length = rng.int(Math.min(100, limits.maxArrayLength), limits.maxArrayLength);
  const item = rng.pick<unknown>([0, 'id', null, {}, [], { id: 'x' }]);
  return new Array<unknown>(length).fill(item);
}

/** JSON text nested `depth` levels deep (objects, arrays, or both). */
function deepText(rng: Prng, limits: MutationLimits): string {
  const depth = rng.pick([64, 1000, 5000, limits.maxDepth].filter((d) => d <= limits.maxDepth));
  switch (rng.int(0, 2)) {
    case 0:
      return '['.repeat(depth) + '1' + ']'.repeat(depth);
    case 1:
      return '{"a":'.repeat(depth) + 'null' + '}'.repeat(depth);
    default:
      return '[{"a":'.repeat(depth / 2) + '{}' + '}]'.repeat(depth / 2);
  }
}

export function deepMarker(): string {
  return DEEP_MARK;
}

/** The mutations that put one value in place of a field's own. */
export type ReplacementMutation = 'wrong_type' | 'null_field' | 'huge_string' | 'huge_array' | 'deep_nesting';

/** The value a replacement mutation puts in place (deep nesting as a marker `serialize` expands). */
export function replacementValue(mutation: ReplacementMutation, rng: Prng, limits: MutationLimits): unknown {
  switch (mutation) {
    case 'wrong_type':
      return wrongTypeValue(rng);
    case 'null_field':
      return null;
    case 'huge_string':
      return hugeString(rng, limits);
    case 'huge_array':
      return hugeArray(rng, limits);
    case 'deep_nesting':
      return deepMarker();
  }
}

/** Adds `__proto__` (as an own JSON key), `constructor` and `prototype` keys to an object. */
export function addProtoKeys(target: Record<string, unknown>, rng: Prng): void {
  const payload = { polluted: 'yes', isAdmin: true, toString: 'not a function' };
  switch (rng.int(0, 3)) {
    case 0:
      setAt(target, [PROTO_KEY_MARK], payload);
      break;
    case 1:
      setAt(target, ['constructor'], { prototype: payload });
      break;
    case 2:
      setAt(target, ['prototype'], payload);
      break;
    default:
      setAt(target, [PROTO_KEY_MARK], { ...payload, __fuzz_nested: true });
      setAt(target, ['constructor'], { prototype: payload, name: 'Object' });
      setAt(target, ['hasOwnProperty'], 'shadowed');
  }
}

/** Serializes, then swaps the markers for deep nesting and `__proto__` keys. */
export function serialize(value: unknown, rng: Prng, limits: MutationLimits): string {
  let text = JSON.stringify(value) ?? 'null';
  if (text.includes(PROTO_KEY_MARK)) text = text.split(JSON.stringify(PROTO_KEY_MARK)).join('"__proto__"');
  if (text.includes(DEEP_MARK)) text = text.split(JSON.stringify(DEEP_MARK)).join(deepText(rng, limits));
  return text;
}

/** Text that is not one JSON object. */
export function nonJsonText(rng: Prng, valid: string): string {
  const cut = Math.max(1, rng.int(0, valid.length - 1));
  return rng.pick([
    '',
    ' ',
    'null',
    'true',
    '42',
    '"frame"',
    '[]',
    '[{"op":0}]',
    '{',
    '}',
    '{"op":0,',
    "{'op': 0}",
    '{"op":0,"type":"message.create","data":{}',
    valid.slice(0, cut),
    `${valid}}`,
    `${valid}garbage`,
    `\ufeff${valid}`,
    'NaN',
    'undefined',
    '{"op":NaN}',
    '{"op":0,"data":undefined}',
    rng.string(rng.int(1, 200), '{}[]":,0123456789abc \\\n'),
  ]);
}

export function randomBytes(rng: Prng, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = rng.int(0, 255);
  return out;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
