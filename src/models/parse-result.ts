/** One problem found while parsing wire data into a model; the value was defaulted, not thrown. */
export interface ParseIssue {
  /** JSON pointer into the event data, e.g. `/author_id`. */
  path: string;
  message: string;
}

/**
 * The outcome of a tolerant parse. `value` is always usable; `issues` lists what was defaulted.
 * `fatal` is set when the data could not become the model at all (e.g. not an object, or a
 * required id missing): the dispatcher reports and skips such an event.
 */
export interface ParseResult<T> {
  value: T;
  issues: ParseIssue[];
  fatal?: string;
}
