import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { findCycles, importGraph } from './import-graph.js';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '../../../src');

describe('import cycles (issue 12: no import cycle anywhere in src)', () => {
  it('src has none, type-only imports included', () => {
    const graph = importGraph(SRC);
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('server/gateway/gateway.ts')).toContain('server/gateway/connection.ts');
    // Each entry reads as a path, e.g. "server/gateway/connection.ts -> server/gateway/gateway.ts -> …".
    expect(findCycles(graph)).toEqual([]);
  });

  describe('the checker itself', () => {
    const root = mkdtempSync(join(tmpdir(), 'accordkit-cycles-'));
    afterAll(() => rmSync(root, { recursive: true, force: true }));
    const write = (path: string, text: string): void => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    };

    it('reports a cycle through a type-only import, an index file and an export-from, as a path', () => {
      write('a.ts', "import type { B } from './b/index.js';\nexport type A = B;\n");
      write('b/index.ts', "export * from './b.js';\n");
      write('b/b.ts', "import { c } from '../c.js';\nexport type B = string;\nexport const b = c;\n");
      write('c.ts', "export { a } from './d.js';\nexport const c = 1;\n");
      write('d.ts', "import type { A } from './a.js';\nexport const a: A | null = null;\n");
      write('leaf.ts', "import { readFileSync } from 'node:fs';\nimport { c } from './c.js';\nexport const leaf = [readFileSync, c];\n");
      write('self.ts', "import { self } from './self.js';\nexport const again = self;\nexport const self = 1;\n");
      const cycles = findCycles(importGraph(root));
      expect(cycles).toHaveLength(2);
      expect(cycles).toContain('a.ts -> b/index.ts -> b/b.ts -> c.ts -> d.ts -> a.ts');
      expect(cycles).toContain('self.ts -> self.ts');
    });
  });
});
