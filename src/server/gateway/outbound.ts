/**
 * Server -> client frame text. A dispatch is serialized and UTF-8 encoded once, as the bytes of
 * `{"op":0,"type":…,"data":…,"seq":`, and that one buffer serves every session it reaches (and
 * every replay buffer that keeps it); each session only adds its own `seq}`.
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

/** `{"op":0,"type":…,"data":…,"seq":` — complete it with `seqTail`. */
export function dispatchPrefix(type: string, dataJson: string): string {
  return `{"op":0,"type":${JSON.stringify(type)},"data":${dataJson},"seq":`;
}

/** What a session appends to a shared dispatch: its seq and the closing brace. */
export function seqTail(seq: number): string {
  return `${seq}}`;
}

/** One dispatch, encoded once and shared by every session (and replay buffer) that gets it. */
export class SharedDispatch {
  /** UTF-8 bytes of the dispatch prefix, ending in `"seq":`. */
  readonly body: Buffer;

  constructor(type: string, dataJson: string) {
    this.body = Buffer.from(dispatchPrefix(type, dataJson), 'utf8');
  }

  get byteLength(): number {
    return this.body.length;
  }

  /** The whole frame as one string (for transports that cannot share bytes, and for tests). */
  frameText(seq: number): string {
    return `${this.body.toString('utf8')}${seqTail(seq)}`;
  }
}

/** A dispatch without seq: only `voice.server_update` travels like this (docs/protocol.md §1.7). */
export function unsequencedDispatch(type: string, data: unknown): string {
  return `{"op":0,"type":${JSON.stringify(type)},"data":${serializeData(data)}}`;
}
