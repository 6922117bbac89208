import { Kind, Type, type TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import * as models from '../../../src/models/index.js';
import { compileFastCheck, parseEvent } from '../../../src/models/index.js';
import * as wire from './wire-fixtures.js';

/** Every schema the models export (MessageSchema, ReadyDataSchema, the event payloads, ...). */
const schemas: [string, TSchema][] = [];
for (const [name, value] of Object.entries(models) as [string, unknown][]) {
  if (typeof value === 'object' && value !== null && Kind in value) schemas.push([name, value as TSchema]);
}

const ODD_VALUES: unknown[] = [null, undefined, 0, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '', 'x', true, [], [1], ['a'], {}, { name: 'x' }];

/** The value, then copies with one field (top level or one level down) replaced or removed. */
function* variants(value: unknown): Generator<unknown> {
  yield value;
  for (const odd of ODD_VALUES) yield odd;
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    if (value.length === 0) return;
    for (const odd of ODD_VALUES) yield [odd, ...value.slice(1)];
    for (const inner of variants(value[0])) yield [inner];
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const { [key]: _dropped, ...without } = record;
    yield without;
    for (const odd of ODD_VALUES) yield { ...record, [key]: odd };
    const inner = record[key];
    if (typeof inner === 'object' && inner !== null) {
      for (const nested of variants(inner)) yield { ...record, [key]: nested };
    }
  }
  yield { ...record, extra_field: 'kept' };
}

function samplesFor(schema: TSchema): unknown[] {
  const fixtures = Object.values(wire) as unknown[];
  return [Value.Create(schema), ...fixtures];
}

describe('compileFastCheck', () => {
  it('covers the hot schemas without falling back to TypeCompiler', () => {
    for (const schema of [models.MessageSchema, models.ReadyDataSchema, models.PresenceSchema, models.MemberSchema, models.TypingStartSchema]) {
      expect(compileFastCheck(schema)).not.toBeNull();
    }
  });

  it.each(schemas)('answers exactly as TypeCompiler for %s and mutations of its wire shapes', (_name, schema) => {
    const fast = compileFastCheck(schema);
    const reference = TypeCompiler.Compile(schema);
    if (fast === null) return;
    let accepted = 0;
    let rejected = 0;
    for (const sample of samplesFor(schema)) {
      for (const value of variants(sample)) {
        const expected = reference.Check(value);
        expect(fast(value), JSON.stringify(value)?.slice(0, 200)).toBe(expected);
        if (expected) accepted++;
        else rejected++;
      }
    }
    // both answers were exercised
    expect(accepted).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(0);
  });

  it('follows TypeCompiler on kinds it hands over and on constraints', () => {
    const schema = Type.Object({
      code: Type.String({ pattern: '^[a-z]+$' }),
      short: Type.String({ minLength: 1, maxLength: 3 }),
      count: Type.Integer({ minimum: 0, exclusiveMaximum: 10 }),
      ratio: Type.Number({ multipleOf: 0.5 }),
      kind: Type.Union([Type.Literal('a'), Type.Literal(2), Type.Literal(true)]),
      tags: Type.Array(Type.String(), { minItems: 1, maxItems: 2 }),
      map: Type.Record(Type.String(), Type.Number()),
      pair: Type.Tuple([Type.String(), Type.Number()]),
      anything: Type.Unknown(),
      maybe: Type.Optional(Type.Union([Type.String(), Type.Undefined()])),
    });
    const fast = compileFastCheck(schema);
    const reference = TypeCompiler.Compile(schema);
    expect(fast).not.toBeNull();
    const valid = { code: 'abc', short: 'ab', count: 3, ratio: 1.5, kind: 2, tags: ['x'], map: { a: 1 }, pair: ['p', 1], anything: null };
    expect(reference.Check(valid)).toBe(true);
    const extra = [
      { ...valid, code: 'ABC' },
      { ...valid, short: '' },
      { ...valid, short: 'abcd' },
      { ...valid, count: 10 },
      { ...valid, count: -1 },
      { ...valid, count: 1.5 },
      { ...valid, ratio: 1.2 },
      { ...valid, kind: 'b' },
      { ...valid, tags: [] },
      { ...valid, tags: ['a', 'b', 'c'] },
      { ...valid, map: { a: 'x' } },
      // A key with a line break does not match `^(.*)$`: its value is not checked.
      { ...valid, map: { 'a\nb': 'x' } },
      { ...valid, map: { 'a\nb': 'x', c: 'y' } },
      { ...valid, map: { 'a\u2028b': 1, c: 2 } },
      { ...valid, map: [] },
      { ...valid, map: new Date() },
      { ...valid, pair: ['p'] },
      { ...valid, maybe: undefined },
      { ...valid, maybe: 'm' },
      { ...valid, maybe: 3 },
    ];
    for (const value of [valid, ...extra, ...variants(valid)]) expect(fast?.(value), JSON.stringify(value)).toBe(reference.Check(value));
  });

  it('keeps the parsed wire object itself on the fast path, with no issues', () => {
    const data = { ...wire.message };
    const result = parseEvent('message.create', data);
    expect(result?.value).toBe(data);
    expect(result?.issues).toEqual([]);
  });
});
