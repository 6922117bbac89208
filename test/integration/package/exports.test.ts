import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { builtinModules } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The package as a user installs it: `npm run build` into a temporary `node_modules/accordkit`
 * (package.json + dist only), the project's dependencies linked beside it, then plain `node` and
 * `tsc` importing `accordkit`, `accordkit/state` and `accordkit/server` through the exports map.
 */

const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const tscBin = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

let work: string;
let pkg: string;
let dist: string;

/** Entry points of the exports map; `state` must build whenever its source exists. */

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else out.push(relative(dist, path).split(sep).join('/'));
  }
  return out;
}

/** Runs an ES module script with `node` from the temp project, so `accordkit` resolves like an install. */
async function node(script: string): Promise<string> {
  const file = join(work, `probe-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, script);
  const { stdout } = await run(process.execPath, [file], { cwd: work, timeout: 60_000 });
  return stdout;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'accordkit-package-'));
  pkg = join(work, 'node_modules', 'accordkit');
  dist = join(pkg, 'dist');
  mkdirSync(pkg, { recursive: true });
  copyFileSync(join(root, 'package.json'), join(pkg, 'package.json'));
  // Dependencies resolve from <work>/node_modules, as they would beside an installed package.
  for (const name of readdirSync(join(root, 'node_modules'))) {
    if (name.startsWith('.') || name === 'accordkit') continue;
    symlinkSync(join(root, 'node_modules', name), join(work, 'node_modules', name));
  }
  await run('npm', ['run', 'build', '--', '--outDir', dist], { cwd: root, timeout: 240_000 });
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('npm run build', () => {
  it('emits JavaScript and declarations for every entry point of the exports map', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      exports: Record<string, { types: string; import: string }>;
    };
    const entries = Object.entries(manifest.exports);
    expect(entries.map(([subpath]) => subpath).sort()).toEqual(['.', './server', './state', './testing']);
    for (const [subpath, target] of entries) {
      expect(existsSync(join(pkg, target.import)), `${subpath} -> ${target.import}`).toBe(true);
      expect(existsSync(join(pkg, target.types)), `${subpath} -> ${target.types}`).toBe(true);
    }
    expect(existsSync(join(dist, 'state', 'index.js'))).toBe(true);
  });

  it('emits the `accord` bin as an executable node script', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    const bin = manifest.bin.accord;
    expect(bin).toBeDefined();
    const script = readFileSync(join(pkg, bin ?? ''), 'utf8');
    expect(script.startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('contains no test files and nothing outside src', () => {
    const files = filesUnder(dist);
    expect(files.length).toBeGreaterThan(50);
    expect(files.filter((file) => /(^|\/)test\/|\.test\.|\.spec\./.test(file))).toEqual([]);
    const sourceTop = new Set(readdirSync(join(root, 'src')).map((name) => name.replace(/\.ts$/, '')));
    const distTop = new Set(files.map((file) => file.split('/')[0]?.replace(/\.(js|d\.ts|js\.map)$/, '') ?? ''));
    for (const top of distTop) expect(sourceTop.has(top), `dist/${top} has no source in src/`).toBe(true);
  });

  it('declares no `any` anywhere in the emitted declarations (comments aside)', () => {
    const offenders: string[] = [];
    for (const file of filesUnder(dist)) {
      if (!file.endsWith('.d.ts')) continue;
      const text = readFileSync(join(dist, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '));
      text.split('\n').forEach((line, index) => {
        if (/(:|<|\||,|=>|\()\s*any\b|\bany\[\]/.test(line)) offenders.push(`${file}:${index + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });
});

/** Bare specifiers statically imported anywhere in the graph reachable from `entry`. */
function staticImports(entry: string): { files: number; bare: Set<string> } {
  const seen = new Set<string>();
  const bare = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm)) {
      const specifier = match[1] ?? match[2] ?? '';
      if (specifier.startsWith('.')) visit(join(dirname(file), specifier));
      else bare.add(specifier);
    }
  };
  visit(entry);
  return { files: seen.size, bare };
}

describe('the main entry runs in browsers', () => {
  it('statically imports no Node builtin and not `ws` (ws is loaded lazily, in Node only)', () => {
    const { files, bare } = staticImports(join(dist, 'index.js'));
    expect(files).toBeGreaterThan(20);
    const nodeOnly = [...bare].filter((spec) => spec.startsWith('node:') || builtinModules.includes(spec) || spec === 'ws');
    expect(nodeOnly).toEqual([]);
    expect([...bare].every((spec) => spec.startsWith('@sinclair/typebox'))).toBe(true);
  });
});

describe('importing the built package through its exports map', () => {
  it('accordkit: the public names of ARCHITECTURE.md', async () => {
    const out = await node(`
      import * as kit from 'accordkit';
      console.log(JSON.stringify({
        opcodes: [kit.GatewayOpcodes.EVENT, kit.GatewayOpcodes.HELLO, kit.GatewayOpcodes.INVALID_SESSION, kit.GatewayOpcodes.VOICE_SIGNAL],
        closeCodes: [kit.CloseCodes.AUTH_FAILED, kit.CloseCodes.RATE_LIMITED],
        all: kit.GatewayIntents.all(),
        unprivileged: kit.GatewayIntents.unprivileged(),
        privileged: kit.GatewayIntents.privileged(),
        default: kit.GatewayIntents.default(),
        intentForMessage: kit.intentForEvent('message.create'),
        intentForUserUpdate: kit.intentForEvent('user.update') ?? null,
        classes: ['GatewaySocket', 'AccordRest', 'AccordClient'].map((name) => typeof kit[name]),
        server: 'AccordServer' in kit,
      }));
    `);
    const names = JSON.parse(out) as Record<string, unknown>;
    expect(names.opcodes).toEqual([0, 5, 7, 11]);
    expect(names.closeCodes).toEqual([4004, 4008]);
    expect(names.all).toHaveLength(17);
    expect(names.all).toEqual(expect.arrayContaining(['soundboard', 'plugins', 'relationships', 'members', 'presences']));
    expect(names.privileged).toEqual(['members', 'presences', 'message_content']);
    expect(names.unprivileged).toHaveLength(14);
    expect(names.default).toEqual(expect.arrayContaining(['spaces', 'messages']));
    expect(names.intentForMessage).toBe('messages');
    expect(names.intentForUserUpdate).toBeNull();
    expect(names.classes).toEqual(['function', 'function', 'function']);
    // The server stays behind its own subpath, out of the client bundle.
    expect(names.server).toBe(false);
  });

  it('accordkit/server + accordkit: the built client logs in to the built server with the default WebSocket', async () => {
    const out = await node(`
      import { AccordClient } from 'accordkit';
      import { AccordServer } from 'accordkit/server';
      const server = await AccordServer.start({ port: 0, seed: 'demo' });
      try {
        const alice = server.seeded.users[0];
        const client = new AccordClient({ baseUrl: server.url, token: alice.token });
        const ready = await client.login();
        console.log(JSON.stringify({ userId: ready.user_id, expected: alice.id, state: client.gateway.state }));
        await client.logout();
      } finally {
        await server.close();
      }
    `);
    const result = JSON.parse(out) as { userId: string; expected: string; state: string };
    expect(result.userId).toBe(result.expected);
    expect(result.state).toBe('connected');
  });

  it('accordkit/state: AccordStore and ServerConnection', async () => {
    const probe = node(`
      import * as state from 'accordkit/state';
      console.log(JSON.stringify([typeof state.AccordStore, typeof state.ServerConnection]));
    `);
    expect(JSON.parse(await probe)).toEqual(['function', 'function']);
  });

  it('deep imports past the exports map are refused', async () => {
    await expect(node(`await import('accordkit/dist/index.js');`)).rejects.toThrow(/ERR_PACKAGE_PATH_NOT_EXPORTED/);
  });

  it('the declarations type-check a consumer through the exports map (NodeNext, strict, no skipLibCheck)', async () => {
    const stateImport = `import { AccordStore } from 'accordkit/state';\nconst store: AccordStore | undefined = undefined;\nvoid store;`;
    writeFileSync(
      join(work, 'consumer.ts'),
      `import { AccordClient, AccordRest, CloseCodes, GatewayIntents, GatewayOpcodes, GatewaySocket, intentForEvent } from 'accordkit';
import type { GatewayIntent, Message, ReadyData } from 'accordkit';
import { AccordServer } from 'accordkit/server';
${stateImport}
const intents: GatewayIntent[] = GatewayIntents.all();
const client = new AccordClient({ baseUrl: 'http://127.0.0.1:1', token: 't', intents });
client.on('message.create', (message: Message) => {
  const upper: string = message.content.toUpperCase();
  // @ts-expect-error content is a string, so the types are real (not any)
  const wrong: number = message.content;
  void upper;
  void wrong;
});
client.on('ready', (ready: ReadyData) => void ready.session_id);
client.on('reconnecting', (attempt: number, max: number) => void (attempt + max));
const op: 10 = GatewayOpcodes.REQUEST_MEMBERS;
const code: 4004 = CloseCodes.AUTH_FAILED;
const intent: GatewayIntent | null = intentForEvent('presence.update');
const socketClass: typeof GatewaySocket = client.gateway.constructor as typeof GatewaySocket;
const rest: AccordRest = client.rest;
// AccordRest's endpoints are assembled from per-resource tables: they must still type as methods.
const username: Promise<string> = rest.getUser('1').then((user) => user.username);
const login: typeof AccordRest.login = AccordRest.login;
// @ts-expect-error ids are strings
void rest.listMembers(1);
void [username, login];
const start: typeof AccordServer.start = AccordServer.start;
void [op, code, intent, socketClass, rest, start];
`,
    );
    writeFileSync(
      join(work, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          lib: ['ES2022', 'DOM'],
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: ['node'],
        },
        files: ['consumer.ts'],
      }),
    );
    const result = await run(process.execPath, [tscBin, '-p', join(work, 'tsconfig.json')], { cwd: work, timeout: 120_000 }).then(
      () => 'ok',
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
    expect(result).toBe('ok');
  });
});
