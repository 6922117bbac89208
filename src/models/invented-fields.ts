import { KindGuard, type TObject, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/**
 * The fields of a repaired object that the wire did not carry: absent, or of a type the repair
 * replaced wholesale with the schema's default. Set (non-enumerable) on objects the tolerant
 * parser repaired, never on valid data, so a merge can apply what the wire carried and nothing
 * the parser invented (a partial `message.update` must not write `author_id: ''` over the real
 * author). Valid data (the hot path) carries no marker: a merge pays one property read.
 */
export const INVENTED_FIELDS: unique symbol = Symbol('accordkit.inventedFields');

/** The fields the parser invented on `value`, or undefined when the wire carried every one. */
export function inventedFields(value: object): readonly string[] | undefined {
  return (value as { [INVENTED_FIELDS]?: readonly string[] })[INVENTED_FIELDS];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Same container kind: the repair kept (part of) the wire's value rather than defaulting it. */
function sameKind(wire: unknown, repaired: unknown): boolean {
  return (Array.isArray(wire) && Array.isArray(repaired)) || (isPlainObject(wire) && isPlainObject(repaired));
}

/** The object variant of a schema (an Object, or the Object member of a nullable union). */
function objectSchemaOf(schema: TSchema): TObject | undefined {
  if (KindGuard.IsObject(schema)) return schema;
  if (KindGuard.IsUnion(schema)) return schema.anyOf.find((member): member is TObject => KindGuard.IsObject(member));
  return undefined;
}

/**
 * Marks the invented fields on `repaired` (the slow path's result for `wire`), and on nested
 * objects the repair kept (a member's `user`), so merges of those skip them too. Slow path only.
 */
export function markInventedFields(schema: TSchema, wire: unknown, repaired: unknown): void {
  const objectSchema = objectSchemaOf(schema);
  if (objectSchema === undefined || !isPlainObject(wire) || !isPlainObject(repaired)) return;
  const invented: string[] = [];
  for (const [key, property] of Object.entries(objectSchema.properties)) {
    if (!Object.prototype.hasOwnProperty.call(repaired, key)) continue;
    if (!Object.prototype.hasOwnProperty.call(wire, key)) {
      invented.push(key);
      continue;
    }
    const sent = wire[key];
    const kept = repaired[key];
    if (Value.Check(property, sent)) continue;
    if (!sameKind(sent, kept)) invented.push(key);
    else markInventedFields(property, sent, kept);
  }
  if (invented.length === 0) return;
  Object.defineProperty(repaired, INVENTED_FIELDS, { value: Object.freeze(invented), enumerable: false, configurable: true });
}
