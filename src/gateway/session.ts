/**
 * What it takes to RESUME a gateway session (docs/protocol.md §1.9.1): its id and the last dispatch seq
 * processed. Never the token: RESUME sends the client's own credential. `resumeUrl` is the gateway
 * the session lives on (accordserver has no separate resume URL, so it is the URL we connected to);
 * a stored session for another gateway is not resumed.
 */
export interface Session {
  readonly sessionId: string;
  readonly seq: number;
  readonly resumeUrl?: string;
}

/**
 * The session a connection is using. Its `seq` advances in place with every dispatch so the
 * per-frame path allocates nothing; anything handed out of the transport is a `Session` copy.
 */
export interface ActiveSession {
  readonly sessionId: string;
  seq: number;
  readonly resumeUrl?: string;
}

export function snapshotSession(session: ActiveSession): Session {
  return session.resumeUrl === undefined
    ? { sessionId: session.sessionId, seq: session.seq }
    : { sessionId: session.sessionId, seq: session.seq, resumeUrl: session.resumeUrl };
}

/** seq 0 can never resume (docs/protocol.md §1.9.1): the server's seq is at least READY's 1. */
export function canResume(session: ActiveSession | null): session is ActiveSession {
  return session !== null && session.seq > 0;
}
