import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultResult, Faults } from './faults.js';
import type { RestFaultAction, RestFaultRule } from './rest-faults.js';

interface FaultBody {
  target?: string;
  code?: number;
  reason?: string;
  ms?: number;
  frame?: string;
  /** failRest: the rule (path is a substring of the path under /api/v1). */
  action?: string;
  method?: string;
  path?: string;
  times?: number;
  status?: number;
  retryAfterMs?: number;
  errorCode?: string;
}

const MAX_BODY_BYTES = 1 << 20;

/**
 * `POST /_faults/<name>` with an optional JSON body `{target?, code?, reason?, ms?, frame?}`;
 * answers `{"data": FaultResult}`. `GET /_faults` lists the names.
 */
export async function handleFaultRequest(faults: Faults, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const name = path.replace(/^\/_faults\/?/, '');
  if (name === '' && req.method === 'GET') return send(res, 200, { data: { faults: FAULT_NAMES } });
  if (req.method !== 'POST') return sendError(res, 405, 'method_not_allowed', 'use POST /_faults/<name>');
  let body: FaultBody;
  try {
    body = await readBody(req);
  } catch (error) {
    return sendError(res, 400, 'invalid_body', String(error instanceof Error ? error.message : error));
  }
  let result: FaultResult | string;
  try {
    result = runFault(faults, name, body);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    result = error.message;
  }
  if (typeof result === 'string') return sendError(res, result === 'unknown fault' ? 404 : 400, 'bad_fault', result);
  send(res, 200, { data: result });
}

const FAULT_NAMES = [
  'dropAll',
  'drop',
  'closeWith',
  'reconnect',
  'stopAcking',
  'invalidate',
  'restart',
  'pauseDispatch',
  'resumeDispatch',
  'injectRaw',
  'failRest',
  'clearRestFaults',
  'releaseRest',
] as const;

const REST_ACTIONS: readonly RestFaultAction[] = ['fail', 'drop', 'lose', 'hold'];

/** Runs a fault by name; a string is an error message. */
function runFault(faults: Faults, name: string, body: FaultBody): FaultResult | string {
  const target = typeof body.target === 'string' ? body.target : undefined;
  switch (name) {
    case 'dropAll':
      return faults.dropAll();
    case 'drop':
      return target === undefined ? 'drop needs a target (user or session id)' : faults.drop(target);
    case 'closeWith':
      if (typeof body.code !== 'number' || !Number.isInteger(body.code)) return 'closeWith needs an integer code';
      return faults.closeWith(body.code, typeof body.reason === 'string' ? body.reason : '', target);
    case 'reconnect':
      return faults.reconnect(target);
    case 'stopAcking':
      if (typeof body.ms !== 'number' || body.ms < 0) return 'stopAcking needs ms >= 0';
      return faults.stopAcking(body.ms, target);
    case 'invalidate':
      return faults.invalidate(target);
    case 'restart':
      return faults.restart();
    case 'pauseDispatch':
      return faults.pauseDispatch();
    case 'resumeDispatch':
      return faults.resumeDispatch();
    case 'injectRaw':
      return typeof body.frame === 'string' ? faults.injectRaw(body.frame, target) : 'injectRaw needs a frame string';
    case 'failRest': {
      const rule = restRule(body);
      return rule ? faults.failRest(rule) : 'failRest needs action fail|drop|lose|hold (method, path, times, status, errorCode, retryAfterMs optional)';
    }
    case 'clearRestFaults':
      return faults.clearRestFaults();
    case 'releaseRest':
      return faults.releaseRest();
    default:
      return 'unknown fault';
  }
}

function restRule(body: FaultBody): RestFaultRule | null {
  const action = REST_ACTIONS.find((known) => known === body.action);
  if (action === undefined) return null;
  const rule: RestFaultRule = { action };
  if (typeof body.method === 'string') rule.method = body.method;
  if (typeof body.path === 'string') rule.path = body.path;
  if (typeof body.times === 'number') rule.times = body.times;
  if (typeof body.status === 'number' && Number.isInteger(body.status) && body.status >= 400 && body.status <= 599) rule.status = body.status;
  if (typeof body.errorCode === 'string') rule.code = body.errorCode;
  if (typeof body.retryAfterMs === 'number') rule.retryAfterMs = body.retryAfterMs;
  return rule;
}

async function readBody(req: IncomingMessage): Promise<FaultBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error('body too large');
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('body must be a JSON object');
  return value as FaultBody;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  send(res, status, { error: { code, message } });
}
