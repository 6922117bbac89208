import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const CONTENT_TYPES = new Map<string, string>([
  ['.html', 'text/html; charset=utf-8'],
  ['.js', 'text/javascript; charset=utf-8'],
  ['.mjs', 'text/javascript; charset=utf-8'],
  ['.css', 'text/css; charset=utf-8'],
  ['.json', 'application/json; charset=utf-8'],
  ['.svg', 'image/svg+xml'],
  ['.png', 'image/png'],
  ['.ico', 'image/x-icon'],
  ['.map', 'application/json; charset=utf-8'],
  ['.woff2', 'font/woff2'],
  ['.txt', 'text/plain; charset=utf-8'],
]);

/**
 * Serves the files of one folder (the built web client). Unknown paths without an extension fall
 * back to index.html so the page can be reloaded on any route. Never serves outside the folder.
 */
export function createStaticHandler(root: string): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const base = resolve(root);
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const pathname = decodeSafely(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (pathname === null) {
      res.writeHead(400).end('bad path');
      return;
    }
    const wanted = normalize(join(base, pathname));
    if (wanted !== base && !wanted.startsWith(base + sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    const file = (await fileAt(wanted)) ?? (await fileAt(join(wanted, 'index.html')));
    const fallback = extname(pathname) === '' ? await fileAt(join(base, 'index.html')) : undefined;
    const chosen = file ?? fallback;
    if (!chosen) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    const type = CONTENT_TYPES.get(extname(chosen.path)) ?? 'application/octet-stream';
    // Hashed assets never change; the HTML must always be re-read so a rebuild shows at once.
    const cache = chosen.path.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
    res.writeHead(200, { 'content-type': type, 'content-length': chosen.size, 'cache-control': cache });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(chosen.path).pipe(res);
  };
}

function decodeSafely(pathname: string): string | null {
  try {
    const decoded = decodeURIComponent(pathname);
    return decoded.includes('\0') ? null : decoded;
  } catch {
    return null;
  }
}

async function fileAt(path: string): Promise<{ path: string; size: number } | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? { path, size: info.size } : undefined;
  } catch {
    return undefined;
  }
}
