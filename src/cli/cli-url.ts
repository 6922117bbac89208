import { CliError, ExitCodes } from './io.js';

/** A server URL given on the command line, with any `user:password@` taken out of it. */
export interface CliUrl {
  /** Scheme, host, port and path, without userinfo, query or a trailing slash: safe to print. */
  url: string;
  /** The userinfo that was in the URL (to scrub from anything printed); empty when there was none. */
  secrets: string[];
}

/**
 * Parses `--url`. An accordserver never uses HTTP userinfo (and fetch refuses URLs that carry it),
 * so it is dropped here, and its parts are returned as secrets so no message can echo them.
 */
export function parseCliUrl(raw: string): CliUrl {
  if (!/^https?:\/\//i.test(raw)) throw new CliError('--url must start with http:// or https://', ExitCodes.usage);
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new CliError('--url is not a valid URL', ExitCodes.usage);
  }
  const secrets = userinfoSecrets(raw, parsed);
  return { url: `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, ''), secrets };
}

/** Userinfo as typed and as URL-decoded, longest first (so "user:pw" is scrubbed before "pw"). */
function userinfoSecrets(raw: string, parsed: URL): string[] {
  const typed = /^https?:\/\/([^/?#]*)@/i.exec(raw)?.[1];
  const parts = [typed, parsed.username, parsed.password, safeDecode(parsed.username), safeDecode(parsed.password)];
  return [...new Set(parts.filter((p): p is string => typeof p === 'string' && p.length > 0))].sort((a, b) => b.length - a.length);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** C0 controls and DEL (and the C1 range): never part of a token, and header injection when sent. */
export function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}
