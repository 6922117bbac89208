import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Issue 12 §4's edges for src/testing and bench/, read from the source files. The 450-line limit is
 * eslint's max-lines (eslint.config.js); these follow imports transitively, which the lint rules do not.
 */

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

function tsFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...tsFilesUnder(path));
    else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}

/** Relative specifiers a file imports or re-exports, resolved to .ts paths. */
function relativeImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of source.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+['"](\.[^'"]+)['"]|^\s*import\s+['"](\.[^'"]+)['"]/gm)) {
    const specifier = match[1] ?? match[2] ?? '';
    found.push(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
  }
  return found;
}

/** Every file reachable from `entry` through relative imports. */
function importGraph(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const next of relativeImports(file)) visit(next);
  };
  visit(entry);
  return [...seen].map((file) => relative(root, file).split('\\').join('/'));
}

describe('src/testing and bench/', () => {
  it('the frame oracle does not reach the server it judges', () => {
    const graph = importGraph(join(root, 'src/testing/frame-oracle.ts'));
    expect(graph.filter((file) => file.startsWith('src/server/'))).toEqual([]);
  });

  it('bench/ imports nothing from test/ (shared fixtures live in fixtures/)', () => {
    const reached = tsFilesUnder(join(root, 'bench')).flatMap((file) => relativeImports(file).map((target) => relative(root, target)));
    expect(reached.filter((file) => file.startsWith('test/') || file.startsWith('test\\'))).toEqual([]);
    expect(reached).toContain(join('fixtures', 'wire.ts'));
  });
});
