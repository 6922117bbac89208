/** Gateway close codes 4000–4014 (docs/protocol.md §1.12). */
export const CloseCodes = {
  UNKNOWN_ERROR: 4000,
  UNKNOWN_OPCODE: 4001,
  DECODE_ERROR: 4002,
  NOT_AUTHENTICATED: 4003,
  AUTH_FAILED: 4004,
  ALREADY_AUTHENTICATED: 4005,
  INVALID_SEQ: 4007,
  RATE_LIMITED: 4008,
  SESSION_TIMED_OUT: 4009,
  INVALID_VERSION: 4012,
  INVALID_INTENT: 4013,
  DISALLOWED_INTENT: 4014,
} as const;

export type CloseCode = (typeof CloseCodes)[keyof typeof CloseCodes];

const closeCodeNames = new Map<number, string>(
  Object.entries(CloseCodes).map(([name, code]) => [code, name]),
);

/** The symbolic name of a gateway close code, or undefined for codes outside 4000–4014. */
export function closeCodeName(code: number): string | undefined {
  return closeCodeNames.get(code);
}
