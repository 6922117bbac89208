import type { Static, TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { Value } from '@sinclair/typebox/value';
import type { ParseIssue, ParseResult } from './parse-result.js';
import { repairNullable } from './repair-nullable.js';

export interface ModelParserOptions {
  /** Keys that must be present as non-empty strings; without them the data is not this model. */
  requiredIds?: readonly string[];
  /** Slow-path only: reshape known wire variants (e.g. federation relays) before repair. */
  prepare?: (data: Record<string, unknown>) => Record<string, unknown>;
}

export type ModelParser<T> = (data: unknown) => ParseResult<T>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Builds a tolerant parser from a schema. Fast path: one compiled check and the wire object is
 * returned as is (no copy). Slow path: each mismatch becomes an issue and Value.Cast fills the
 * documented default, keeping every valid field.
 */
export function modelParser<S extends TSchema>(schema: S, options: ModelParserOptions = {}): ModelParser<Static<S>> {
  const check = TypeCompiler.Compile(schema);
  const requiredIds = options.requiredIds ?? [];
  return (data: unknown): ParseResult<Static<S>> => {
    if (check.Check(data)) return { value: data as Static<S>, issues: [] };
    if (!isPlainObject(data)) {
      return { value: Value.Create(schema) as Static<S>, issues: [], fatal: `expected an object, got ${describe(data)}` };
    }
    const prepared = options.prepare ? options.prepare(data) : data;
    for (const key of requiredIds) {
      const id = prepared[key];
      if (typeof id !== 'string' || id.length === 0) {
        return { value: Value.Create(schema) as Static<S>, issues: [], fatal: `missing required id '${key}'` };
      }
    }
    const issues: ParseIssue[] = [];
    if (!check.Check(prepared)) {
      for (const error of check.Errors(prepared)) {
        if (issues.length >= 20) break;
        issues.push({ path: error.path, message: error.message });
      }
    }
    return { value: Value.Cast(schema, repairNullable(schema, prepared)) as Static<S>, issues };
  };
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
