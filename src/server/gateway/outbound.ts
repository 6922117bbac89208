/**
 * Server -> client frame text. Dispatches are built as a prefix ending in `"seq":` so one
 * serialization of `data` serves every session; each session only appends its own seq and `}`.
 */

export const HEARTBEAT_ACK_FRAME = '{"op":4}';
export const INVALID_SESSION_FRAME = '{"op":7,"data":{"resumable":false}}';
export const RECONNECT_FRAME = '{"op":6}';

export function helloFrame(heartbeatIntervalMs: number): string {
  return `{"op":5,"data":{"heartbeat_interval":${heartbeatIntervalMs}}}`;
}

/** JSON text of a payload; `undefined` becomes `null` so the frame stays valid JSON. */
export function serializeData(data: unknown): string {
  return JSON.stringify(data) ?? 'null';
}

/** `{"op":0,"type":…,"data":…,"seq":` — complete it with `stampSeq`. */
export function dispatchPrefix(type: string, dataJson: string): string {
  return `{"op":0,"type":${JSON.stringify(type)},"data":${dataJson},"seq":`;
}

export function stampSeq(prefix: string, seq: number): string {
  return `${prefix}${seq}}`;
}

/** A dispatch without seq: only `voice.server_update` travels like this (PROTOCOL.md §1.7). */
export function unsequencedDispatch(type: string, data: unknown): string {
  return `{"op":0,"type":${JSON.stringify(type)},"data":${serializeData(data)}}`;
}
