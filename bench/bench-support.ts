// What the benchmarks share: starting a server process, reading memory from /proc, printing tables.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

/** Starts a server process and resolves with the first URL it prints that matches `url`. */
export function startServer(
  command: string,
  args: string[],
  url: RegExp,
  options: { readonly cwd?: string } = {},
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'], ...options });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      out += chunk;
      const found = url.exec(out)?.[0];
      if (found) {
        child.stdout?.removeAllListeners('data');
        child.stdout?.resume();
        resolve({ child, url: found });
      }
    });
    child.on('exit', (code) => reject(new Error(`${command} exited with ${code} before listening:\n${out}`)));
  });
}

/** Stops a server process started with `startServer` and waits for it to exit. */
export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** RSS in bytes of one process (Linux /proc); 0 once it has ended. */
export function processRss(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/** The pids of a process's descendants (the Lambda environments). */
export function descendants(pid: number): number[] {
  const found: number[] = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const listed = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      for (const child of listed ? listed.split(/\s+/) : []) found.push(Number(child), ...descendants(Number(child)));
    }
  } catch {
    // The process ended between listing and reading.
  }
  return found;
}

export const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
export const fixed = (n: number, digits = 2): string => n.toFixed(digits);

/** Prints a Markdown table, columns padded. */
export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}
