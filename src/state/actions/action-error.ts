/** Why a store action was refused before any request was made. */
export type StoreActionErrorCode =
  /** No connection of the store holds the channel (unknown, or its connection was removed). */
  | 'unknown_channel'
  /** No cached message (or pending send) has that id. */
  | 'unknown_message'
  /** Empty content, an empty emoji, a value of the wrong type. */
  | 'invalid_argument'
  /** The message is someone else's: only its author can edit it. */
  | 'not_author'
  /** The connection the action belonged to was removed from the store. */
  | 'connection_removed'
  /** The send was discarded (`discardSend`) before it went out. */
  | 'discarded'
  /** The send's request is on the wire: it can be neither retried nor discarded now. */
  | 'send_in_flight'
  /** `retrySend` of a send that has not failed. */
  | 'not_failed';

/**
 * An action the client can judge wrong on its own (an unknown channel or message, a bad
 * argument): refused with this error before any request, the caches left as they were.
 */
export class StoreActionError extends Error {
  override readonly name = 'StoreActionError';
  /** Always 0: no server answered. */
  readonly status = 0;

  constructor(
    readonly code: StoreActionErrorCode,
    message: string,
  ) {
    super(message);
  }
}
