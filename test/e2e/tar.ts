import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';

const BLOCK = 512;

/** One entry of a tar archive: a regular file (with its bytes) or a directory. */
export interface TarEntry {
  name: string;
  kind: 'file' | 'directory';
  mode: number;
  data: Buffer;
}

function text(header: Buffer, start: number, length: number): string {
  const field = header.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end < 0 ? field.length : end).toString('utf8');
}

function octal(header: Buffer, start: number, length: number, what: string): number {
  const raw = text(header, start, length).trim();
  const value = raw === '' ? 0 : Number.parseInt(raw, 8);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`tar: bad ${what} field "${raw}"`);
  return value;
}

/**
 * The regular files and directories of a ustar archive held in memory. Only what the bundled
 * Chromium's archives contain is supported: pax headers are skipped, links and devices refused.
 */
export function readTar(archive: Buffer): TarEntry[] {
  const entries: TarEntry[] = [];
  let offset = 0;
  while (offset + BLOCK <= archive.length) {
    const header = archive.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) break;
    const prefix = text(header, 345, 155);
    const name = prefix === '' ? text(header, 0, 100) : `${prefix}/${text(header, 0, 100)}`;
    const size = octal(header, 124, 12, 'size');
    const type = String.fromCharCode(header[156] ?? 0);
    const dataStart = offset + BLOCK;
    if (dataStart + size > archive.length) throw new Error(`tar: entry "${name}" runs past the end of the archive`);
    const data = archive.subarray(dataStart, dataStart + size);
    if (type === '0' || type === '\0') entries.push({ name, kind: 'file', mode: octal(header, 100, 8, 'mode'), data });
    else if (type === '5') entries.push({ name, kind: 'directory', mode: octal(header, 100, 8, 'mode'), data });
    else if (type !== 'x' && type !== 'g') throw new Error(`tar: entry "${name}" has unsupported type "${type}"`);
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK;
  }
  return entries;
}

/** Writes the archive's entries under `into`; an entry naming a path outside it is refused. */
export async function extractTar(archive: Buffer, into: string): Promise<void> {
  for (const entry of readTar(archive)) {
    const relative = normalize(entry.name);
    if (isAbsolute(relative) || relative === '..' || relative.startsWith(`..${sep}`)) {
      throw new Error(`tar: entry "${entry.name}" points outside the extraction folder`);
    }
    const target = join(into, relative);
    if (entry.kind === 'directory') {
      await mkdir(target, { recursive: true });
      continue;
    }
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, entry.data, { mode: entry.mode & 0o777 });
  }
}
