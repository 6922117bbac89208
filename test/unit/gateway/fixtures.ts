/** Wire payloads shaped exactly as docs/protocol.md §1.6 / §4.6 show them. */
import { emptyReadyData, messageJson } from '../../../fixtures/wire.js';

export function readyData(sessionId = 'sess-1', userId = 'u-1'): Record<string, unknown> {
  return emptyReadyData(sessionId, userId);
}

export function readyFrame(sessionId = 'sess-1', seq = 1): Record<string, unknown> {
  return { op: 0, type: 'ready', seq, data: readyData(sessionId) };
}

export function resumedFrame(sessionId: string, seq: number, replayed: number): Record<string, unknown> {
  return { op: 0, type: 'resumed', seq, data: { session_id: sessionId, seq, replayed } };
}

export function messageData(id: string, content = 'hello'): Record<string, unknown> {
  return messageJson({ id, channel_id: 'c-1', space_id: 's-1', author_id: 'u-2', content });
}

export function messageFrame(seq: number, id = `m-${seq}`): Record<string, unknown> {
  return { op: 0, type: 'message.create', seq, data: messageData(id) };
}
