import type { SendFailure } from '../types.js';

function field(error: unknown, name: string): unknown {
  return typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[name] : undefined;
}

/** The HTTP status a REST error carries (AccordApiError), or undefined (network, bad body). */
function statusOf(error: unknown): number | undefined {
  const status = field(error, 'status');
  return typeof status === 'number' && status > 0 ? status : undefined;
}

/** The failure as a pending entry shows it. */
export function failureOf(error: unknown): SendFailure {
  const status = field(error, 'status');
  const code = field(error, 'code');
  const name = field(error, 'name');
  return {
    status: typeof status === 'number' ? status : 0,
    code: typeof code === 'string' ? code : name === 'AccordNetworkError' ? 'network_error' : 'error',
    message: error instanceof Error ? error.message : String(error),
  };
}

/**
 * How a failed write should be treated:
 * - `refused`: the server said no (4xx but 408/429): the action fails, alone.
 * - `transient`: the server could not take it now (5xx, 408, 429): nothing happened, retry later.
 * - `unknown`: no usable answer (network, timeout, unreadable body): it may have happened.
 */
export function failureKind(error: unknown): 'refused' | 'transient' | 'unknown' {
  const status = statusOf(error);
  if (status === undefined) return 'unknown';
  if (status >= 500 || status === 408 || status === 429) return 'transient';
  return 'refused';
}

/** For a 429: how long the server asked to wait. */
export function retryAfterOf(error: unknown): number | undefined {
  const wait = field(error, 'retryAfterMs');
  return typeof wait === 'number' && wait >= 0 ? wait : undefined;
}
