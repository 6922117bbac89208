import type { Logger } from '../../util/logger.js';
import type { Connection } from '../gateway/connection.js';
import type { Gateway } from '../gateway/gateway.js';
import { RECONNECT_FRAME } from '../gateway/outbound.js';
import { RestFaults, type RestFaultRule } from './rest-faults.js';

/** What a fault did: its name, the session ids it hit, and anything else worth knowing. */
export interface FaultResult {
  fault: string;
  hit: string[];
  detail?: Record<string, unknown>;
}

/**
 * Fault injection for tests and demos. A `target` is a session id or a user id; without one a
 * fault hits every connection. Every fault is logged with what it hit.
 */
export class Faults {
  /** REST faults; the server puts `rest.wrap` in front of its REST handler. */
  readonly rest: RestFaults;

  constructor(
    private readonly gateway: Gateway,
    private readonly logger: Logger,
  ) {
    this.rest = new RestFaults(logger);
  }

  /**
   * Arms a REST fault for the next `times` matching requests: `fail` (answer an error without
   * running the request), `drop` (reset before it runs), `lose` (run it, reset instead of
   * answering), `hold` (run it, keep the answer until `releaseRest`).
   */
  failRest(rule: RestFaultRule): FaultResult {
    this.rest.arm(rule);
    const detail = { action: rule.action, method: rule.method ?? null, path: rule.path === undefined ? null : String(rule.path), times: rule.times ?? 1 };
    return this.report('failRest', [], detail);
  }

  /** Disarms every REST fault not yet used. */
  clearRestFaults(): FaultResult {
    return this.report('clearRestFaults', [], { cleared: this.rest.clear() });
  }

  /** Sends the answers `hold` kept, in order. */
  releaseRest(): FaultResult {
    return this.report('releaseRest', [], { released: this.rest.release() });
  }

  /** Drops every connection (handshaking ones too) without a Close frame: sessions park. */
  dropAll(): FaultResult {
    const connections = [...this.gateway.connections];
    for (const connection of connections) connection.drop('fault: dropAll');
    return this.report('dropAll', sessionIds(connections), { connections: connections.length });
  }

  /** Drops the target's connections without a Close frame: its sessions park (resumable). */
  drop(target: string): FaultResult {
    const connections = this.matching(target);
    for (const connection of connections) connection.drop('fault: drop');
    return this.report('drop', sessionIds(connections), { target });
  }

  /**
   * Closes with `code` (a server-chosen code: the session is not resumable). Throws a RangeError
   * for codes a Close frame cannot carry (1004–1006, 1015, outside 1000–4999) or a reason over 123 bytes.
   */
  closeWith(code: number, reason = '', target?: string): FaultResult {
    if (!isSendableCloseCode(code)) throw new RangeError(`close code ${code} cannot be sent in a Close frame`);
    if (Buffer.byteLength(reason) > 123) throw new RangeError('close reason longer than 123 bytes');
    const connections = this.matching(target);
    for (const connection of connections) connection.closeWith(code, reason);
    return this.report('closeWith', sessionIds(connections), { code, reason, target: target ?? null });
  }

  /** Sends op 6 RECONNECT (accordserver never does; our client must handle it). */
  reconnect(target?: string): FaultResult {
    const connections = this.matching(target, true);
    for (const connection of connections) connection.sendText(RECONNECT_FRAME);
    return this.report('reconnect', sessionIds(connections), { target: target ?? null });
  }

  /** Stops acking heartbeats for `ms`: the client sees a zombie connection. */
  stopAcking(ms: number, target?: string): FaultResult {
    const connections = this.matching(target);
    const until = this.gateway.runtime.clock.now() + ms;
    for (const connection of connections) connection.acksSuppressedUntil = until;
    return this.report('stopAcking', sessionIds(connections), { ms, target: target ?? null });
  }

  /**
   * Discards live and parked sessions so a RESUME gets op 7: a live one gets op 7 and is dropped,
   * a parked one is forgotten.
   */
  invalidate(target?: string): FaultResult {
    const hit: string[] = [];
    for (const session of [...this.gateway.registry.values()]) {
      if (target !== undefined && session.id !== target && session.userId !== target) continue;
      hit.push(session.id);
      if (session.sink !== null) session.sink.invalidate('fault: invalidate');
      else this.gateway.endForGood(session, 'fault: invalidate');
    }
    return this.report('invalidate', hit, { target: target ?? null });
  }

  /** Like a process restart: every connection and session is lost, stored data is kept. */
  restart(): FaultResult {
    return this.report('restart', this.gateway.reset());
  }

  /** Holds every bus event until `resumeDispatch`. */
  pauseDispatch(): FaultResult {
    this.gateway.pauseDispatch();
    return this.report('pauseDispatch', []);
  }

  /** Delivers what was held, in order. */
  resumeDispatch(): FaultResult {
    const flushed = this.gateway.resumeDispatch();
    return this.report('resumeDispatch', [], { flushed });
  }

  /** Sends `frameText` as-is (not seq-stamped, not buffered): malformed on purpose. */
  injectRaw(frameText: string, target?: string): FaultResult {
    const connections = this.matching(target);
    for (const connection of connections) connection.sendText(frameText);
    return this.report('injectRaw', sessionIds(connections), { bytes: frameText.length, target: target ?? null });
  }

  private matching(target: string | undefined, sessionsOnly = false): Connection[] {
    const out: Connection[] = [];
    for (const connection of this.gateway.connections) {
      const session = connection.session;
      if (target === undefined) {
        if (sessionsOnly && session === null) continue;
      } else if (session === null || (session.id !== target && session.userId !== target)) {
        continue;
      }
      out.push(connection);
    }
    return out;
  }

  private report(fault: string, hit: string[], detail?: Record<string, unknown>): FaultResult {
    const result: FaultResult = detail ? { fault, hit, detail } : { fault, hit };
    this.logger.warn(`fault injected: ${fault}`, { hit, ...detail });
    return result;
  }
}

function sessionIds(connections: readonly Connection[]): string[] {
  const ids: string[] = [];
  for (const connection of connections) if (connection.session !== null) ids.push(connection.session.id);
  return ids;
}

export function isSendableCloseCode(code: number): boolean {
  if (!Number.isInteger(code)) return false;
  if (code >= 3000 && code <= 4999) return true;
  return code >= 1000 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006;
}
