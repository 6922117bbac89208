import { parseUser } from '../../models/user.js';
import { safeLogger } from '../../util/logger.js';
import type * as B from '../bodies.js';
import { decodeOne, expectRecord, expectString, type DecodeContext } from '../decode.js';
import { AccordMfaRequiredError } from '../errors.js';
import { REST_CALLER, endpoints, transportFor, type RestClientOptions } from '../rest-caller.js';
import type { RestRequest } from '../transport.js';

/** `{user, token}` of register/login; `{mfa_required, ticket}` becomes AccordMfaRequiredError. */
function decodeAuth(data: unknown, ctx: DecodeContext): B.AuthResult {
  const record = expectRecord(data, 'auth result', ctx);
  if (record['mfa_required'] === true && typeof record['ticket'] === 'string') throw new AccordMfaRequiredError(record['ticket']);
  const result: B.AuthResult = {
    user: decodeOne(parseUser, record['user'], 'user', ctx),
    token: expectString(record, 'token', 'auth result', ctx),
  };
  if (record['force_password_reset'] === true) result.force_password_reset = true;
  return result;
}

/** An unauthenticated `POST` to register/login/loginMfa (AccordRest's static helpers). */
export async function authCall(baseUrl: string, path: string, body: unknown, options: RestClientOptions): Promise<B.AuthResult> {
  const transport = transportFor(baseUrl, undefined, '', options);
  const result = await transport.request('POST', { path, body });
  return decodeAuth(result.data, { logger: safeLogger(options.logger), request: { method: 'POST', path } });
}

/** `POST /auth/guest` (un-enveloped) → a one-hour guest token. */
export async function guestToken(baseUrl: string, options: RestClientOptions): Promise<B.GuestToken> {
  const transport = transportFor(baseUrl, undefined, '', options);
  const request: RestRequest = { path: '/auth/guest', enveloped: false };
  const result = await transport.request('POST', request);
  const ctx: DecodeContext = { logger: safeLogger(options.logger), request: { method: 'POST', path: request.path } };
  const record = expectRecord(result.data, 'guest token', ctx);
  return {
    token: expectString(record, 'token', 'guest token', ctx),
    expires_at: typeof record['expires_at'] === 'string' ? record['expires_at'] : '',
    space_id: typeof record['space_id'] === 'string' ? record['space_id'] : '',
  };
}

export const sessionEndpoints = endpoints({
  /** `POST /auth/logout`: revokes this (Bearer) token. */
  async logout(): Promise<void> {
    await this[REST_CALLER].call('POST', { path: '/auth/logout' });
  },
});

export type SessionEndpoints = typeof sessionEndpoints;
