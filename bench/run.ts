/**
 * `npm run bench`: every benchmark measures accordkit beside a baseline in the same run and prints
 * the ratio. No thresholds here or in tests: these machines are noisy, ratios are what compare.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);

type BenchFn = () => Promise<unknown>;

const files = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

for (const file of files) {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as Record<string, unknown>;
  for (const [name, fn] of Object.entries(mod)) {
    if (!name.startsWith('bench') || typeof fn !== 'function') continue;
    console.log(`\n== ${file} :: ${name}`);
    const result = await (fn as BenchFn)();
    if (result !== undefined) console.log(JSON.stringify(result, null, 2));
  }
}
