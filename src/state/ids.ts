/** Snowflake-style ids compare by length first, then lexicographically (docs/protocol.md §0). */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
