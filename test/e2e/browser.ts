import { constants, statSync } from 'node:fs';
import { access, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { bundledChromium } from './bundled-chromium.js';

/**
 * The machine this runs on has a closed network: without the background-networking flags
 * Chromium keeps trying (and failing) to reach Google's hosts. `--no-sandbox` because CI runs as
 * root.
 */
const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

interface ChromiumChoice {
  executablePath: string;
  /** Where it came from, for error messages. */
  source: string;
  env: Record<string, string>;
}

/** `CHROMIUM_PATH` if set, else the Chromium that `npm ci` installed (never a system one). */
async function chooseChromium(): Promise<ChromiumChoice> {
  const override = process.env['CHROMIUM_PATH'];
  if (override === undefined || override === '') return bundledChromium();
  const info = statSync(override, { throwIfNoEntry: false });
  if (!info) {
    throw new Error(`CHROMIUM_PATH is set to ${override}, but there is no file there. Unset it to use the Chromium that npm ci installs.`);
  }
  if (!info.isFile()) throw new Error(`CHROMIUM_PATH is set to ${override}, which is not a file (it should name the Chromium executable).`);
  try {
    await access(override, constants.X_OK);
  } catch {
    throw new Error(`CHROMIUM_PATH is set to ${override}, which is not executable.`);
  }
  return { executablePath: override, source: 'CHROMIUM_PATH', env: {} };
}

/**
 * Starts unpacking the bundled Chromium now (call it first in `beforeAll`, so it overlaps the page
 * build). A failure is not reported here: `launchChromium` reports it, inside a test.
 */
export function prepareChromium(): void {
  const override = process.env['CHROMIUM_PATH'];
  if (override === undefined || override === '') bundledChromium().catch(() => undefined);
}

function processEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined) env[name] = value;
  return env;
}

/**
 * Headless Chromium driven by playwright-core, with a fresh profile. A Chromium that cannot be
 * found or started is a test failure with the reason, never a skip: the browser tests are part of
 * what `npm test` promises.
 */
export async function launchChromium(): Promise<BrowserContext> {
  const choice = await chooseChromium();
  const profile = await mkdtemp(join(tmpdir(), 'accord-e2e-profile-'));
  try {
    return await chromium.launchPersistentContext(profile, {
      executablePath: choice.executablePath,
      headless: true,
      args: LAUNCH_ARGS,
      env: { ...processEnv(), ...choice.env },
      viewport: { width: 1280, height: 800 },
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Chromium (${choice.source}, ${choice.executablePath}) did not start: ${reason}`);
  }
}
