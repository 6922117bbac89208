import { parseEvent } from '../models/index.js';
import { isRecord } from './json-mutations.js';

/**
 * What a client must do with a server -> client frame (ARCHITECTURE.md: "a frame that cannot be
 * parsed is reported with its type"):
 * - malformed: not a JSON object text frame, or no usable op/type: reported, skipped.
 * - dispatch: op 0 with a string type; `outcome` says whether its data fits the model
 *   (valid), was repaired with defaults (defaulted, reported), cannot be the model at all
 *   (fatal, reported and skipped), or is a type with no model (unmodelled, `raw` only).
 * - ignored_op: a numeric op the client has no use for.
 * - control: op 1/4/5/6/7, which steer the connection (the mutator never generates them).
 * An `outcome` of parser_threw means the model parser broke its never-throw contract on this
 * data (a finding in itself); the client must still survive it and report the frame.
 */
export type InboundVerdict =
  | { kind: 'malformed'; reason: string }
  | { kind: 'dispatch'; eventType: string; outcome: 'valid' | 'defaulted' | 'fatal' | 'unmodelled' | 'lifecycle' | 'parser_threw' }
  | { kind: 'ignored_op'; op: number }
  | { kind: 'control'; op: number };

const CONTROL_OPS = new Set([1, 4, 5, 6, 7]);

export function classifyInboundFrame(payload: string | Uint8Array): InboundVerdict {
  if (typeof payload !== 'string') return { kind: 'malformed', reason: 'binary frame' };
  let frame: unknown;
  try {
    frame = JSON.parse(payload);
  } catch {
    return { kind: 'malformed', reason: 'not JSON' };
  }
  if (!isRecord(frame)) return { kind: 'malformed', reason: 'not an object' };
  const op = Object.hasOwn(frame, 'op') ? frame['op'] : undefined;
  if (typeof op !== 'number') return { kind: 'malformed', reason: 'no numeric op' };
  if (op !== 0) return CONTROL_OPS.has(op) ? { kind: 'control', op } : { kind: 'ignored_op', op };
  const type = Object.hasOwn(frame, 'type') ? frame['type'] : undefined;
  if (typeof type !== 'string') return { kind: 'malformed', reason: 'dispatch without a type' };
  if (type === 'ready' || type === 'resumed') return { kind: 'dispatch', eventType: type, outcome: 'lifecycle' };
  let result: ReturnType<typeof parseEvent>;
  try {
    result = parseEvent(type, Object.hasOwn(frame, 'data') ? frame['data'] : undefined);
  } catch {
    return { kind: 'dispatch', eventType: type, outcome: 'parser_threw' };
  }
  if (result === undefined) return { kind: 'dispatch', eventType: type, outcome: 'unmodelled' };
  if (result.fatal !== undefined) return { kind: 'dispatch', eventType: type, outcome: 'fatal' };
  return { kind: 'dispatch', eventType: type, outcome: result.issues.length > 0 ? 'defaulted' : 'valid' };
}

/** Whether the client must report the frame through its `error` event. */
export function mustReport(verdict: InboundVerdict): boolean {
  return (
    verdict.kind === 'malformed' ||
    (verdict.kind === 'dispatch' && (verdict.outcome === 'fatal' || verdict.outcome === 'defaulted' || verdict.outcome === 'parser_threw'))
  );
}

/** Whether the frame, once handled, must leave every cache exactly as it was. */
export function mustNotChangeState(verdict: InboundVerdict): boolean {
  return (
    verdict.kind === 'malformed' ||
    verdict.kind === 'ignored_op' ||
    (verdict.kind === 'dispatch' && (verdict.outcome === 'fatal' || verdict.outcome === 'parser_threw'))
  );
}

/** What accordserver answers to one client frame (docs/protocol.md §1.4, §1.10, §1.14). */
export type ServerAnswer =
  /** op 4 */
  | 'heartbeat_ack'
  /** op 7 then the socket drops without a Close frame */
  | 'invalid_session'
  /** a valid IDENTIFY: READY if the token is good, else op 7 */
  | 'identify'
  /** a valid RESUME: `resumed` if the session is parked and the seq coverable, else op 7 */
  | 'resume'
  /** Close 4005 */
  | 'close_already_authenticated'
  /** nothing at all (the session keeps working) */
  | 'ignored'
  /** the shape is on the edge of what serde accepts: op 7 or accepted */
  | 'identify_or_invalid';

// serde rejects float literals for the integer fields `op` and `seq` (docs/protocol.md §1.2).
const FLOAT_LITERAL = /"(?:op|seq)"\s*:\s*-?\d+(?:\.|[eE])/;

interface Envelope {
  op: number;
  data: unknown;
}

// accordserver parses frames with serde_json, whose recursion limit refuses a document nesting
// arrays/objects this many levels deep or more (the outermost value is level 1).
const SERDE_DEPTH_LIMIT = 128;

/**
 * Whether a parsed value nests `limit` or more arrays/objects. Measured on the parsed value, not
 * on the text as the embedded server does, so the oracle does not judge the server by its own code.
 */
function nestsAtLeast(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [node, depth] = next;
    if (typeof node !== 'object' || node === null) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(node)) pending.push([child, depth + 1]);
  }
  return false;
}

// Written from docs/protocol.md §1.2, not imported from src/server/gateway/inbound.ts: the fuzz tests
// judge the embedded server's parsing by this oracle, so sharing its code would judge it by itself.
function envelope(text: string): Envelope | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  // A frame serde refuses for its depth is bad JSON to accordserver (one that deep has 2 × 128 brackets).
  if (text.length >= SERDE_DEPTH_LIMIT * 2 && nestsAtLeast(value, SERDE_DEPTH_LIMIT)) return null;
  if (!isRecord(value)) return null;
  const op = value['op'];
  const seq = value['seq'];
  const type = value['type'];
  if (!isIntegerIn(op, 0, 255)) return null;
  if (seq !== undefined && seq !== null && !isIntegerIn(seq, 0, Number.MAX_SAFE_INTEGER)) return null;
  if (type !== undefined && type !== null && typeof type !== 'string') return null;
  if (FLOAT_LITERAL.test(text)) return null;
  return { op, data: value['data'] };
}

/** The answer to a frame sent during the handshake (before READY / `resumed`). */
export function expectedHandshakeAnswer(text: string): ServerAnswer {
  const frame = envelope(text);
  if (!frame) return 'invalid_session';
  if (frame.op === 1) return 'heartbeat_ack';
  if (frame.op === 2) return identifyShape(frame.data);
  if (frame.op === 3) return resumeShape(frame.data) ? 'resume' : 'invalid_session';
  return 'invalid_session';
}

/** The answer to a frame sent on a live session. */
export function expectedLiveAnswer(text: string): ServerAnswer {
  const frame = envelope(text);
  if (!frame) return 'ignored';
  if (frame.op === 1) return 'heartbeat_ack';
  if (frame.op === 2 || frame.op === 3) return 'close_already_authenticated';
  return 'ignored';
}

function identifyShape(data: unknown): ServerAnswer {
  if (!isRecord(data)) return 'invalid_session';
  if (typeof data['token'] !== 'string') return 'invalid_session';
  const intents = data['intents'];
  if (!Array.isArray(intents) || intents.some((intent) => typeof intent !== 'string')) return 'invalid_session';
  const presence = data['presence'];
  if (presence === undefined || presence === null) return 'identify';
  if (!isRecord(presence)) return 'invalid_session';
  // Inner presence fields of the wrong type: serde would refuse them, a lenient server may not.
  const status = presence['status'];
  const activities = presence['activities'];
  if ((status !== undefined && status !== null && typeof status !== 'string') || (activities !== undefined && activities !== null && !Array.isArray(activities))) {
    return 'identify_or_invalid';
  }
  return 'identify';
}

function resumeShape(data: unknown): boolean {
  if (!isRecord(data)) return false;
  if (typeof data['token'] !== 'string' || typeof data['session_id'] !== 'string') return false;
  const seq = data['seq'];
  return seq === undefined || seq === null || isIntegerIn(seq, 0, Number.MAX_SAFE_INTEGER);
}

function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}
