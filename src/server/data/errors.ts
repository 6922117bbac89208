/** A failure a REST handler turns into `{error: {code, message}}` with `status`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Framework-level rejection: a plain-text body, no envelope (docs/protocol.md §5.2 QUIRK). */
    readonly plain = false,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const badRequest = (message: string): ApiError => new ApiError(400, 'invalid_request', message);
export const unauthorized = (message = 'invalid or missing authentication'): ApiError =>
  new ApiError(401, 'unauthorized', message);
export const forbidden = (message: string): ApiError => new ApiError(403, 'forbidden', message);
export const missingPermission = (permission: string): ApiError => forbidden(`missing permission: ${permission}`);
export const notFound = (what: string): ApiError => new ApiError(404, 'not_found', what);
export const conflict = (message: string): ApiError => new ApiError(409, 'already_exists', message);
/** Missing or mistyped body field: the real server answers 422 in plain text. */
export const unprocessable = (message: string): ApiError => new ApiError(422, 'unprocessable', message, true);
