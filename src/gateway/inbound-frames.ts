import type { GatewayFrame } from '../protocol/index.js';
import type { ParseIssue } from '../models/index.js';

/** A text frame as a frame object, or why it is not one (reported as `malformed_frame`, then skipped). */
export function readFrame(raw: unknown): GatewayFrame | string {
  if (typeof raw !== 'string') return 'binary frame (expected a JSON text frame)';
  let frame: unknown;
  try {
    frame = JSON.parse(raw);
  } catch {
    return 'frame is not valid JSON';
  }
  if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) return 'frame is not a JSON object';
  return frame as GatewayFrame;
}

/** HELLO's heartbeat interval, or `fallback` when it is missing or not a positive number. */
export function helloIntervalMs(data: unknown, fallback: number): number {
  const interval = (data as { heartbeat_interval?: unknown } | null | undefined)?.heartbeat_interval;
  return typeof interval === 'number' && interval > 0 ? interval : fallback;
}

/** op 7's data: accordserver sends an object (docs/protocol.md §7.1); a truthiness check would resume forever. */
export function invalidSessionResumable(data: unknown): boolean {
  return typeof data === 'boolean'
    ? data
    : typeof data === 'object' && data !== null && (data as { resumable?: unknown }).resumable === true;
}

export function describeIssues(issues: readonly ParseIssue[]): string {
  return issues.map((issue) => `${issue.path || '/'}: ${issue.message}`).join('; ');
}
