import { KindGuard, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Value.Cast replaces a union that carries a `default` wholesale when the value fails it, so a
 * `nullable(Object)` field holding an almost-valid object (one bad key) became `null`, losing
 * every good key (e.g. READY.user, Message.reactions). This pass runs before Cast, on the slow path
 * only: it casts such values into their object/array variant, recursing, so only the bad keys are
 * defaulted. Copies are made with spread (own `__proto__` keys stay plain data).
 */
export function repairNullable(schema: TSchema, value: unknown): unknown {
  if (value === undefined || value === null) return value;
  if (KindGuard.IsUnion(schema)) {
    if (!('default' in schema) || Value.Check(schema, value)) return value;
    const variant = schema.anyOf.find((member) =>
      Array.isArray(value) ? KindGuard.IsArray(member) : isPlainObject(value) && (KindGuard.IsObject(member) || KindGuard.IsRecord(member)),
    );
    return variant ? Value.Cast(variant, repairNullable(variant, value)) : value;
  }
  if (KindGuard.IsObject(schema) && isPlainObject(value)) {
    let copy: Record<string, unknown> | undefined;
    for (const [key, property] of Object.entries(schema.properties)) {
      if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
      const repaired = repairNullable(property, value[key]);
      if (repaired !== value[key]) {
        copy ??= { ...value };
        copy[key] = repaired;
      }
    }
    return copy ?? value;
  }
  if (KindGuard.IsArray(schema) && Array.isArray(value)) {
    const identity = identityKey(schema.items);
    let changed = false;
    const kept = identity ? value.filter((item: unknown) => hasIdentity(item, identity)) : value;
    if (kept.length !== value.length) changed = true;
    const items = kept.map((item: unknown) => {
      const repaired = repairNullable(schema.items, item);
      if (repaired !== item) changed = true;
      return repaired;
    });
    return changed ? items : value;
  }
  return value;
}

/** Entities in a list are only usable with their id; an element without one is dropped, not defaulted to `id: ''`. */
function identityKey(item: TSchema): string | undefined {
  if (!KindGuard.IsObject(item)) return undefined;
  if ('id' in item.properties) return 'id';
  if ('user_id' in item.properties) return 'user_id';
  return undefined;
}

function hasIdentity(item: unknown, key: string): boolean {
  if (!isPlainObject(item)) return false;
  const id = item[key];
  return typeof id === 'string' && id.length > 0;
}
