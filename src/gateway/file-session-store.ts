import { SessionStoreError, messageOf, parseSession, serializeSession } from './session-store.js';
import type { SessionStore } from './session-store.js';

/** The few `node:fs/promises` calls the file store makes. */
interface NodeFs {
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  writeFile(path: string, data: string, options: { mode: number }): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string, options: { force: boolean }): Promise<void>;
}

/**
 * `node:fs/promises`, loaded on first use through a non-literal specifier so that browser bundles
 * of the main entry never include it (the same way `ws` is kept out, see websocket-like.ts).
 */
function nodeFs(): Promise<NodeFs> {
  const specifier = 'node:fs/promises';
  return import(/* @vite-ignore */ specifier) as Promise<NodeFs>;
}

function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';
}

/**
 * Keeps the session in a file (Node only). Every save writes a temporary file beside it and
 * renames it over the old one, so a crash at any moment leaves either the previous session or the
 * new one, never half a file. The file holds `{ sessionId, seq, resumeUrl }` only (mode 0600).
 * A file that is not a session loads as a `SessionStoreError('corrupt')`.
 */
export function fileSessionStore(path: string): SessionStore {
  const where = `session file ${path}`;
  let tempCounter = 0;
  return {
    async load() {
      const fs = await nodeFs();
      let text: string;
      try {
        text = await fs.readFile(path, 'utf8');
      } catch (error) {
        if (isMissing(error)) return null;
        throw new SessionStoreError('unreadable', `${where}: ${messageOf(error)}`);
      }
      return parseSession(text, where);
    },
    async save(session) {
      const fs = await nodeFs();
      const temp = `${path}.${process.pid}.${++tempCounter}.tmp`;
      try {
        await fs.writeFile(temp, serializeSession(session), { mode: 0o600 });
        await fs.rename(temp, path);
      } catch (error) {
        await fs.rm(temp, { force: true }).catch(() => undefined);
        throw new SessionStoreError('unwritable', `${where}: ${messageOf(error)}`);
      }
    },
    async clear() {
      const fs = await nodeFs();
      try {
        await fs.rm(path, { force: true });
      } catch (error) {
        throw new SessionStoreError('unwritable', `${where}: ${messageOf(error)}`);
      }
    },
  };
}
