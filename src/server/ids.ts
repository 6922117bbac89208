/**
 * Snowflake ids per docs/protocol.md §0: `(ms since 2024-01-01T00:00:00Z) << 22 | 12-bit sequence`,
 * process-wide and strictly increasing, returned as decimal strings.
 */

const EPOCH_MS = Date.UTC(2024, 0, 1);
const SEQUENCE_BITS = 22n;
const SEQUENCE_MASK = 0xfff;

let lastMs = -1;
let sequence = 0;

/** Builds the next id from `nowMs` (wall clock by default). Never returns a smaller id than before. */
export function nextSnowflake(nowMs: number = Date.now()): string {
  let ms = Math.max(0, Math.floor(nowMs) - EPOCH_MS);
  if (ms < lastMs) ms = lastMs; // the clock moved back: keep counting on the last millisecond
  if (ms === lastMs) {
    sequence = (sequence + 1) & SEQUENCE_MASK;
    if (sequence === 0) ms = lastMs + 1; // 4096 ids in one ms: borrow the next millisecond
  } else {
    sequence = 0;
  }
  lastMs = ms;
  return ((BigInt(ms) << SEQUENCE_BITS) | BigInt(sequence)).toString();
}

/** Milliseconds since the Unix epoch encoded in a snowflake id, or null when it is not one. */
export function snowflakeTimestamp(id: string): number | null {
  if (!/^\d{1,20}$/.test(id)) return null;
  return Number(BigInt(id) >> SEQUENCE_BITS) + EPOCH_MS;
}
