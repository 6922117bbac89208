/** Why a store action was refused before any request was made. */
export type StoreActionErrorCode = 'unknown_channel' | 'unknown_message' | 'invalid_argument';

/**
 * An action the client can judge wrong on its own (an unknown channel or message, a bad
 * argument): refused with this error before any request, the caches left as they were.
 */
export class StoreActionError extends Error {
  override readonly name = 'StoreActionError';

  constructor(
    readonly code: StoreActionErrorCode,
    message: string,
  ) {
    super(message);
  }
}
