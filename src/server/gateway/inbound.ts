import type { PresenceStatusStored } from '../contracts.js';
import { nestsTooDeep } from '../json-depth.js';

/**
 * Client -> server frame parsing, as strict as the real server's serde types (docs/protocol.md §1.2):
 * `op` an integer 0..255, `seq` a non-negative integer or null, `type` a string or null. Anything
 * else is "bad JSON" (null here), and so is JSON nested past serde_json's recursion limit.
 */
export interface InboundEnvelope {
  op: number;
  data: unknown;
}

// serde rejects `"op": 1.0` / `"seq": 1e0` for integer fields; JSON.parse would accept them.
const FLOAT_LITERAL_FOR_INTEGER_FIELD = /"(?:op|seq)"\s*:\s*-?\d+(?:\.|[eE])/;

export function parseEnvelope(text: string): InboundEnvelope | null {
  if (nestsTooDeep(text)) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(value)) return null;
  const { op, seq, type } = value;
  if (!isIntegerIn(op, 0, 255)) return null;
  if (seq !== undefined && seq !== null && !isIntegerIn(seq, 0, Number.MAX_SAFE_INTEGER)) return null;
  if (type !== undefined && type !== null && typeof type !== 'string') return null;
  if (FLOAT_LITERAL_FOR_INTEGER_FIELD.test(text)) return null;
  return { op, data: value.data };
}

/** Requested presence from IDENTIFY; null members mean "no preference" (docs/protocol.md §1.5.4). */
export interface RequestedPresence {
  status: PresenceStatusStored | null;
  activities: unknown[] | null;
}

export interface IdentifyRequest {
  token: string;
  intents: string[];
  presence: RequestedPresence;
}

export interface ResumeRequest {
  token: string;
  sessionId: string;
  seq: number;
}

const NO_PREFERENCE: RequestedPresence = Object.freeze({ status: null, activities: null });

/**
 * Security fix (the real server relays any activity JSON to every watcher): one activity is at
 * most this many bytes of JSON, in op 8 and in IDENTIFY alike...
 */
export const MAX_ACTIVITY_BYTES = 4096;
/** ...and an IDENTIFY presence names at most this many activities. */
export const MAX_ACTIVITIES = 5;

function activitiesFit(activities: readonly unknown[]): boolean {
  if (activities.length > MAX_ACTIVITIES) return false;
  for (const activity of activities) {
    if (Buffer.byteLength(JSON.stringify(activity) ?? 'null', 'utf8') > MAX_ACTIVITY_BYTES) return false;
  }
  return true;
}

export function parseIdentify(data: unknown): IdentifyRequest | null {
  if (!isRecord(data)) return null;
  const { token, intents, presence } = data;
  if (typeof token !== 'string') return null;
  if (!Array.isArray(intents)) return null;
  for (const intent of intents) if (typeof intent !== 'string') return null;
  let requested = NO_PREFERENCE;
  if (presence !== undefined && presence !== null) {
    if (!isRecord(presence)) return null;
    const activities = Array.isArray(presence.activities)
      ? presence.activities
      : presence.activity !== undefined && presence.activity !== null
        ? [presence.activity]
        : null;
    // an oversized presence is ignored whole, as op 8 ignores the whole frame; IDENTIFY goes on
    if (activities === null || activitiesFit(activities)) {
      requested = { status: isStoredStatus(presence.status) ? presence.status : null, activities };
    }
  }
  return { token, intents: intents as string[], presence: requested };
}

export function parseResume(data: unknown): ResumeRequest | null {
  if (!isRecord(data)) return null;
  const { token, session_id: sessionId, seq } = data;
  if (typeof token !== 'string' || typeof sessionId !== 'string') return null;
  if (seq === undefined || seq === null) return { token, sessionId, seq: 0 };
  if (!isIntegerIn(seq, 0, Number.MAX_SAFE_INTEGER)) return null;
  return { token, sessionId, seq };
}

/**
 * Op 8: `status` must be a string (else ignored); unknown strings mean online (docs/protocol.md §1.15).
 * An activity over MAX_ACTIVITY_BYTES is malformed data: the frame is ignored.
 */
export function parsePresenceUpdate(data: unknown): { status: PresenceStatusStored; activities: unknown[] } | null {
  if (!isRecord(data) || typeof data.status !== 'string') return null;
  const activity = data.activity;
  const activities = activity === undefined || activity === null ? [] : [activity];
  if (!activitiesFit(activities)) return null;
  return { status: isStoredStatus(data.status) ? data.status : 'online', activities };
}

function isStoredStatus(value: unknown): value is PresenceStatusStored {
  return value === 'online' || value === 'idle' || value === 'dnd' || value === 'invisible';
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}
