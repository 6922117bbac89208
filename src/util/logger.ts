/** Debug/log hook. Every message passes through `redact` first so no token ever leaves. */
export interface Logger {
  debug(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

export const silentLogger: Logger = { debug() {}, warn() {}, error() {} };

/** Redacts `Bot x`/`Bearer x` values and 64-hex token strings from any text. */
export function redact(text: string): string {
  return text
    .replace(/\b(Bot|Bearer)\s+[A-Za-z0-9._~+/=-]+/g, '$1 [redacted]')
    .replace(/\b[a-f0-9]{64}\b/g, '[redacted]');
}

/** `redact`, then every occurrence of each known secret (the raw token, whatever its shape) removed. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = redact(text);
  for (const secret of secrets) if (secret && out.includes(secret)) out = out.split(secret).join('[redacted]');
  return out;
}

/** Wraps a logger so every message and detail value is redacted, and so it never throws. */
export function safeLogger(logger: Logger | undefined, secrets: () => readonly string[] = () => []): Logger {
  if (!logger) return silentLogger;
  const scrub = (text: string): string => scrubSecrets(text, secrets());
  const scrubDetails = (details?: Record<string, unknown>): Record<string, unknown> | undefined => {
    if (!details) return undefined;
    return JSON.parse(scrub(JSON.stringify(details))) as Record<string, unknown>;
  };
  const call = (level: keyof Logger) => (message: string, details?: Record<string, unknown>) => {
    try {
      logger[level](scrub(message), scrubDetails(details));
    } catch {
      // a broken log sink must not break the connection
    }
  };
  return { debug: call('debug'), warn: call('warn'), error: call('error') };
}
