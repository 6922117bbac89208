import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { extractTar, readTar } from './tar.js';

/** One ustar header + data block, as `tar` writes them (checksum left out: the reader ignores it). */
function entry(name: string, type: string, content = ''): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, 'utf8');
  header.write('0000644\0', 100);
  header.write(`${Buffer.byteLength(content).toString(8).padStart(11, '0')}\0`, 124);
  header.write(type, 156);
  header.write('ustar\0', 257);
  const data = Buffer.alloc(Math.ceil(Buffer.byteLength(content) / 512) * 512);
  data.write(content);
  return Buffer.concat([header, data]);
}
const archive = (...entries: Buffer[]): Buffer => Buffer.concat([...entries, Buffer.alloc(1024)]);

const folders: string[] = [];
async function folder(): Promise<string> {
  const path = await mkdtemp(join(tmpdir(), 'accord-tar-'));
  folders.push(path);
  return path;
}
afterAll(async () => {
  for (const path of folders) await rm(path, { recursive: true, force: true });
});

describe('the tar reader that unpacks the bundled Chromium', () => {
  it('reads files and directories', () => {
    const entries = readTar(archive(entry('lib/', '5'), entry('lib/a.so', '0', 'hello'), entry('b.txt', '0', 'x'.repeat(600))));
    expect(entries.map((e) => [e.name, e.kind, e.data.length])).toEqual([
      ['lib/', 'directory', 0],
      ['lib/a.so', 'file', 5],
      ['b.txt', 'file', 600],
    ]);
    expect(entries[1]?.data.toString()).toBe('hello');
  });

  it('refuses an entry that would land outside the folder', async () => {
    const into = await folder();
    await expect(extractTar(archive(entry('../escaped', '0', 'x')), into)).rejects.toThrow('points outside the extraction folder');
    await expect(extractTar(archive(entry('/etc/escaped', '0', 'x')), into)).rejects.toThrow('points outside the extraction folder');
    expect(existsSync(join(dirname(into), 'escaped'))).toBe(false);
  });

  it('refuses links and archives cut short, with the entry named', () => {
    expect(() => readTar(archive(entry('lib/link.so', '2')))).toThrow('entry "lib/link.so" has unsupported type "2"');
    expect(() => readTar(entry('big', '0', 'x'.repeat(2000)).subarray(0, 1024))).toThrow('entry "big" runs past the end');
  });

  it("unpacks the package's shared libraries, executable", async () => {
    const entryPoint = createRequire(import.meta.url).resolve('@sparticuz/chromium');
    const bin = join(dirname(entryPoint), '..', '..', 'bin');
    const into = await folder();
    await extractTar(brotliDecompressSync(readFileSync(join(bin, 'al2023.tar.br'))), into);
    for (const lib of ['libnss3.so', 'libnspr4.so', 'libexpat.so.1']) {
      expect(statSync(join(into, 'lib', lib)).mode & 0o111).not.toBe(0);
    }
  });
});
