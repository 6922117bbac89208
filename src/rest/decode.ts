import type { ModelParser } from '../models/model-parser.js';
import type { Logger } from '../util/logger.js';
import { AccordResponseError, type RestRequestInfo } from './errors.js';

/** Where a decode happens: for the logger and for errors. */
export interface DecodeContext {
  logger: Logger;
  request: RestRequestInfo;
}

function reportIssues(ctx: DecodeContext, what: string, issues: readonly { path: string; message: string }[]): void {
  if (issues.length === 0) return;
  ctx.logger.warn(`rest: ${what} from ${ctx.request.method} ${ctx.request.path} had ${issues.length} defaulted field(s)`, {
    issues: issues.map((issue) => `${issue.path}: ${issue.message}`),
  });
}

/** One model; data that cannot become the model at all is an AccordResponseError. */
export function decodeOne<T>(parser: ModelParser<T>, data: unknown, what: string, ctx: DecodeContext): T {
  const result = parser(data);
  if (result.fatal !== undefined) throw new AccordResponseError(`${what}: ${result.fatal}`, ctx.request);
  reportIssues(ctx, what, result.issues);
  return result.value;
}

/** A list of models; an element that cannot be parsed is reported and skipped, not fatal. */
export function decodeList<T>(parser: ModelParser<T>, data: unknown, what: string, ctx: DecodeContext): T[] {
  if (!Array.isArray(data)) throw new AccordResponseError(`${what} list: expected an array`, ctx.request);
  const out: T[] = [];
  for (let i = 0; i < data.length; i++) {
    const result = parser(data[i]);
    if (result.fatal !== undefined) {
      ctx.logger.warn(`rest: skipped ${what} #${i} from ${ctx.request.method} ${ctx.request.path}: ${result.fatal}`);
      continue;
    }
    reportIssues(ctx, `${what} #${i}`, result.issues);
    out.push(result.value);
  }
  return out;
}

export function expectRecord(data: unknown, what: string, ctx: DecodeContext): Record<string, unknown> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new AccordResponseError(`${what}: expected an object`, ctx.request);
  }
  return data as Record<string, unknown>;
}

export function expectString(record: Record<string, unknown>, key: string, what: string, ctx: DecodeContext): string {
  const value = record[key];
  if (typeof value !== 'string') throw new AccordResponseError(`${what}: '${key}' is not a string`, ctx.request);
  return value;
}
