import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../util/logger.js';

/**
 * What a REST fault does to a matching request:
 * - `fail`: answers `status` (default 503) with an error envelope; the request never runs
 *   (a 429 carries `Retry-After`).
 * - `drop`: destroys the socket before the request runs (the client sees a network error).
 * - `lose`: runs the request, then destroys the socket instead of answering (the answer is lost).
 * - `hold`: runs the request and keeps its answer until `releaseRest()`.
 */
export type RestFaultAction = 'fail' | 'drop' | 'lose' | 'hold';

export interface RestFaultRule {
  action: RestFaultAction;
  /** HTTP method to match (any when absent). */
  method?: string;
  /** Path under `/api/v1` to match: a RegExp, or a substring (any when absent). */
  path?: RegExp | string;
  /** How many matching requests it hits (default 1). */
  times?: number;
  /** For `fail`: the status (default 503) and the error code (default `fault`). */
  status?: number;
  code?: string;
  /** For `fail` with 429: the Retry-After in ms (default 1000). */
  retryAfterMs?: number;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

interface ArmedRule extends RestFaultRule {
  remaining: number;
}

const API_PREFIX = '/api/v1';

/** REST fault injection: rules armed by tests, checked in order against each REST request. */
export class RestFaults {
  private readonly rules: ArmedRule[] = [];
  private readonly held: Array<() => void> = [];

  constructor(private readonly logger: Logger) {}

  arm(rule: RestFaultRule): void {
    this.rules.push({ ...rule, remaining: Math.max(1, Math.floor(rule.times ?? 1)) });
  }

  /** Disarms every rule (held answers stay held until released). */
  clear(): number {
    return this.rules.splice(0).length;
  }

  /** Sends every held answer, in the order they were held; returns how many. */
  release(): number {
    const held = this.held.splice(0);
    for (const send of held) send();
    return held.length;
  }

  get heldCount(): number {
    return this.held.length;
  }

  /** The REST handler with the armed faults in front of it. */
  wrap(rest: Handler): Handler {
    return (req, res) => {
      const rule = this.take(req);
      if (!rule) return rest(req, res);
      this.logger.warn(`fault injected: rest ${rule.action}`, { method: req.method, path: pathOf(req) });
      switch (rule.action) {
        case 'fail':
          return failWith(res, rule);
        case 'drop':
          req.socket.destroy();
          return;
        case 'lose':
          interceptAnswer(res, () => req.socket.destroy());
          return rest(req, res);
        case 'hold':
          interceptAnswer(res, (send) => this.held.push(send));
          return rest(req, res);
      }
    };
  }

  private take(req: IncomingMessage): ArmedRule | undefined {
    if (this.rules.length === 0) return undefined;
    const path = pathOf(req);
    const at = this.rules.findIndex((rule) => matches(rule, req.method ?? 'GET', path));
    if (at < 0) return undefined;
    const rule = this.rules[at] as ArmedRule;
    if (--rule.remaining <= 0) this.rules.splice(at, 1);
    return rule;
  }
}

function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  return path.startsWith(API_PREFIX) ? path.slice(API_PREFIX.length) : path;
}

function matches(rule: RestFaultRule, method: string, path: string): boolean {
  if (rule.method !== undefined && rule.method.toUpperCase() !== method.toUpperCase()) return false;
  if (rule.path === undefined) return true;
  return typeof rule.path === 'string' ? path.includes(rule.path) : rule.path.test(path);
}

function failWith(res: ServerResponse, rule: RestFaultRule): void {
  const status = rule.status ?? 503;
  const text = JSON.stringify({ error: { code: rule.code ?? 'fault', message: `fault injected: ${status}` } });
  const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) };
  if (status === 429) headers['retry-after'] = String(Math.max(0, (rule.retryAfterMs ?? 1000) / 1000));
  res.writeHead(status, headers);
  res.end(text);
}

/**
 * Takes the answer away from the handler: its writeHead/end are recorded, and `onAnswer` gets a
 * function that sends them (or drops them by never calling it).
 */
function interceptAnswer(res: ServerResponse, onAnswer: (send: () => void) => void): void {
  const writeHead = res.writeHead.bind(res);
  const end = res.end.bind(res);
  let head: Parameters<ServerResponse['writeHead']> | null = null;
  res.writeHead = ((...args: Parameters<ServerResponse['writeHead']>) => {
    head = args;
    return res;
  }) as ServerResponse['writeHead'];
  res.end = ((...args: Parameters<ServerResponse['end']>) => {
    onAnswer(() => {
      if (head) writeHead(...head);
      (end as (...a: unknown[]) => ServerResponse)(...args);
    });
    return res;
  }) as ServerResponse['end'];
}
