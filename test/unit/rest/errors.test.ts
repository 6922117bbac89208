import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AccordApiError, AccordNetworkError, AccordRest, AccordRestError } from '../../../src/rest/index.js';
import { FakeClock } from '../../../src/util/fake-clock.js';
import type { Logger } from '../../../src/util/logger.js';
import { FakeFetch, TOKEN, flush, json, text } from './fake-fetch.js';

function restWith(fake: FakeFetch, clock = new FakeClock(), logger?: Logger): AccordRest {
  return new AccordRest({ baseUrl: 'http://127.0.0.1:3000', token: TOKEN, fetch: fake.fetch, clock, logger });
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('AccordRest errors', () => {
  it('maps the error envelope to AccordApiError(status, code, message)', async () => {
    const fake = new FakeFetch(json({ error: { code: 'forbidden', message: 'missing permission: manage_messages' } }, 403));
    const error = await caught(restWith(fake).deleteMessage('c1', 'm1'));
    expect(error).toBeInstanceOf(AccordApiError);
    expect(error).toBeInstanceOf(AccordRestError);
    expect(error).toMatchObject({ status: 403, code: 'forbidden', method: 'DELETE', path: '/channels/c1/messages/m1' });
    expect((error as Error).message).toContain('missing permission: manage_messages');
  });

  it('maps a plain-text framework 400 to AccordApiError with code http_error and the text as message', async () => {
    const fake = new FakeFetch(text('Failed to deserialize the JSON body into the target type: missing field `content`', 422));
    const error = await caught(restWith(fake).createMessage('c1', { content: 'x' }));
    expect(error).toBeInstanceOf(AccordApiError);
    expect(error).toMatchObject({ status: 422, code: 'http_error' });
    expect((error as Error).message).toContain('missing field `content`');

    const error400 = await caught(restWith(new FakeFetch(text('Invalid URL: bad path', 400))).getChannel('x'));
    expect(error400).toMatchObject({ status: 400, code: 'http_error' });
    expect((error400 as Error).message).toContain('Invalid URL: bad path');
  });

  it('maps an empty 404 (unknown route) to AccordApiError http_error', async () => {
    const error = await caught(restWith(new FakeFetch(text('', 404))).getChannel('c1'));
    expect(error).toMatchObject({ status: 404, code: 'http_error' });
    expect((error as Error).message).toContain('HTTP 404');
  });

  it('maps a rejected fetch to AccordNetworkError', async () => {
    const fake = new FakeFetch(() => {
      throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:3000') });
    });
    const error = await caught(restWith(fake).getCurrentUser());
    expect(error).toBeInstanceOf(AccordNetworkError);
    expect((error as Error).message).toContain('ECONNREFUSED');
  });

  it('fails a request that gets no answer within timeoutMs with AccordNetworkError', async () => {
    const clock = new FakeClock();
    const fake = new FakeFetch(() => new Promise<Response>(() => undefined));
    const rest = new AccordRest({ baseUrl: 'http://h', token: TOKEN, fetch: fake.fetch, clock, timeoutMs: 5000 });
    const pending = caught(rest.getCurrentUser());
    await flush();
    clock.advance(5000);
    const error = await pending;
    expect(error).toBeInstanceOf(AccordNetworkError);
    expect((error as Error).message).toContain('5000 ms');
  });
});

describe('AccordRest keeps the token secret', () => {
  it('scrubs the token from server error text, network errors and logs', async () => {
    const lines: string[] = [];
    const log = (message: string, details?: Record<string, unknown>) => lines.push(message + JSON.stringify(details ?? {}));
    const logger: Logger = { debug: log, warn: log, error: log };
    const clock = new FakeClock();
    const fake = new FakeFetch(
      json({ error: { code: 'unauthorized', message: `token ${TOKEN} is not valid (Bearer ${TOKEN})` } }, 401),
      text(`bad header Authorization: Bearer ${TOKEN}`, 400),
      () => {
        throw new Error(`socket hang up while sending ${TOKEN}`);
      },
      json({ error: { code: 'rate_limited', message: 'slow down' } }, 429, { 'retry-after': '1' }),
      json({ data: { id: '1', username: 'u', bot: 'not a bool' } }),
    );
    const rest = restWith(fake, clock, logger);
    const errors = [await caught(rest.getCurrentUser()), await caught(rest.getCurrentUser()), await caught(rest.getCurrentUser())];
    const retried = rest.getCurrentUser();
    await flush();
    clock.advance(1000);
    await retried;
    for (const error of errors) {
      expect(error).toBeInstanceOf(AccordRestError);
      expect((error as Error).message).not.toContain(TOKEN);
      expect((error as Error).message).toContain('[redacted]');
      expect(String(error)).not.toContain(TOKEN);
      expect(JSON.stringify(error)).not.toContain(TOKEN);
      expect(inspect(error)).not.toContain(TOKEN);
    }
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain(TOKEN);
  });

  it('does not reveal the token through toString, JSON.stringify or inspect', () => {
    const rest = new AccordRest({ baseUrl: 'http://h', token: TOKEN, fetch: new FakeFetch().fetch });
    expect(String(rest)).not.toContain(TOKEN);
    expect(JSON.stringify(rest)).not.toContain(TOKEN);
    expect(JSON.stringify({ nested: rest })).not.toContain(TOKEN);
    expect(inspect(rest, { depth: 10, showHidden: true })).not.toContain(TOKEN);
    expect(Object.values(rest).join(' ')).not.toContain(TOKEN);
    expect(JSON.stringify(rest)).toContain('http://h');
  });
});
