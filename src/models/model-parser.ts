import { ExtendsUndefinedCheck, Kind, type Static, type TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { TypeSystemPolicy } from '@sinclair/typebox/system';
import { Value } from '@sinclair/typebox/value';
import type { ParseIssue, ParseResult } from './parse-result.js';
import { markInventedFields } from './invented-fields.js';
import { repairNullable } from './repair-nullable.js';

export interface ModelParserOptions {
  /** Keys that must be present as non-empty strings; without them the data is not this model. */
  requiredIds?: readonly string[];
  /** Slow-path only: reshape known wire variants (e.g. federation relays) before repair. */
  prepare?: (data: Record<string, unknown>) => Record<string, unknown>;
}

export interface ModelParser<T> {
  (data: unknown): ParseResult<T>;
  /**
   * The parser's fast path alone: whether `data` already is a valid T, to be used as is. Lets a
   * hot caller skip the result object; anything else goes through the parser itself.
   */
  readonly accepts?: (data: unknown) => boolean;
}

/**
 * The fast path's `issues`: one shared, frozen empty list instead of a new array per event (the
 * gateway parses every frame; nothing appends to a result's issues).
 */
const NO_ISSUES = Object.freeze([]) as unknown as ParseIssue[];

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
  const accepts = compileFastCheck(schema) ?? ((data: unknown) => check.Check(data));
  const requiredIds = options.requiredIds ?? [];
  const repair = (data: unknown): ParseResult<Static<S>> => {
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
    const value = Value.Cast(schema, repairNullable(schema, prepared)) as Static<S>;
    markInventedFields(schema, prepared, value);
    return { value, issues };
  };
  const parse = (data: unknown): ParseResult<Static<S>> => {
    if (accepts(data)) return { value: data as Static<S>, issues: NO_ISSUES };
    try {
      return repair(data);
    } catch (error) {
      // Repair recurses with the data: a hostile frame nested thousands deep overflows the stack.
      // Such data is not this model; the caller reports and skips it.
      const reason = error instanceof RangeError ? 'data nested too deeply to repair' : `repair failed: ${String(error)}`;
      return { value: Value.Create(schema) as Static<S>, issues: [], fatal: reason };
    }
  };
  return Object.assign(parse, { accepts });
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

// ---- the fast check ----------------------------------------------------------------------------
//
// TypeCompiler's code checks each array through a fresh arrow function and an iterator: about
// 170 bytes of garbage per message.create, on every frame, which the young generation then has to
// collect next to the cache. This compiles the same schema to plain functions with indexed loops
// and no allocation. It is an exact copy of TypeCompiler's rules for the kinds it knows (read under
// the same TypeSystemPolicy, at the same time); any other part is handed to TypeCompiler's own
// check of that part, and a schema it cannot handle at all keeps TypeCompiler's check (null).

type Check = (value: unknown) => boolean;

class Unsupported extends Error {}

interface Build {
  /** Generated function declarations, one per Object / Array / Record schema. */
  functions: string[];
  names: Map<TSchema, string>;
  /** TypeCompiler checks of parts this compiler leaves to it. */
  delegates: Check[];
  patterns: RegExp[];
}

const NUMERIC_BOUNDS: readonly [keyword: string, operator: string][] = [
  ['exclusiveMaximum', '<'],
  ['exclusiveMinimum', '>'],
  ['maximum', '<='],
  ['minimum', '>='],
];

/**
 * An allocation-free check that answers exactly as `TypeCompiler.Compile(schema).Check` does, or
 * null when the schema has nothing this compiler models (exported for the equivalence tests).
 */
export function compileFastCheck(schema: TSchema): Check | null {
  const build: Build = { functions: [], names: new Map(), delegates: [], patterns: [] };
  try {
    const root = functionFor(schema, build);
    const source = `${build.functions.join('\n')}\nreturn ${root};`;
    // Generated from the schema alone, as TypeCompiler's own checks are.
    return new Function('delegates', 'patterns', source)(build.delegates, build.patterns) as Check;
  } catch {
    return null;
  }
}

/** The name of a function checking `schema` (made on first use, shared afterwards). */
function functionFor(schema: TSchema, build: Build): string {
  const known = build.names.get(schema);
  if (known !== undefined) return known;
  const name = `c${build.names.size}`;
  build.names.set(schema, name);
  build.functions.push(`function ${name}(v) {\n${functionBody(schema, build)}\n  return true;\n}`);
  return name;
}

function functionBody(schema: TSchema, build: Build): string {
  const lines: string[] = [];
  const kind = schema[Kind] as unknown;
  if (kind === 'Object') {
    lines.push(`  if (!${objectLike('v')}) return false;`);
    if (schema['minProperties'] !== undefined || schema['maxProperties'] !== undefined) throw new Unsupported();
    const properties = (schema['properties'] ?? {}) as Record<string, TSchema>;
    const required = (schema['required'] ?? []) as string[];
    lines.push('  let x;');
    for (const key of Object.getOwnPropertyNames(properties)) {
      const property = properties[key] as TSchema;
      const literal = JSON.stringify(key);
      const test = expression(property, 'x', build);
      lines.push(`  x = v[${literal}];`);
      if (required.includes(key)) {
        lines.push(`  if (!(${test})) return false;`);
        if (ExtendsUndefinedCheck(property) || property[Kind] === 'Any' || property[Kind] === 'Unknown') {
          lines.push(`  if (!(${literal} in v)) return false;`);
        }
      } else if (TypeSystemPolicy.ExactOptionalPropertyTypes) {
        lines.push(`  if (${literal} in v && !(${test})) return false;`);
      } else {
        lines.push(`  if (x !== undefined && !(${test})) return false;`);
      }
    }
    if (schema['additionalProperties'] !== undefined) throw new Unsupported();
    return lines.join('\n');
  }
  if (kind === 'Array') {
    if (schema['contains'] !== undefined || schema['minContains'] !== undefined || schema['maxContains'] !== undefined) throw new Unsupported();
    if (schema['uniqueItems'] === true) throw new Unsupported();
    lines.push('  if (!Array.isArray(v)) return false;');
    if (typeof schema['maxItems'] === 'number') lines.push(`  if (!(v.length <= ${schema['maxItems']})) return false;`);
    if (typeof schema['minItems'] === 'number') lines.push(`  if (!(v.length >= ${schema['minItems']})) return false;`);
    const test = expression(schema['items'] as TSchema, 'x', build);
    lines.push(`  for (let i = 0; i < v.length; i++) {\n    const x = v[i];\n    if (!(${test})) return false;\n  }`);
    return lines.join('\n');
  }
  if (kind === 'Record') {
    if (schema['minProperties'] !== undefined || schema['maxProperties'] !== undefined) throw new Unsupported();
    const additional = schema['additionalProperties'] as unknown;
    if (additional !== undefined && additional !== false) throw new Unsupported();
    const entries = Object.entries((schema['patternProperties'] ?? {}) as Record<string, TSchema>);
    const entry = entries[0];
    if (entries.length !== 1 || entry === undefined) throw new Unsupported();
    const test = expression(entry[1], 'x', build);
    const pattern = `patterns[${build.patterns.push(new RegExp(entry[0])) - 1}]`;
    // Object.entries' keys: own, enumerable, string-keyed; a key not matching the pattern is
    // checked against additionalProperties (absent: anything goes; false: nothing). When anything
    // goes, the pattern only matters for a value that fails: valid data (every presence's
    // client_status) runs no regular expression.
    const onValue =
      additional === false
        ? `    if (!${pattern}.test(key)) return false;\n    const x = v[key];\n    if (!(${test})) return false;\n`
        : `    const x = v[key];\n    if (!(${test}) && ${pattern}.test(key)) return false;\n`;
    lines.push(`  if (!(${recordLike('v')})) return false;`);
    lines.push(`  for (const key in v) {\n    if (!Object.prototype.hasOwnProperty.call(v, key)) continue;\n${onValue}  }`);
    return lines.join('\n');
  }
  throw new Unsupported();
}

/** A boolean expression checking the value in variable `v` (read as often as needed). */
function expression(schema: TSchema, v: string, build: Build): string {
  switch (schema[Kind] as unknown) {
    case 'Any':
    case 'Unknown':
      return 'true';
    case 'Null':
      return `${v} === null`;
    case 'Boolean':
      return `typeof ${v} === 'boolean'`;
    case 'String': {
      if (schema['pattern'] !== undefined || schema['format'] !== undefined) return delegate(schema, v, build);
      const parts = [`typeof ${v} === 'string'`];
      if (typeof schema['maxLength'] === 'number') parts.push(`${v}.length <= ${schema['maxLength']}`);
      if (typeof schema['minLength'] === 'number') parts.push(`${v}.length >= ${schema['minLength']}`);
      return parts.join(' && ');
    }
    case 'Number':
    case 'Integer': {
      if (schema['multipleOf'] !== undefined) return delegate(schema, v, build);
      const parts = [
        schema[Kind] === 'Integer' ? `Number.isInteger(${v})` : TypeSystemPolicy.AllowNaN ? `typeof ${v} === 'number'` : `Number.isFinite(${v})`,
      ];
      for (const [keyword, operator] of NUMERIC_BOUNDS) {
        const bound = schema[keyword] as unknown;
        if (typeof bound === 'number') parts.push(`${v} ${operator} ${bound}`);
      }
      return parts.join(' && ');
    }
    case 'Literal': {
      const constant = schema['const'] as unknown;
      if (typeof constant === 'string') return `${v} === ${JSON.stringify(constant)}`;
      if (typeof constant === 'number' || typeof constant === 'boolean') return `${v} === ${String(constant)}`;
      throw new Unsupported();
    }
    case 'Union': {
      const members = schema['anyOf'] as TSchema[];
      return `(${members.map((member) => `(${expression(member, v, build)})`).join(' || ')})`;
    }
    case 'Object':
    case 'Array':
    case 'Record':
      return `${functionFor(schema, build)}(${v})`;
    default:
      return delegate(schema, v, build);
  }
}

/** A part this compiler does not model: TypeCompiler checks it on its own. */
function delegate(schema: TSchema, v: string, build: Build): string {
  const compiled = TypeCompiler.Compile(schema);
  const at = build.delegates.push((value) => compiled.Check(value)) - 1;
  return `delegates[${at}](${v})`;
}

function objectLike(v: string): string {
  return TypeSystemPolicy.AllowArrayObject ? `(typeof ${v} === 'object' && ${v} !== null)` : `(typeof ${v} === 'object' && ${v} !== null && !Array.isArray(${v}))`;
}

function recordLike(v: string): string {
  return `${objectLike(v)} && !(${v} instanceof Date) && !(${v} instanceof Uint8Array)`;
}
