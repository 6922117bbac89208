/** The request an error belongs to; the path never carries a token (tokens travel in a header). */
export interface RestRequestInfo {
  method: string;
  path: string;
}

/** Base class of every error AccordRest throws. Messages are scrubbed of tokens before construction. */
export class AccordRestError extends Error {
  readonly method: string | undefined;
  readonly path: string | undefined;

  constructor(message: string, request?: RestRequestInfo) {
    super(message);
    this.name = 'AccordRestError';
    this.method = request?.method;
    this.path = request?.path;
  }
}

/**
 * The server answered with an error: the `{error: {code, message}}` envelope, or a plain-text /
 * empty framework rejection (code `http_error`, docs/protocol.md §5.2).
 */
export class AccordApiError extends AccordRestError {
  readonly status: number;
  readonly code: string;
  /** For 429: how long the server asked us to wait, in ms. */
  readonly retryAfterMs: number | undefined;

  constructor(status: number, code: string, message: string, request?: RestRequestInfo, retryAfterMs?: number) {
    super(request ? `${request.method} ${request.path} failed: ${status} ${code}: ${message}` : `${status} ${code}: ${message}`, request);
    this.name = 'AccordApiError';
    this.status = status;
    this.code = code;
    this.retryAfterMs = retryAfterMs;
  }
}

/** The request never got an HTTP answer: DNS, refused connection, reset, timeout, abort. */
export class AccordNetworkError extends AccordRestError {
  constructor(message: string, request?: RestRequestInfo) {
    super(request ? `${request.method} ${request.path}: network error: ${message}` : `network error: ${message}`, request);
    this.name = 'AccordNetworkError';
  }
}

/** A 2xx answer whose body is not what the endpoint returns (not JSON, not an object or list). */
export class AccordResponseError extends AccordRestError {
  constructor(message: string, request?: RestRequestInfo) {
    super(request ? `${request.method} ${request.path}: invalid response: ${message}` : `invalid response: ${message}`, request);
    this.name = 'AccordResponseError';
  }
}

/** Login succeeded but the account has two-factor auth: finish with `AccordRest.loginMfa`. */
export class AccordMfaRequiredError extends AccordRestError {
  readonly ticket: string;

  constructor(ticket: string) {
    super('two-factor authentication required; call AccordRest.loginMfa with the ticket and a code');
    this.name = 'AccordMfaRequiredError';
    this.ticket = ticket;
  }
}
