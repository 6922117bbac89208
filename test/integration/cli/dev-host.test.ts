import { describe, expect, it } from 'vitest';
import { isLoopbackHost, publicHostWarning } from '../../../src/cli/server-args.js';
import { runCli } from './cli-harness.js';

/** Issue 16: `accord dev --host 0.0.0.0` publishes accounts whose tokens are fixed and public. */

async function devRun(args: string[]): Promise<{ stdout: string[]; stderr: string[] }> {
  const dev = runCli(['dev', '--port', '0', ...args]);
  await dev.waitFor('stdout', (line) => line.includes('Ctrl-C stops the server'));
  dev.interrupt();
  expect(await dev.exit).toBe(0);
  return dev;
}

describe('accord dev on a non-loopback host', () => {
  it('warns on stderr that the demo tokens are fixed and public', async () => {
    const dev = await devRun(['--host', '0.0.0.0']);
    const warning = dev.stderr.find((line) => line.includes('warning'));
    expect(warning).toContain('listening on 0.0.0.0 with the demo seed');
    expect(warning).toContain("the demo accounts' tokens and passwords are fixed and public");
  });

  it('stays quiet on loopback, and without the demo seed', async () => {
    expect((await devRun(['--host', '127.0.0.1'])).stderr.filter((line) => line.includes('warning'))).toEqual([]);
    expect((await devRun(['--host', '0.0.0.0', '--seed', 'empty'])).stderr.filter((line) => line.includes('warning'))).toEqual([]);
  });

  it('treats every loopback spelling as loopback and anything else as reachable', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1']) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'example.org', '127.0.0.1.example.org']) {
      expect(isLoopbackHost(host)).toBe(false);
      expect(publicHostWarning({ host, seed: 'demo' })).not.toBeNull();
    }
  });
});
