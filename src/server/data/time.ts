/** The server's timestamp formats (docs/protocol.md §0), all UTC. */

const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 19);

/** `YYYY-MM-DD HH:MM:SS`: almost every stored timestamp. */
export const storedTime = (ms: number): string => iso(ms).replace('T', ' ');

/** `YYYY-MM-DDTHH:MM:SS`: typing.start. */
export const typingTime = (ms: number): string => iso(ms);

/** `YYYY-MM-DDTHH:MM:SS+00:00`: timed_out_until, token expiries. */
export const rfc3339Time = (ms: number): string => `${iso(ms)}+00:00`;

/** Parses any of the formats above (zone-less = UTC); NaN when unparseable. */
export function parseTime(text: string): number {
  const normalized = text.includes('T') ? text : text.replace(' ', 'T');
  const zoned = /[zZ]|[+-]\d\d:?\d\d$/.test(normalized) ? normalized : `${normalized}Z`;
  return Date.parse(zoned);
}
