import { exampleEvents, liveEventTypes, madeUpIds } from './fuzz-examples.js';
import type { FuzzIds } from './fuzz-examples.js';
import {
  DEFAULT_LIMITS,
  addProtoKeys,
  collectPaths,
  deepMarker,
  deleteAt,
  hugeString,
  isRecord,
  nonJsonText,
  randomBytes,
  replacementValue,
  serialize,
  setAt,
} from './json-mutations.js';
import type { MutationLimits } from './json-mutations.js';
import { Prng } from './prng.js';

/** How a generated frame departs from a valid dispatch. */
export const MUTATION_KINDS = [
  'valid',
  'field_removed',
  'wrong_type',
  'null_field',
  'huge_string',
  'huge_array',
  'deep_nesting',
  'proto_keys',
  'unknown_type',
  'unknown_op',
  'bad_envelope',
  'data_not_object',
  'non_json',
  'binary',
] as const;

export type MutationKind = (typeof MUTATION_KINDS)[number];

/** The weighted table a mutator draws from: defaults overridden per kind, zero weights left out. */
export function mutationWeights(
  defaults: Readonly<Record<MutationKind, number>>,
  overrides: Partial<Record<MutationKind, number>> | undefined,
): (readonly [MutationKind, number])[] {
  return MUTATION_KINDS.map((kind) => [kind, overrides?.[kind] ?? defaults[kind]] as const).filter(([, weight]) => weight > 0);
}

export interface GeneratedFrame {
  mutation: MutationKind;
  /** The dispatch type the frame was built from (before any mutation of `type` itself). */
  sourceType: string;
  /** A string is sent as a text frame, bytes as a binary frame. */
  payload: string | Uint8Array;
  /** Whether the frame refers to real ids (entities the client holds) rather than made-up ones. */
  realIds?: boolean;
}

export interface FrameMutatorOptions {
  seed: string;
  /** Real ids (entities the client has cached); default: none, only made-up ids are used. */
  ids?: FuzzIds;
  /** Share of frames that refer to real ids (default 0.5 when `ids` is given). */
  realIdShare?: number;
  weights?: Partial<Record<MutationKind, number>>;
  limits?: Partial<MutationLimits>;
  /** Dispatch types to build from (default: every type but ready/resumed). */
  eventTypes?: readonly string[];
}

const DEFAULT_WEIGHTS: Readonly<Record<MutationKind, number>> = {
  valid: 6,
  field_removed: 12,
  wrong_type: 14,
  null_field: 10,
  huge_string: 1.5,
  huge_array: 1.5,
  deep_nesting: 1,
  proto_keys: 8,
  unknown_type: 6,
  unknown_op: 6,
  bad_envelope: 8,
  data_not_object: 6,
  non_json: 8,
  binary: 4,
};

const UNKNOWN_TYPES = [
  '',
  ' ',
  'message.creat',
  'MESSAGE.CREATE',
  'message.create ',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'ready.',
  'raw',
  'error',
  'disconnected',
  'newListener',
  '💥',
  'x'.repeat(5000),
];

// Never op 0 (dispatch) or the server ops that steer the connection (1, 4, 5, 6, 7).
const UNKNOWN_OPS: readonly unknown[] = [2, 3, 8, 9, 10, 11, 12, 99, 255, 256, -1, 1.5, 1e9, '0', '1', null, true, [], {}];

/**
 * A seeded, structure-aware generator of server -> client gateway frames. Each frame starts as a
 * valid example of a dispatch type and is then broken in one way. Frames never carry a numeric
 * `seq`, so injecting them into a live session cannot disturb its seq tracking.
 */
export class FrameMutator {
  private readonly rng: Prng;
  private readonly limits: MutationLimits;
  private readonly fake: FuzzIds;
  private readonly real: FuzzIds | undefined;
  private readonly realShare: number;
  private readonly weights: (readonly [MutationKind, number])[];
  private readonly types: readonly string[] | undefined;
  private fakeExamples: Record<string, unknown>[] | undefined;
  private realExamples: Record<string, unknown>[] | undefined;
  generated = 0;

  constructor(options: FrameMutatorOptions) {
    this.rng = new Prng(`frames:${options.seed}`);
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.fake = madeUpIds(this.rng.fork('ids'));
    this.real = options.ids && options.ids.channelIds.length > 0 ? fillMissing(options.ids, this.fake) : undefined;
    this.realShare = this.real ? (options.realIdShare ?? 0.5) : 0;
    this.weights = mutationWeights(DEFAULT_WEIGHTS, options.weights);
    this.types = options.eventTypes;
  }

  next(kind?: MutationKind): GeneratedFrame {
    this.generated++;
    const rng = this.rng;
    const useReal = this.real !== undefined && rng.chance(this.realShare);
    const examples = rng.pick(useReal ? this.realPool() : this.fakePool());
    const sourceType = rng.pick(this.types ?? liveEventTypes(examples));
    const data: unknown = structuredClone(examples[sourceType] ?? {});
    const mutation = kind ?? rng.weighted(this.weights);
    const frame: Record<string, unknown> = { op: 0, type: sourceType, data };
    return { mutation, sourceType, payload: this.build(mutation, frame, data), realIds: useReal };
  }

  // Building examples is the slow part: a pool of them, cloned per frame, keeps generation fast.
  private fakePool(): Record<string, unknown>[] {
    this.fakeExamples ??= this.pool(this.fake);
    return this.fakeExamples;
  }

  private realPool(): Record<string, unknown>[] {
    this.realExamples ??= this.real ? this.pool(this.real) : this.fakePool();
    return this.realExamples;
  }

  private pool(ids: FuzzIds): Record<string, unknown>[] {
    const rng = this.rng.fork('pool');
    return Array.from({ length: 24 }, () => exampleEvents(ids, rng) as unknown as Record<string, unknown>);
  }

  private build(mutation: MutationKind, frame: Record<string, unknown>, data: unknown): string | Uint8Array {
    const rng = this.rng;
    const limits = this.limits;
    const paths = collectPaths(data);
    const path = paths.length > 0 ? rng.pick(paths) : undefined;
    switch (mutation) {
      case 'valid':
        return serialize(frame, rng, limits);
      case 'field_removed':
        if (path) deleteAt(data, path);
        else frame['data'] = {};
        return serialize(frame, rng, limits);
      case 'wrong_type':
      case 'null_field':
      case 'huge_array':
        if (path) setAt(data, path, replacementValue(mutation, rng, limits));
        return serialize(frame, rng, limits);
      case 'huge_string':
        if (path) setAt(data, path, hugeString(rng, limits));
        else frame['type'] = hugeString(rng, limits);
        return serialize(frame, rng, limits);
      case 'deep_nesting':
        if (path && rng.chance(0.8)) setAt(data, path, deepMarker());
        else frame['data'] = deepMarker();
        return serialize(frame, rng, limits);
      case 'proto_keys': {
        const objects = [data, ...paths.map((p) => valueAt(data, p))].filter(isRecord);
        addProtoKeys(rng.chance(0.15) ? frame : (rng.pick(objects.length > 0 ? objects : [frame]) as Record<string, unknown>), rng);
        return serialize(frame, rng, limits);
      }
      case 'unknown_type':
        frame['type'] = rng.chance(0.8) ? rng.pick(UNKNOWN_TYPES) : `fuzz.${rng.string(rng.int(1, 20))}`;
        return serialize(frame, rng, limits);
      case 'unknown_op':
        frame['op'] = rng.pick(UNKNOWN_OPS);
        return serialize(frame, rng, limits);
      case 'bad_envelope':
        return this.badEnvelope(frame);
      case 'data_not_object':
        frame['data'] = rng.pick<unknown>([null, 0, 7, 'data', true, [], [data], '{}']);
        if (rng.chance(0.2)) delete frame['data'];
        return serialize(frame, rng, limits);
      case 'non_json':
        return nonJsonText(rng, serialize(frame, rng, limits));
      case 'binary':
        return rng.chance(0.5)
          ? new TextEncoder().encode(serialize(frame, rng, limits))
          : randomBytes(rng, rng.int(0, 2048));
    }
  }

  private badEnvelope(frame: Record<string, unknown>): string {
    const rng = this.rng;
    switch (rng.int(0, 7)) {
      case 0:
        delete frame['op'];
        break;
      case 1:
        frame['op'] = rng.pick<unknown>(['0', null, true, [0], { op: 0 }]);
        break;
      case 2:
        frame['type'] = rng.pick<unknown>([123, null, [], {}, true]);
        break;
      case 3:
        // seq of a non-numeric type: the client must ignore it, never adopt it
        frame['seq'] = rng.pick<unknown>(['abc', '12', {}, [], true, null]);
        break;
      case 4:
        delete frame['type'];
        break;
      case 5: {
        // `op` only on the prototype: the frame itself has none
        const text = serialize(frame, rng, this.limits);
        return text.replace(/^\{"op":0,/, '{"__proto__":{"op":0},');
      }
      case 6:
        return `{"op":0.0,"type":${JSON.stringify(frame['type'])},"data":${JSON.stringify(frame['data'])}}`;
      default:
        return `{"op":99,"op":0,"type":${JSON.stringify(frame['type'])},"data":${JSON.stringify(frame['data'])},"extra":[1,2]}`;
    }
    return serialize(frame, rng, this.limits);
  }
}

function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let node = root;
  for (const key of path) {
    if (Array.isArray(node)) node = node[key as number];
    else if (isRecord(node)) node = node[String(key)];
    else return undefined;
  }
  return node;
}

function fillMissing(real: FuzzIds, fake: FuzzIds): FuzzIds {
  const either = (a: readonly string[], b: readonly string[]) => (a.length > 0 ? a : b);
  return {
    spaceIds: either(real.spaceIds, fake.spaceIds),
    channelIds: either(real.channelIds, fake.channelIds),
    userIds: either(real.userIds, fake.userIds),
    messageIds: either(real.messageIds, fake.messageIds),
    roleIds: either(real.roleIds, fake.roleIds),
  };
}
