import { createReadStream, createWriteStream, existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { brotliDecompress, createBrotliDecompress } from 'node:zlib';
import { extractTar } from './tar.js';

const PACKAGE = '@sparticuz/chromium';
/** Bump when what gets unpacked (or fonts.conf) changes, so an older unpacking is not reused. */
const UNPACK_FORMAT = 1;
/** A half-written unpacking older than this was left by a run that died: remove it. */
const STALE_PARTIAL_MS = 60 * 60 * 1000;

/** Where the unpacked Chromium is, and the environment it needs to find its libraries and font. */
export interface BundledChromium {
  executablePath: string;
  /** Package name and version, for messages. */
  source: string;
  env: Record<string, string>;
}

let unpacking: Promise<BundledChromium> | undefined;

/**
 * The headless Chromium that `@sparticuz/chromium` ships inside its npm package (Linux x64),
 * unpacked once per package version into `node_modules/.cache/accordkit-chromium/<version>-<n>/`
 * together with the shared libraries it links against (NSS, NSPR, expat: also in the package) and
 * a font, so it runs on a machine that has nothing but Node. The package's own `executablePath()`
 * is not used: it unpacks to a fixed path in the temp folder, where parallel test files race
 * (one can launch the binary while another is still writing it) and another version's leftover
 * binary would be taken as its own.
 */
export function bundledChromium(): Promise<BundledChromium> {
  unpacking ??= unpack();
  return unpacking;
}

async function unpack(): Promise<BundledChromium> {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `${PACKAGE} ships Chromium for Linux x64 only, and this is ${process.platform} ${process.arch}: ` +
        'set CHROMIUM_PATH to a Chromium or Chrome executable to run the browser tests here.',
    );
  }
  const packageDir = findPackageDir();
  const version = (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version?: unknown }).version;
  if (typeof version !== 'string') throw new Error(`${PACKAGE}: its package.json names no version`);
  const source = `${PACKAGE} ${version}`;
  // <root>/node_modules/@sparticuz/chromium -> <root>/node_modules/.cache/...
  const cacheRoot = join(dirname(dirname(packageDir)), '.cache', 'accordkit-chromium');
  const finalDir = join(cacheRoot, `${version}-${UNPACK_FORMAT}`);
  if (!existsSync(finalDir)) await unpackInto(join(packageDir, 'bin'), cacheRoot, finalDir);
  return {
    executablePath: join(finalDir, 'chromium'),
    source,
    env: {
      LD_LIBRARY_PATH: [join(finalDir, 'lib'), process.env['LD_LIBRARY_PATH']].filter((part) => part).join(':'),
      FONTCONFIG_FILE: join(finalDir, 'fonts.conf'),
    },
  };
}

function findPackageDir(): string {
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve(PACKAGE);
  } catch {
    throw new Error(`${PACKAGE} is not installed: run \`npm ci\` (it is a devDependency), or set CHROMIUM_PATH.`);
  }
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const name = (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name;
    if (name === PACKAGE) return dir;
  }
  throw new Error(`${PACKAGE}: no package.json found above ${entry}`);
}

/**
 * Unpacks into a private folder, then renames it into place: the final folder only ever appears
 * complete, so test files unpacking at the same time never see each other's half-written files
 * (the slower one finds the folder taken and drops its own copy).
 */
async function unpackInto(binDir: string, cacheRoot: string, finalDir: string): Promise<void> {
  await mkdir(cacheRoot, { recursive: true });
  await removeStalePartials(cacheRoot);
  const partial = `${finalDir}.partial-${process.pid}-${Math.random().toString(36).slice(2)}`;
  await mkdir(partial);
  try {
    await pipeline(
      createReadStream(join(binDir, 'chromium.br')),
      createBrotliDecompress(),
      createWriteStream(join(partial, 'chromium'), { mode: 0o755 }),
    );
    const inflate = promisify(brotliDecompress);
    await extractTar(await inflate(await readFile(join(binDir, 'al2023.tar.br'))), partial);
    await extractTar(await inflate(await readFile(join(binDir, 'fonts.tar.br'))), partial);
    await writeFile(join(partial, 'fonts.conf'), fontsConf(finalDir));
    await rename(partial, finalDir);
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if ((code === 'ENOTEMPTY' || code === 'EEXIST') && existsSync(join(finalDir, 'chromium'))) return;
    throw new Error(`could not unpack the Chromium of ${binDir} into ${finalDir}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function removeStalePartials(cacheRoot: string): Promise<void> {
  for (const name of await readdir(cacheRoot)) {
    if (!name.includes('.partial-')) continue;
    const path = join(cacheRoot, name);
    const info = await stat(path).catch(() => null);
    if (info && Date.now() - info.mtimeMs > STALE_PARTIAL_MS) await rm(path, { recursive: true, force: true });
  }
}

/**
 * The packaged font, with its cache beside it, so text has a font (and width) on a machine with
 * none; plus the system's fonts where there are any (emoji in screenshots), never required.
 */
function fontsConf(finalDir: string): string {
  const xml = (path: string): string => path.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
    '<fontconfig>',
    '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
    `  <dir>${xml(join(finalDir, 'fonts'))}</dir>`,
    `  <cachedir>${xml(join(finalDir, 'fontconfig-cache'))}</cachedir>`,
    '</fontconfig>',
    '',
  ].join('\n');
}
