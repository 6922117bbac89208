import type { ServerConnection } from '../connection.js';
import { describeError, type StateContext } from '../context.js';

/** The connection was removed or rebuilt by a newer READY since `generation`: drop the answer. */
export function stale(conn: ServerConnection, generation: number): boolean {
  return conn.removed || conn.generation !== generation;
}

/** Runs a REST step; a failure is logged (the caches simply keep what they have). */
export async function attempt(ctx: StateContext, what: string, step: () => Promise<void>): Promise<void> {
  try {
    await step();
  } catch (error) {
    ctx.logger.warn(`accordkit store: ${what} failed`, { error: describeError(error) });
  }
}

/** A failure the server did not decide (network, 5xx): asking again later may succeed. */
export function transient(error: unknown): boolean {
  const status = typeof error === 'object' && error !== null ? (error as { status?: unknown }).status : undefined;
  return typeof status !== 'number' || status >= 500;
}
