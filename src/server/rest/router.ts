/** A tiny router: method + path pattern (`/channels/:id/messages`) -> route, first match wins. */

export interface Match<R> {
  route: R;
  params: Map<string, string>;
}

interface Entry<R> {
  method: string;
  segments: string[];
  route: R;
}

export class Router<R> {
  private readonly entries: Entry<R>[] = [];

  add(method: string, pattern: string, route: R): void {
    this.entries.push({ method, segments: pattern.split('/').filter(Boolean), route });
  }

  /** The route, 'method_not_allowed' when only other methods match the path, or null. */
  match(method: string, segments: readonly string[]): Match<R> | 'method_not_allowed' | null {
    let pathMatched = false;
    for (const entry of this.entries) {
      const params = matchSegments(entry.segments, segments);
      if (!params) continue;
      if (entry.method === method) return { route: entry.route, params };
      pathMatched = true;
    }
    return pathMatched ? 'method_not_allowed' : null;
  }
}

function matchSegments(pattern: readonly string[], path: readonly string[]): Map<string, string> | null {
  if (pattern.length !== path.length) return null;
  const params = new Map<string, string>();
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i] ?? '';
    const actual = path[i] ?? '';
    if (expected.startsWith(':')) params.set(expected.slice(1), actual);
    else if (expected !== actual) return null;
  }
  return params;
}
