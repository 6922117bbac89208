/**
 * The credential as accordserver reads it, in the Authorization header and in IDENTIFY/RESUME:
 * `"Bot <token>"` or `"Bearer <token>"` (docs/protocol.md §1.5.2). A token that already carries one of
 * the schemes is used as given, so REST and the gateway never disagree about it.
 */
export function authorizationFor(token: string, tokenType: 'Bot' | 'Bearer'): string {
  return /^(Bot|Bearer) /.test(token) ? token : `${tokenType} ${token}`;
}
