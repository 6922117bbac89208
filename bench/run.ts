/**
 * `npm run bench`: every benchmark measures accordkit beside a baseline in the same run and prints
 * the ratio; at the end, one table of every ratio beside its goal (issue 15). No thresholds here
 * or in tests: these machines are noisy, ratios are what compare. `npm run bench -- small-mix`
 * runs only the files whose name contains one of the arguments.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { formatSummary, hasSummary, type RatioRow } from './summary.js';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);

type BenchFn = () => Promise<unknown>;

const files = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const rows: RatioRow[] = [];
for (const file of files) {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as Record<string, unknown>;
  for (const [name, fn] of Object.entries(mod)) {
    if (!name.startsWith('bench') || typeof fn !== 'function') continue;
    console.log(`\n== ${file} :: ${name}`);
    const result = await (fn as BenchFn)();
    if (result !== undefined) console.log(JSON.stringify(result, null, 2));
    if (hasSummary(result)) rows.push(...result.summary);
  }
}

if (rows.length > 0) {
  console.log('\n== summary: accordkit / baseline (median of per-round ratios; cpu ratio = the same in process CPU time)');
  console.log(formatSummary(rows));
}
