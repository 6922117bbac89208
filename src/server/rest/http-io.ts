import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, badRequest } from '../data/errors.js';
import { nestsTooDeep, SERDE_DEPTH_LIMIT } from '../json-depth.js';

const MAX_BODY_BYTES = 1024 * 1024;
/** How much of an oversized body is read and thrown away so the 413 can be answered cleanly. */
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

export const CORS_HEADERS: Readonly<Record<string, string>> = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization, content-type',
  'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  'access-control-expose-headers': 'retry-after, x-ratelimit-limit, x-ratelimit-remaining, x-ratelimit-reset',
};

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...CORS_HEADERS, ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...CORS_HEADERS, ...headers, 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendError(res: ServerResponse, error: ApiError, headers: Record<string, string> = {}): void {
  if (error.plain) sendText(res, error.status, error.message, headers);
  else sendJson(res, error.status, { error: { code: error.code, message: error.message } }, headers);
}

/**
 * Reads the whole body, up to 1 MiB. A bigger body is read to its end and discarded, then the
 * promise fails with 413 `payload_too_large`: answering before the client has finished sending
 * would make it see a reset instead of the answer. Past DRAIN_LIMIT_BYTES the socket is cut.
 */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) {
        chunks.push(chunk);
        return;
      }
      chunks.length = 0;
      if (size > DRAIN_LIMIT_BYTES) {
        reject(payloadTooLarge());
        req.destroy();
      }
    });
    req.on('end', () => (size > MAX_BODY_BYTES ? reject(payloadTooLarge()) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

function payloadTooLarge(): ApiError {
  return new ApiError(413, 'payload_too_large', `request body exceeds ${MAX_BODY_BYTES} bytes`);
}

/**
 * JSON body, `{}` when empty; 415 / 400 in plain text for a wrong type or bad JSON (framework
 * level). JSON nested past serde_json's recursion limit is a 400 `invalid_request` in the error
 * envelope (DEVIATIONS.md).
 */
export function parseJsonBody(req: IncomingMessage, raw: Buffer): unknown {
  if (raw.length === 0) return {};
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type)) {
    throw new ApiError(415, 'unsupported_media_type', 'Expected request with `Content-Type: application/json`', true);
  }
  const text = decodeUtf8(raw);
  if (nestsTooDeep(text)) {
    throw badRequest(`request body is nested ${SERDE_DEPTH_LIMIT} or more levels deep`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, 'invalid_json', 'Failed to parse the request body as JSON', true);
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * serde_json rejects bytes that are not UTF-8 as a syntax error (a plain-text 400); Buffer's
 * decoder would quietly turn them into U+FFFD and accept the body.
 */
function decodeUtf8(raw: Buffer): string {
  try {
    return strictUtf8.decode(raw);
  } catch {
    throw new ApiError(400, 'invalid_json', 'Failed to parse the request body as JSON: invalid UTF-8', true);
  }
}

/**
 * The client address the per-IP limits key on. Behind a proxy (`trustProxy`), the real server's
 * rule: first X-Forwarded-For entry, else X-Real-IP, else "unknown". Otherwise those headers are
 * anybody's to forge (rotating them would mint unlimited registrations and guest tokens), so the
 * socket's own address is used (a security fix, DEVIATIONS.md).
 */
export function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  if (!trustProxy) return req.socket.remoteAddress ?? 'unknown';
  const forwarded = req.headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  if (first) return first;
  const real = req.headers['x-real-ip'];
  return (Array.isArray(real) ? real[0] : real) ?? 'unknown';
}
