import type { TappedFrame } from './wire-tap.js';

/** What the wire showed for one connection across all its sockets. */
export interface SeqAuditStats {
  /** READY frames (sessions started). */
  sessions: number;
  /** RESUMEs answered with `resumed`. */
  resumes: number;
  /** RESUMEs answered with op 7 (the client then re-identifies). */
  resumesRefused: number;
  /** Dispatches replayed on resumes. */
  replayed: number;
  /** Seq numbers skipped inside one session (events the client never saw). */
  lost: number;
  /** Dispatches delivered again with a seq already seen in the session. */
  duplicated: number;
  /** message.create ids delivered more than once on this connection. */
  duplicateMessages: number;
  /** Anything else inconsistent (resume from a wrong seq, `replayed` miscounted, ...). */
  problems: string[];
}

interface ConnectionAudit extends SeqAuditStats {
  sessionId: string | null;
  lastSeq: number;
  resumeFrom: number | null;
  replayCount: number;
  messageIds: Set<string>;
}

const MAX_PROBLEMS = 50;

/**
 * Checks seq continuity per connection from the frames a WireTap observed: inside a session every
 * dispatch must be the previous seq + 1, a RESUME must start from the last seq the client
 * processed, and the replay must fill exactly the gap.
 */
export class SeqAuditor {
  private readonly audits = new Map<string, ConnectionAudit>();

  observe(label: string, frame: TappedFrame): void {
    const json = frame.json;
    if (!json) return;
    const audit = this.audit(label);
    const op = json['op'];
    const data = json['data'];
    if (frame.direction === 'out') {
      if (op === 3 && isRecord(data)) this.onResumeSent(audit, data);
      return;
    }
    if (op === 7) {
      if (audit.resumeFrom !== null) audit.resumesRefused++;
      audit.resumeFrom = null;
      return;
    }
    if (op !== 0) return;
    const type = json['type'];
    const seq = json['seq'];
    if (type === 'ready') {
      audit.sessions++;
      audit.sessionId = isRecord(data) && typeof data['session_id'] === 'string' ? data['session_id'] : null;
      audit.lastSeq = typeof seq === 'number' ? seq : 1;
      audit.resumeFrom = null;
      return;
    }
    if (type === 'resumed') {
      this.onResumed(label, audit, data, seq);
      return;
    }
    if (typeof seq !== 'number') return;
    if (seq === audit.lastSeq + 1) {
      audit.lastSeq = seq;
    } else if (seq <= audit.lastSeq) {
      audit.duplicated++;
      return;
    } else {
      audit.lost += seq - audit.lastSeq - 1;
      this.problem(audit, `${label}: seq jumped from ${audit.lastSeq} to ${seq}`);
      audit.lastSeq = seq;
    }
    if (audit.resumeFrom !== null) audit.replayCount++;
    if (type === 'message.create' && isRecord(data) && typeof data['id'] === 'string') {
      if (audit.messageIds.has(data['id'])) audit.duplicateMessages++;
      else audit.messageIds.add(data['id']);
    }
  }

  stats(label: string): SeqAuditStats {
    const { sessionId: _s, lastSeq: _l, resumeFrom: _r, replayCount: _c, messageIds: _m, ...stats } = this.audit(label);
    return { ...stats, problems: [...stats.problems] };
  }

  labels(): string[] {
    return [...this.audits.keys()];
  }

  /** Sums over every connection. */
  total(): SeqAuditStats {
    const sum: SeqAuditStats = emptyStats();
    for (const label of this.audits.keys()) {
      const one = this.stats(label);
      sum.sessions += one.sessions;
      sum.resumes += one.resumes;
      sum.resumesRefused += one.resumesRefused;
      sum.replayed += one.replayed;
      sum.lost += one.lost;
      sum.duplicated += one.duplicated;
      sum.duplicateMessages += one.duplicateMessages;
      for (const problem of one.problems) if (sum.problems.length < MAX_PROBLEMS) sum.problems.push(problem);
    }
    return sum;
  }

  private onResumeSent(audit: ConnectionAudit, data: Record<string, unknown>): void {
    const seq = typeof data['seq'] === 'number' ? data['seq'] : 0;
    if (data['session_id'] !== audit.sessionId) {
      this.problem(audit, `RESUME of session ${String(data['session_id'])}, last READY was ${String(audit.sessionId)}`);
    }
    if (seq !== audit.lastSeq) {
      this.problem(audit, `RESUME from seq ${seq} but the client last processed seq ${audit.lastSeq}`);
      if (seq > audit.lastSeq) audit.lost += seq - audit.lastSeq;
    }
    audit.resumeFrom = seq;
    audit.replayCount = 0;
  }

  private onResumed(label: string, audit: ConnectionAudit, data: unknown, seq: unknown): void {
    if (audit.resumeFrom === null) {
      this.problem(audit, `${label}: resumed without a RESUME`);
      return;
    }
    audit.resumes++;
    audit.replayed += audit.replayCount;
    const reported = isRecord(data) ? data['replayed'] : undefined;
    if (typeof reported === 'number' && reported !== audit.replayCount) {
      this.problem(audit, `${label}: resumed says ${reported} replayed, ${audit.replayCount} arrived`);
    }
    if (typeof seq === 'number' && seq !== audit.lastSeq) {
      this.problem(audit, `${label}: resumed at seq ${seq}, last replayed seq ${audit.lastSeq}`);
    }
    audit.resumeFrom = null;
  }

  private problem(audit: ConnectionAudit, text: string): void {
    if (audit.problems.length < MAX_PROBLEMS) audit.problems.push(text);
  }

  private audit(label: string): ConnectionAudit {
    let audit = this.audits.get(label);
    if (!audit) {
      audit = {
        ...emptyStats(),
        sessionId: null,
        lastSeq: 0,
        resumeFrom: null,
        replayCount: 0,
        messageIds: new Set(),
      };
      this.audits.set(label, audit);
    }
    return audit;
  }
}

function emptyStats(): SeqAuditStats {
  return { sessions: 0, resumes: 0, resumesRefused: 0, replayed: 0, lost: 0, duplicated: 0, duplicateMessages: 0, problems: [] };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
