import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** file -> the files of the same tree it imports (type-only imports and `export … from` included). */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

const COMPILER_OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  allowImportingTsExtensions: true,
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/**
 * The import graph of every `.ts` file under `root`, paths relative to `root`. Specifiers are
 * resolved the way tsc resolves them (NodeNext: `./x.js` is `./x.ts`); imports of packages and of
 * files outside `root` are left out.
 */
export function importGraph(root: string): ImportGraph {
  const graph = new Map<string, string[]>();
  const inTree = new Set(sourceFiles(root));
  for (const file of inTree) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = new Set<string>();
    for (const { fileName: specifier } of importedFiles) {
      const resolved = ts.resolveModuleName(specifier, file, COMPILER_OPTIONS, ts.sys).resolvedModule?.resolvedFileName;
      if (resolved !== undefined && inTree.has(resolved)) targets.add(relative(root, resolved));
    }
    graph.set(relative(root, file), [...targets].sort());
  }
  return graph;
}

/**
 * One cycle per strongly connected component of the graph (Tarjan), each written as the path
 * `a.ts -> b.ts -> a.ts`. Empty when the graph has no cycle.
 */
export function findCycles(graph: ImportGraph): string[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[] = [];
  let next = 0;

  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node)!, index.get(target)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component = new Set<string>();
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.add(member);
    } while (member !== node);
    if (component.size > 1 || (graph.get(node) ?? []).includes(node)) cycles.push(cycleThrough(graph, node, component));
  };

  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return cycles;
}

/** A shortest path from `start` back to itself inside `component` (breadth first). */
function cycleThrough(graph: ImportGraph, start: string, component: ReadonlySet<string>): string {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    for (const target of graph.get(node) ?? []) {
      if (!component.has(target)) continue;
      if (target === start) {
        const path = [start];
        for (let step: string | undefined = node; step !== undefined && step !== start; step = cameFrom.get(step)) path.unshift(step);
        path.unshift(start);
        return path.join(' -> ');
      }
      if (!cameFrom.has(target)) {
        cameFrom.set(target, node);
        queue.push(target);
      }
    }
  }
  return start;
}
