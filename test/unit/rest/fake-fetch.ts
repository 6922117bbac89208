import type { FetchLike } from '../../../src/rest/index.js';
import { privateUserJson } from '../../../fixtures/wire.js';

export interface RecordedCall {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: unknown;
}

export type Responder = (call: RecordedCall) => Response | Promise<Response>;

/** A fetch double: records every call and answers from a queue of responders (last one repeats). */
export class FakeFetch {
  readonly calls: RecordedCall[] = [];
  private readonly responders: Responder[] = [];

  constructor(...responders: Responder[]) {
    this.responders.push(...responders);
  }

  reply(...responders: Responder[]): this {
    this.responders.push(...responders);
    return this;
  }

  readonly fetch: FetchLike = async (url, init) => {
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, key) => {
      headers[key] = value;
    });
    const call: RecordedCall = {
      method: init.method ?? 'GET',
      url: new URL(url),
      headers,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    this.calls.push(call);
    const responder = this.responders.length > 1 ? this.responders.shift() : this.responders[0];
    if (!responder) throw new Error('FakeFetch: no responder queued');
    return responder(call);
  };
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Responder {
  return () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

export function text(body: string, status: number, headers: Record<string, string> = {}): Responder {
  return () => new Response(body === '' ? null : body, { status, headers: { 'content-type': 'text/plain', ...headers } });
}

/** Lets pending promise chains (fake fetch, body reads) run to their next timer wait. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

export const TOKEN = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';

export function userJson(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return privateUserJson({ id, username: `user${id}`, display_name: `User ${id}`, is_admin: false, ...extra });
}

export { memberJson } from '../../../fixtures/wire.js';
