import { exampleClientFrames, madeUpIds } from './fuzz-examples.js';
import type { FuzzIds } from './fuzz-examples.js';
import type { GeneratedFrame, MutationKind } from './frame-mutator.js';
import { mutationWeights } from './frame-mutator.js';
import {
  DEFAULT_LIMITS,
  addProtoKeys,
  collectPaths,
  deleteAt,
  isRecord,
  nonJsonText,
  randomBytes,
  replacementValue,
  serialize,
  setAt,
} from './json-mutations.js';
import type { MutationLimits } from './json-mutations.js';
import { Prng } from './prng.js';

export interface ClientFrameMutatorOptions {
  seed: string;
  /** The token put in IDENTIFY/RESUME examples (already with its `Bearer ` prefix). */
  token: string;
  ids?: FuzzIds;
  /** Client frame kinds to start from (default: all of exampleClientFrames). */
  kinds?: readonly string[];
  weights?: Partial<Record<MutationKind, number>>;
  limits?: Partial<MutationLimits>;
}

const DEFAULT_WEIGHTS: Readonly<Record<MutationKind, number>> = {
  valid: 6,
  field_removed: 12,
  wrong_type: 14,
  null_field: 8,
  huge_string: 1,
  huge_array: 1,
  deep_nesting: 1,
  proto_keys: 8,
  unknown_type: 3,
  unknown_op: 8,
  bad_envelope: 12,
  data_not_object: 8,
  non_json: 10,
  binary: 3,
};

/**
 * A seeded generator of client -> server frames for fuzzing the embedded server: valid
 * heartbeat, IDENTIFY, RESUME and op 8–11 frames, each broken in one way.
 */
export class ClientFrameMutator {
  private readonly rng: Prng;
  private readonly limits: MutationLimits;
  private readonly ids: FuzzIds;
  private readonly weights: (readonly [MutationKind, number])[];
  private readonly kinds: readonly string[] | undefined;

  constructor(private readonly options: ClientFrameMutatorOptions) {
    this.rng = new Prng(`client-frames:${options.seed}`);
    this.limits = { ...DEFAULT_LIMITS, maxStringLength: 20_000, maxArrayLength: 5_000, ...options.limits };
    this.ids = options.ids ?? madeUpIds(this.rng.fork('ids'));
    this.weights = mutationWeights(DEFAULT_WEIGHTS, options.weights);
    this.kinds = options.kinds;
  }

  next(kind?: MutationKind): GeneratedFrame {
    const rng = this.rng;
    const examples = exampleClientFrames(this.options.token, rng, this.ids);
    const sourceType = rng.pick(this.kinds ?? Object.keys(examples));
    const frame: Record<string, unknown> = examples[sourceType] ?? { op: 1 };
    const mutation = kind ?? rng.weighted(this.weights);
    return { mutation, sourceType, payload: this.build(mutation, frame) };
  }

  private build(mutation: MutationKind, frame: Record<string, unknown>): string | Uint8Array {
    const rng = this.rng;
    const limits = this.limits;
    const data = frame['data'];
    const paths = collectPaths(data);
    const path = paths.length > 0 ? rng.pick(paths) : undefined;
    switch (mutation) {
      case 'valid':
        return serialize(frame, rng, limits);
      case 'field_removed':
        if (path) deleteAt(data, path);
        else delete frame['data'];
        return serialize(frame, rng, limits);
      case 'wrong_type':
      case 'null_field':
      case 'huge_string':
      case 'huge_array':
      case 'deep_nesting': {
        const value = replacementValue(mutation, rng, limits);
        if (path) setAt(data, path, value);
        else frame['data'] = value;
        return serialize(frame, rng, limits);
      }
      case 'proto_keys': {
        const target = isRecord(data) && rng.chance(0.7) ? data : frame;
        addProtoKeys(target, rng);
        return serialize(frame, rng, limits);
      }
      case 'unknown_type':
        frame['type'] = rng.pick<unknown>(['__proto__', 'constructor', 'message.create', '', 'x'.repeat(1000)]);
        return serialize(frame, rng, limits);
      case 'unknown_op':
        frame['op'] = rng.pick<unknown>([0, 4, 5, 6, 7, 12, 99, 200, 255]);
        return serialize(frame, rng, limits);
      case 'bad_envelope':
        return this.badEnvelope(frame);
      case 'data_not_object':
        frame['data'] = rng.pick<unknown>([null, 0, 'data', true, [], [data]]);
        return serialize(frame, rng, limits);
      case 'non_json':
        return nonJsonText(rng, serialize(frame, rng, limits));
      case 'binary':
        return rng.chance(0.5) ? new TextEncoder().encode(serialize(frame, rng, limits)) : randomBytes(rng, rng.int(1, 512));
    }
  }

  private badEnvelope(frame: Record<string, unknown>): string {
    const rng = this.rng;
    const rest = JSON.stringify({ ...frame, op: undefined }).slice(1);
    const op = String(frame['op']);
    switch (rng.int(0, 9)) {
      case 0:
        delete frame['op'];
        break;
      case 1:
        frame['op'] = rng.pick<unknown>([String(op), null, true, [Number(op)], -1, 256, 1e3]);
        break;
      case 2:
        frame['seq'] = rng.pick<unknown>([-1, 'abc', {}, [], true]);
        break;
      case 3:
        frame['type'] = rng.pick<unknown>([1, [], {}, true]);
        break;
      case 4:
        return `{"op":${op}.0,${rest}`;
      case 5:
        return `{"op":${op}e0,${rest}`;
      case 6:
        return `{"seq":1.5,"op":${op},${rest}`;
      case 7:
        return `{"__proto__":{"op":${op}},${rest}`;
      case 8:
        frame['seq'] = rng.int(0, 1000);
        frame['type'] = null;
        break;
      default:
        return `{"op":${op},"op":${op},${rest}`;
    }
    return serialize(frame, rng, this.limits);
  }
}
