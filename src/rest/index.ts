export { AccordRest, type AccordRestOptions, type RestClientOptions, type TokenType } from './accord-rest.js';
export { AccordRestError, AccordApiError, AccordNetworkError, AccordResponseError, AccordMfaRequiredError, type RestRequestInfo } from './errors.js';
export type { RateLimitInfo } from './rate-limit.js';
export type { FetchLike, PageCursor } from './transport.js';
export type * from './bodies.js';
