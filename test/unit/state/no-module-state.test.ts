import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const STATE_DIR = fileURLToPath(new URL('../../../src/state', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/**
 * `new …` evaluated when the module loads: in a top-level initializer, outside any function
 * body except one invoked on the spot (an IIFE).
 */
function constructionsAtLoad(node: ts.Node, found: string[], source: ts.SourceFile): void {
  if (ts.isFunctionLike(node) || ts.isClassLike(node)) {
    const invoked = ts.isCallExpression(node.parent) && node.parent.expression === node;
    const parenthesizedInvoked =
      ts.isParenthesizedExpression(node.parent) && ts.isCallExpression(node.parent.parent) && node.parent.parent.expression === node.parent;
    if (!invoked && !parenthesizedInvoked) return;
  }
  if (ts.isNewExpression(node)) found.push(node.getText(source).split('(')[0] ?? '');
  ts.forEachChild(node, (child) => constructionsAtLoad(child, found, source));
}

/** Module-level mutable state in one file: `let`/`var` declarations and objects built at load. */
export function moduleState(text: string, fileName = 'file.ts'): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const problems: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) {
      if (ts.isExpressionStatement(statement)) {
        const found: string[] = [];
        constructionsAtLoad(statement.expression, found, source);
        for (const what of found) problems.push(`${what} at load`);
      }
      continue;
    }
    const list = statement.declarationList;
    const isConst = (list.flags & ts.NodeFlags.Const) !== 0;
    for (const declaration of list.declarations) {
      const name = declaration.name.getText(source);
      if (!isConst) {
        problems.push(`${name}: module-level ${list.flags & ts.NodeFlags.Let ? 'let' : 'var'}`);
        continue;
      }
      if (!declaration.initializer) continue;
      const found: string[] = [];
      constructionsAtLoad(declaration.initializer, found, source);
      for (const what of found) problems.push(`${name}: ${what} at load`);
    }
  }
  return problems;
}

describe('src/state keeps no module-level mutable state', () => {
  it('the check finds lets, vars and maps, sets or instances built at load (IIFEs included)', () => {
    const found = moduleState(
      [
        'export let openJournals = 0;',
        'var legacy = 1;',
        'const journals = new PerConnection<string>();',
        'const fetches = new WeakMap<object, string>();',
        'const table = (() => { const map = new Map(); return map; })();',
        'const later = () => new Set<string>();',
        'function make() { return new Map(); }',
        'class Holder { readonly seen = new Set<string>(); }',
        'const EMPTY = Object.freeze([]);',
      ].join('\n'),
    );
    expect(found).toEqual([
      'openJournals: module-level let',
      'legacy: module-level var',
      'journals: new PerConnection<string> at load',
      'fetches: new WeakMap<object, string> at load',
      'table: new Map at load',
    ]);
  });

  it('no file in src/state declares any', () => {
    const problems = sourceFiles(STATE_DIR).flatMap((path) =>
      moduleState(readFileSync(path, 'utf8'), path).map((problem) => `${relative(STATE_DIR, path)}: ${problem}`),
    );
    expect(problems).toEqual([]);
  });
});
