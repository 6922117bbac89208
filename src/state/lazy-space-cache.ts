type PendingOp<T> = { kind: 'upsert'; item: T } | { kind: 'remove'; key: string };

/**
 * A per-space keyed cache that is loaded over REST the first time it is asked for (bans,
 * invites) and kept current by events. Events that arrive while the load is in flight are
 * replayed on top of the loaded list, so a late REST answer never undoes them.
 */
export class LazySpaceCache<T> {
  private readonly entries = new Map<string, Map<string, T>>();
  private readonly loadState = new Map<string, 'loading' | 'loaded'>();
  private readonly pending = new Map<string, PendingOp<T>[]>();

  constructor(private readonly keyOf: (item: T) => string) {}

  list(spaceId: string): T[] {
    const map = this.entries.get(spaceId);
    return map ? Array.from(map.values()) : [];
  }

  /** True when nothing was loaded for the space and no load is running. */
  needsLoad(spaceId: string): boolean {
    return !this.loadState.has(spaceId);
  }

  beginLoad(spaceId: string): void {
    this.loadState.set(spaceId, 'loading');
    this.pending.set(spaceId, []);
  }

  finishLoad(spaceId: string, items: readonly T[]): void {
    const map = new Map<string, T>();
    for (const item of items) map.set(this.keyOf(item), item);
    for (const op of this.pending.get(spaceId) ?? []) {
      if (op.kind === 'upsert') map.set(this.keyOf(op.item), op.item);
      else map.delete(op.key);
    }
    this.pending.delete(spaceId);
    this.entries.set(spaceId, map);
    this.loadState.set(spaceId, 'loaded');
  }

  /** A failed load leaves what events brought and lets the next ask try again. */
  failLoad(spaceId: string): void {
    this.pending.delete(spaceId);
    this.loadState.delete(spaceId);
  }

  upsert(spaceId: string, item: T): void {
    let map = this.entries.get(spaceId);
    if (!map) {
      map = new Map();
      this.entries.set(spaceId, map);
    }
    map.set(this.keyOf(item), item);
    this.pending.get(spaceId)?.push({ kind: 'upsert', item });
  }

  remove(spaceId: string, key: string): void {
    this.entries.get(spaceId)?.delete(key);
    this.pending.get(spaceId)?.push({ kind: 'remove', key });
  }

  /** Spaces whose list was fully loaded (to reload after a rebuild). */
  loadedSpaces(): string[] {
    const out: string[] = [];
    for (const [spaceId, state] of this.loadState) if (state === 'loaded') out.push(spaceId);
    return out;
  }

  deleteSpace(spaceId: string): void {
    this.entries.delete(spaceId);
    this.loadState.delete(spaceId);
    this.pending.delete(spaceId);
  }

  clear(): void {
    this.entries.clear();
    this.loadState.clear();
    this.pending.clear();
  }
}
