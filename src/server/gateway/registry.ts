import type { Session } from './session.js';

/** Subscribed sessions (live and parked), by id and by user. */
export class SessionRegistry {
  private readonly byId = new Map<string, Session>();
  private readonly byUser = new Map<string, Set<Session>>();

  get size(): number {
    return this.byId.size;
  }

  add(session: Session): void {
    this.byId.set(session.id, session);
    let set = this.byUser.get(session.userId);
    if (!set) {
      set = new Set();
      this.byUser.set(session.userId, set);
    }
    set.add(session);
  }

  remove(session: Session): void {
    if (this.byId.get(session.id) !== session) return;
    this.byId.delete(session.id);
    const set = this.byUser.get(session.userId);
    if (!set) return;
    set.delete(session);
    if (set.size === 0) this.byUser.delete(session.userId);
  }

  get(sessionId: string): Session | undefined {
    return this.byId.get(sessionId);
  }

  ofUser(userId: string): ReadonlySet<Session> | undefined {
    return this.byUser.get(userId);
  }

  hasUser(userId: string): boolean {
    return this.byUser.has(userId);
  }

  values(): IterableIterator<Session> {
    return this.byId.values();
  }

  clear(): void {
    this.byId.clear();
    this.byUser.clear();
  }
}
