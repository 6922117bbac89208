/**
 * Runs one bench function in several fresh Node processes, one after another. On these machines a
 * ratio moves by up to ±0.08 from one process to the next (JIT and heap layout differ per process)
 * while the rounds inside one process agree, so a ratio that decides a target is the median of
 * several processes, each measuring both sides in the same run.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const RESULT_PREFIX = '@@bench-result ';
const CHILD_FLAG = '--bench-child';

/** In a child: the bench function it was started for, if this module's file is the one started. */
export function childTarget(moduleUrl: string): string | null {
  const at = process.argv.indexOf(CHILD_FLAG);
  if (at < 0 || process.argv[1] !== fileURLToPath(moduleUrl)) return null;
  return process.argv[at + 1] ?? null;
}

/** In a child: hands the result to the parent (after the child's own printed lines). */
export function reportToParent(result: unknown): void {
  console.log(`${RESULT_PREFIX}${JSON.stringify(result)}`);
}

/** Starts `count` processes in turn, each running `exportName` of the module once; their results in order. */
export async function inFreshProcesses<T>(moduleUrl: string, exportName: string, count: number): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < count; i++) results.push(await runChild<T>(fileURLToPath(moduleUrl), exportName));
  return results;
}

function runChild<T>(file: string, exportName: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags(), file, CHILD_FLAG, exportName], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const lines = out.split('\n');
      const resultLine = lines.find((line) => line.startsWith(RESULT_PREFIX));
      for (const line of lines) if (line && !line.startsWith(RESULT_PREFIX)) console.log(`  ${line}`);
      if (code !== 0 || !resultLine) {
        reject(new Error(`bench child ${exportName} exited with ${code ?? 'a signal'} and no result`));
        return;
      }
      resolve(JSON.parse(resultLine.slice(RESULT_PREFIX.length)) as T);
    });
  });
}

/**
 * This process's Node flags for a child, without inline code (`-e`, `-p`): started from such a
 * snippet, a child would run the snippet again instead of the file, and start children of its own.
 */
function nodeFlags(): string[] {
  const flags: string[] = [];
  const args = process.execArgv;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '-e' || arg === '--eval' || arg === '-p' || arg === '--print') i++;
    else if (!arg.startsWith('--eval=') && !arg.startsWith('--print=')) flags.push(arg);
  }
  return flags;
}
