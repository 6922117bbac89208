import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { AppServer } from '../../src/cli/app-server.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * What `npm start` serves (the embedded server with the demo seed and the browser client on one
 * origin), with the page built fresh into a private folder so parallel test files never collide.
 */
export async function startPageServer(): Promise<AppServer> {
  const webRoot = await mkdtemp(join(tmpdir(), 'accord-web-'));
  await build({ configFile: join(ROOT, 'web/vite.config.ts'), logLevel: 'error', build: { outDir: webRoot, emptyOutDir: true } });
  return AppServer.start({ port: 0, seed: 'demo', webRoot });
}
