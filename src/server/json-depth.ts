/**
 * The real server parses JSON with serde_json, whose recursion limit (128) refuses a document that
 * nests arrays/objects 128 levels deep or more (127 parse; the outermost value counts as a level).
 * JSON.parse has no such limit, and a value that deep later breaks JSON.stringify (RangeError), so
 * inbound gateway frames and REST bodies are checked with this before they are parsed.
 */
export const SERDE_DEPTH_LIMIT = 128;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/**
 * True when `text` opens `limit` or more nested arrays/objects (brackets inside strings do not
 * count). One linear pass; string contents are skipped with indexOf. Malformed text is scanned as
 * far as it goes: it fails JSON.parse anyway.
 */
export function nestsTooDeep(text: string, limit = SERDE_DEPTH_LIMIT): boolean {
  // Valid JSON `limit` levels deep needs `limit` openers and as many closers.
  if (text.length < limit * 2) return false;
  const length = text.length;
  let depth = 0;
  for (let i = 0; i < length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      i = closingQuote(text, i);
      if (i === -1) return false;
    } else if (code === OPEN_BRACKET || code === OPEN_BRACE) {
      depth += 1;
      if (depth >= limit) return true;
    } else if (code === CLOSE_BRACKET || code === CLOSE_BRACE) {
      depth -= 1;
    }
  }
  return false;
}

/** Index of the quote closing the string opened at `open`, or -1 when it is never closed. */
function closingQuote(text: string, open: number): number {
  let at = text.indexOf('"', open + 1);
  while (at !== -1) {
    let backslashes = 0;
    for (let j = at - 1; j > open && text.charCodeAt(j) === BACKSLASH; j -= 1) backslashes += 1;
    if (backslashes % 2 === 0) return at;
    at = text.indexOf('"', at + 1);
  }
  return -1;
}
