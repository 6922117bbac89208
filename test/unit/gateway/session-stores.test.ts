import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SessionStoreError, fileSessionStore, memorySessionStore, webSessionStore } from '../../../src/index.js';
import type { Session, StorageLike } from '../../../src/index.js';

const session: Session = { sessionId: '1234567890123456789', seq: 17, resumeUrl: 'ws://127.0.0.1:3000/ws' };

async function problemOf(action: () => unknown): Promise<string | undefined> {
  try {
    await action();
  } catch (error) {
    expect(error).toBeInstanceOf(SessionStoreError);
    return (error as SessionStoreError).problem;
  }
  return undefined;
}

/** An in-memory Storage, as sessionStorage behaves. */
function memoryStorage(): StorageLike & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      items.set(key, String(value));
    },
    removeItem: (key) => {
      items.delete(key);
    },
  };
}

describe('fileSessionStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'accordkit-session-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a new instance on the same file loads what the last one saved; clear removes it', async () => {
    const path = join(dir, 'bot.session');
    expect(await fileSessionStore(path).load()).toBeNull();
    await fileSessionStore(path).save(session);
    await fileSessionStore(path).save({ ...session, seq: 18 });
    expect(await fileSessionStore(path).load()).toEqual({ ...session, seq: 18 });
    await fileSessionStore(path).clear();
    expect(await fileSessionStore(path).load()).toBeNull();
    await fileSessionStore(path).clear();
  });

  it('writes only the session fields, readable by the owner only, and leaves no temporary file behind', async () => {
    const path = join(dir, 'bot.session');
    const withExtra = { ...session, token: 'Bearer secret-token-value' } as Session;
    await fileSessionStore(path).save(withExtra);
    const text = await readFile(path, 'utf8');
    expect(JSON.parse(text)).toEqual(session);
    expect(text).not.toContain('secret-token-value');
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o077).toBe(0);
    expect(await readdir(dir)).toEqual(['bot.session']);
  });

  it('a corrupt file loads as a typed corrupt error, whatever is wrong with it', async () => {
    const path = join(dir, 'bot.session');
    for (const text of ['', '{not json', '[]', 'null', '{"sessionId":"","seq":1}', '{"sessionId":"s","seq":-1}', '{"sessionId":"s","seq":1.5}', '{"sessionId":"s","seq":2,"resumeUrl":7}']) {
      await writeFile(path, text);
      expect(await problemOf(() => fileSessionStore(path).load()), text).toBe('corrupt');
    }
  });

  it('a path that cannot be written is a typed unwritable error', async () => {
    const path = join(dir, 'missing-dir', 'bot.session');
    expect(await problemOf(() => fileSessionStore(path).save(session))).toBe('unwritable');
  });
});

describe('webSessionStore', () => {
  it('keeps the session under its key in a Storage-like object, and only the session fields', () => {
    const storage = memoryStorage();
    const store = webSessionStore(storage, 'accord.session');
    expect(store.load()).toBeNull();
    store.save({ ...session, token: 'Bearer nope' } as Session);
    expect([...storage.items.keys()]).toEqual(['accord.session']);
    expect(storage.items.get('accord.session')).not.toContain('nope');
    expect(webSessionStore(storage, 'accord.session').load()).toEqual(session);
    store.clear();
    expect(storage.items.size).toBe(0);
  });

  it('a value that is not a session is corrupt; a Storage that throws (quota, privacy mode) is unwritable', async () => {
    const storage = memoryStorage();
    storage.items.set('k', '{"sessionId":5}');
    expect(await problemOf(() => webSessionStore(storage, 'k').load())).toBe('corrupt');
    const full: StorageLike = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    expect(await problemOf(() => webSessionStore(full, 'k').save(session))).toBe('unwritable');
  });
});

describe('memorySessionStore', () => {
  it('holds a copy: changing the saved object afterwards does not change what loads', () => {
    const store = memorySessionStore();
    const saved = { ...session };
    store.save(saved);
    saved.seq = 99;
    expect(store.load()).toEqual(session);
    store.clear();
    expect(store.load()).toBeNull();
  });
});
