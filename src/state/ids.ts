/** Snowflake-style ids compare by length first, then lexicographically (docs/protocol.md §0). */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A message id the server knows (can page from, ack): not a pending send's `local:` id. */
export function isServerId(id: string): boolean {
  return !id.startsWith('local:');
}
