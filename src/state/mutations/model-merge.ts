import type { TObject } from '@sinclair/typebox';
import { INVENTED_FIELDS } from '../../models/invented-fields.js';
import { assignOwn, assignOwnCounted, sameValue } from './merge.js';

export type Merge = <T extends object>(target: T, source: object) => T;
/** A merge that returns how many fields it wrote (0: nothing changed). */
export type CountedMerge = (target: object, source: object) => number;

/**
 * assignOwn(target, source, skip) for one model, with the model's fields read and written by name.
 *
 * assignOwn reaches every field through a computed key: on a busy connection each edit then pays
 * a megamorphic lookup per field and per side. Here the model's fields are plain property
 * accesses that the JIT specializes to the cached object's shape. Anything the generated code does
 * not model (a field the schema does not know, a required one missing) falls back to assignOwn
 * itself, which is safe at any point: merging is idempotent.
 */
export function modelMerge(schema: TObject, skip: readonly string[] = []): Merge {
  const generic: Merge = (target, source) => assignOwn(target, source, skip);
  return compile(schema, skip, generic, false) ?? generic;
}

/** modelMerge that returns how many fields it wrote, as assignOwnCounted does. */
export function modelMergeCounted(schema: TObject, skip: readonly string[] = []): CountedMerge {
  const generic: CountedMerge = (target, source) => assignOwnCounted(target, source, skip);
  return compile(schema, skip, generic, true) ?? generic;
}

/** The generated merge, or null where code generation is not allowed. */
function compile<M extends Merge | CountedMerge>(schema: TObject, skip: readonly string[], generic: M, counted: boolean): M | null {
  const fields = Object.keys(schema.properties);
  const required = new Set(schema.required ?? []);
  const optional = fields.filter((field) => !required.has(field));
  const key = (field: string): string => JSON.stringify(field);
  const lines: string[] = [
    // Repaired data (the parser invented some fields) takes the generic path, which skips them.
    'if (source[invented] !== undefined) return generic(target, source);',
    'let count = 0;',
    // for-in as assignOwn iterates: an unknown (or inherited enumerable) key makes the counts differ.
    'for (const k in source) count++;',
    `let expected = ${required.size};`,
    ...optional.map((field) => `if (hasOwn(source, ${key(field)})) expected++;`),
    'if (count !== expected) return generic(target, source);',
    counted ? 'let v, writes = 0;' : 'let v;',
  ];
  for (const field of fields) {
    if (skip.includes(field)) continue;
    const read = `v = source[${key(field)}];`;
    const write = `if (!same(target[${key(field)}], v)) { target[${key(field)}] = v;${counted ? ' writes++;' : ''} }`;
    if (required.has(field)) {
      lines.push(read, `if (v === undefined && !hasOwn(source, ${key(field)})) return generic(target, source);`, write);
    } else {
      lines.push(`if (hasOwn(source, ${key(field)})) { ${read} ${write} }`);
    }
  }
  lines.push(counted ? 'return writes;' : 'return target;');
  try {
    const build = new Function('generic', 'same', 'hasOwn', 'invented', `return function merge(target, source) {\n${lines.join('\n')}\n};`);
    const hasOwn = (object: object, field: string): boolean => Object.prototype.hasOwnProperty.call(object, field);
    return build(generic, sameValue, hasOwn, INVENTED_FIELDS) as M;
  } catch {
    // No code generation allowed here (a strict Content-Security-Policy): the generic merge.
    return null;
  }
}
