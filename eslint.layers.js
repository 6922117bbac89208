// The layer rules (issue 12 §4) as `no-restricted-imports` config blocks, so a wrong arrow fails
// `npm run lint`. The rule matches import specifiers as written, and those are relative
// ('../gateway/index.js' from src/state, '../../gateway/index.js' from src/state/handlers), so
// this module writes one block per directory with the relative path of each forbidden target
// spelled from there. Import cycles are checked by test/unit/architecture/import-cycles.test.ts.
import { readdirSync } from 'node:fs';
import { posix } from 'node:path';

const REPOSITORY = import.meta.dirname;
const list = (dir) => readdirSync(posix.join(REPOSITORY, dir), { withFileTypes: true });

const LAYER_MAP = 'protocol <- models <- gateway, rest <- client <- state <- cli, web; server uses protocol and util only';

/** Each directory of src and what it may import from the others (util imports nothing of ours). */
const SRC_LAYERS = {
  util: [],
  protocol: ['util'],
  models: ['protocol', 'util'],
  gateway: ['models', 'protocol', 'util'],
  rest: ['models', 'protocol', 'util'],
  client: ['gateway', 'rest', 'models', 'protocol', 'util'],
  // The store reaches the transport and REST only through its StoreClient port (AccordClient).
  state: ['client', 'models', 'protocol', 'util'],
  // `accord start` runs the embedded server.
  cli: ['server', 'state', 'client', 'gateway', 'rest', 'models', 'protocol', 'util'],
  server: ['protocol', 'util'],
  // Harnesses drive every part; nothing else in src imports testing.
  testing: ['server', 'state', 'client', 'gateway', 'rest', 'models', 'protocol', 'util'],
};

/**
 * `from` (a directory, with everything under it, or one file) must not import `to` (directories).
 * Paths are relative to the repository root.
 */
export const LAYER_RULES = [
  ...Object.entries(SRC_LAYERS).map(([layer, allowed]) => ({
    from: `src/${layer}`,
    to: Object.keys(SRC_LAYERS)
      .filter((other) => other !== layer && !allowed.includes(other))
      .map((other) => `src/${other}`),
    why: LAYER_MAP,
  })),
  {
    from: 'src/index.ts',
    to: ['src/state', 'src/cli', 'src/server', 'src/testing'],
    why: "the package root exports the client side only ('accordkit/state' and 'accordkit/server' are their own entries)",
  },
  {
    from: 'src/server/data',
    to: ['src/server/gateway'],
    why: 'the data side reaches the gateway through src/server/contracts.ts only',
  },
  {
    from: 'src/server/rest',
    to: ['src/server/gateway'],
    why: 'the REST side reaches the gateway through src/server/contracts.ts only',
  },
  {
    from: 'src/server/gateway',
    to: ['src/server/data', 'src/server/rest'],
    why: 'the gateway reaches data and REST through src/server/contracts.ts only',
  },
  {
    from: 'src/testing/frame-oracle.ts',
    to: ['src/server'],
    why: 'the frame oracle must not import the server it judges',
  },
  { from: 'web', to: ['src/server', 'src/cli', 'src/testing'], why: LAYER_MAP },
  { from: 'bench', to: ['test'], why: 'shared fixtures live where both may use them' },
];

const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist']);

function directoriesUnder(dir) {
  const below = list(dir)
    .filter((entry) => entry.isDirectory() && !SKIPPED_DIRECTORIES.has(entry.name) && !entry.name.startsWith('.'))
    .flatMap((entry) => directoriesUnder(posix.join(dir, entry.name)));
  return [dir, ...below];
}

const isFile = (path) => /\.[cm]?[jt]s$/.test(path);
const covers = (rule, dir) => !isFile(rule.from) && (dir === rule.from || dir.startsWith(`${rule.from}/`));
const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A regex for every specifier that names `target` (or a file under it) from a file in `dir`. */
function specifierRegex(dir, target) {
  const relative = posix.relative(dir, target);
  const spelled = relative.startsWith('..') ? relative : `./${relative}`;
  return `^${escapeRegex(spelled)}(?:/|\\.js$|$)`;
}

function block(files, dir, rules) {
  const patterns = rules.flatMap((rule) =>
    rule.to.map((target) => ({
      regex: specifierRegex(dir, target),
      message: `${rule.from} must not import ${target}: ${rule.why}.`,
    })),
  );
  return {
    files,
    rules: { 'no-restricted-imports': patterns.length > 0 ? ['error', { patterns }] : 'off' },
  };
}

/**
 * The config blocks for `rules`. `exceptions` ({ file, allow }) lift one target for one file; a
 * file's block replaces its directory's (ESLint does not merge a rule's options), so it restates
 * the rest.
 */
export function layerBlocks(rules = LAYER_RULES, exceptions = []) {
  const unknownLayers = list('src')
    .filter((entry) => entry.isDirectory() && !(entry.name in SRC_LAYERS))
    .map((entry) => entry.name);
  if (unknownLayers.length > 0) {
    throw new Error(`eslint.layers.js: src/${unknownLayers.join(', src/')} has no layer rule; add it to SRC_LAYERS`);
  }
  const roots = [...new Set(rules.map((rule) => rule.from.split('/')[0]))];
  const blocks = roots
    .flatMap((root) => directoriesUnder(root))
    .map((dir) => block([`${dir}/*.{ts,js}`], dir, rules.filter((rule) => covers(rule, dir))));

  const files = [...new Set([...rules.filter((rule) => isFile(rule.from)).map((rule) => rule.from), ...exceptions.map((e) => e.file)])];
  for (const file of files) {
    const dir = posix.dirname(file);
    const allowed = new Set(exceptions.filter((e) => e.file === file).map((e) => e.allow));
    for (const target of allowed) {
      if (!rules.some((rule) => (rule.from === file || covers(rule, dir)) && rule.to.includes(target))) {
        throw new Error(`eslint.layers.js: the exception ${file} -> ${target} lifts no rule; remove it`);
      }
    }
    const fileRules = rules
      .filter((rule) => rule.from === file || covers(rule, dir))
      .map((rule) => ({ ...rule, to: rule.to.filter((target) => !allowed.has(target)) }));
    blocks.push(block([file], dir, fileRules));
  }
  return blocks;
}
