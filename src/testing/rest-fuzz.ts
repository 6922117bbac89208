import {
  DEFAULT_LIMITS,
  addProtoKeys,
  collectPaths,
  deleteAt,
  isRecord,
  nonJsonText,
  replacementValue,
  serialize,
  setAt,
} from './json-mutations.js';
import type { MutationLimits } from './json-mutations.js';
import { Prng } from './prng.js';

/** One REST endpoint to fuzz: a valid body and the fields the server must insist on. */
export interface RestEndpoint {
  method: 'POST' | 'PATCH' | 'PUT';
  path: string;
  valid: Record<string, unknown>;
  /** Fields that must be present with this JSON type, else 400. */
  required?: Record<string, 'string' | 'array' | 'object'>;
}

export type RestMutation =
  | 'valid'
  | 'field_removed'
  | 'wrong_type'
  | 'null_field'
  | 'huge_string'
  | 'huge_array'
  | 'deep_nesting'
  | 'proto_keys'
  | 'not_an_object'
  | 'bad_json'
  | 'wrong_content_type'
  | 'too_large';

export interface RestFuzzCase {
  endpoint: RestEndpoint;
  mutation: RestMutation;
  body: string;
  contentType: string;
  /**
   * The protocol's answer (docs/protocol.md §5.2): the statuses allowed, and which of them come as
   * plain text (framework-level rejections: bad JSON 400, wrong content type 415, a body that does
   * not deserialize 422). Every other non-200 status carries the `{"error":{code,message}}` envelope.
   */
  expect: { statuses: readonly number[]; plainText: readonly number[] };
}

const MUTATIONS: readonly (readonly [RestMutation, number])[] = [
  ['valid', 3],
  ['field_removed', 10],
  ['wrong_type', 14],
  ['null_field', 8],
  ['huge_string', 2],
  ['huge_array', 2],
  ['deep_nesting', 2],
  ['proto_keys', 8],
  ['not_an_object', 5],
  ['bad_json', 6],
  ['wrong_content_type', 3],
  ['too_large', 0.5],
];

const MAX_BODY_BYTES = 1024 * 1024;
/** What may answer a well-formed JSON body, valid or not: a handler, or the extractor's 422. */
const HANDLER_STATUSES = [200, 400, 403, 404, 409, 413, 422];
/** A required field missing or of the wrong type: the extractor (422) or a handler check (400). */
const INVALID_STATUSES = [400, 422];
const EXTRACTOR_PLAIN = [422];

/** Seeded REST bodies for the embedded server, each with the answer the protocol requires. */
export class RestBodyFuzzer {
  private readonly rng: Prng;
  private readonly limits: MutationLimits;

  constructor(
    seed: string,
    private readonly endpoints: readonly RestEndpoint[],
    limits: Partial<MutationLimits> = {},
  ) {
    this.rng = new Prng(`rest:${seed}`);
    this.limits = { ...DEFAULT_LIMITS, maxStringLength: 10_000, maxArrayLength: 2_000, maxDepth: 5_000, ...limits };
  }

  next(): RestFuzzCase {
    const rng = this.rng;
    const endpoint = rng.pick(this.endpoints);
    const mutation = rng.weighted(MUTATIONS);
    const body: Record<string, unknown> = structuredClone(endpoint.valid);
    const paths = collectPaths(body);
    const path = paths.length > 0 ? rng.pick(paths) : undefined;
    const json = 'application/json';
    switch (mutation) {
      case 'bad_json':
        return this.done(endpoint, mutation, nonJsonOnly(rng, serialize(body, rng, this.limits)), json, { statuses: [400], plainText: [400] });
      case 'wrong_content_type':
        return this.done(endpoint, mutation, serialize(body, rng, this.limits), rng.pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']), {
          statuses: [415],
          plainText: [415],
        });
      case 'too_large':
        return this.done(endpoint, mutation, JSON.stringify({ ...body, padding: 'x'.repeat(MAX_BODY_BYTES) }), json, { statuses: [413], plainText: [] });
      case 'not_an_object': {
        const text = JSON.stringify(rng.pick<unknown>([[], [body], 'text', 42, true, null]));
        return this.done(endpoint, mutation, text, json, { statuses: INVALID_STATUSES, plainText: EXTRACTOR_PLAIN });
      }
      case 'field_removed':
        if (path) deleteAt(body, path);
        break;
      case 'wrong_type':
      case 'null_field':
      case 'huge_string':
      case 'huge_array':
      case 'deep_nesting':
        if (path) setAt(body, path, replacementValue(mutation, rng, this.limits));
        break;
      case 'proto_keys':
        addProtoKeys(body, rng);
        break;
      case 'valid':
        break;
    }
    const text = serialize(body, rng, this.limits);
    if (Buffer.byteLength(text) > MAX_BODY_BYTES) return this.done(endpoint, mutation, text, json, { statuses: [413], plainText: [] });
    return this.done(endpoint, mutation, text, json, {
      statuses: violatesRequired(endpoint, body) ? INVALID_STATUSES : HANDLER_STATUSES,
      plainText: EXTRACTOR_PLAIN,
    });
  }

  private done(endpoint: RestEndpoint, mutation: RestMutation, body: string, contentType: string, expect: RestFuzzCase['expect']): RestFuzzCase {
    return { endpoint, mutation, body, contentType, expect };
  }
}

function violatesRequired(endpoint: RestEndpoint, body: Record<string, unknown>): boolean {
  for (const [field, type] of Object.entries(endpoint.required ?? {})) {
    const value = Object.hasOwn(body, field) ? body[field] : undefined;
    if (type === 'string' && typeof value !== 'string') return true;
    if (type === 'array' && !Array.isArray(value)) return true;
    if (type === 'object' && !isRecord(value)) return true;
  }
  return false;
}

/** Text that JSON.parse rejects (empty bodies read as `{}` on the server, so never empty). */
function nonJsonOnly(rng: Prng, valid: string): string {
  for (;;) {
    const text = nonJsonText(rng, valid);
    if (text.trim() === '') continue;
    try {
      JSON.parse(text);
    } catch {
      return text;
    }
  }
}
