// What the benchmarks share: starting a server process, reading memory from /proc, printing tables.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

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

/** Linux's clock ticks per second (`getconf CLK_TCK`), the unit of /proc/<pid>/stat's CPU times. */
export const CLOCK_TICKS_PER_SECOND = 100;

/** User + system CPU time in µs a process has used (Linux /proc); 0 once it has ended. */
export function processCpuUs(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** The machine's 1, 5 and 15 minute load averages, as `/proc/loadavg` gives them. */
export const loadAverage = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/** CPU used so far (µs) by a server, each of its descendants (its Lambda environments) and the load generators. */
export interface CpuSnapshot {
  readonly server: number;
  readonly children: ReadonlyMap<number, number>;
  readonly load: ReadonlyMap<number, number>;
}

/**
 * The servers that bench files run with tsx (`--import tsx`) have tsx's esbuild service as a child: it
 * compiles at start-up only, and is no Lambda environment.
 */
function isTsxCompiler(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'esbuild';
  } catch {
    return false;
  }
}

export function cpuSnapshot(serverPid: number, loadPids: readonly number[]): CpuSnapshot {
  return {
    server: processCpuUs(serverPid),
    children: new Map(descendants(serverPid).filter((pid) => !isTsxCompiler(pid)).map((pid) => [pid, processCpuUs(pid)])),
    load: new Map(loadPids.map((pid) => [pid, processCpuUs(pid)])),
  };
}

/** CPU µs per request of each part, over a window: the server process, its environments, the load generators. */
export interface CpuPerRequest {
  readonly server: number;
  readonly environments: number;
  /** How many environments (children of the server) were measured. */
  readonly environmentCount: number;
  /** The busiest single environment (µs per request). */
  readonly busiestEnvironment: number;
  readonly load: number;
  /** The busiest single load-generating process (µs per request). */
  readonly busiestLoad: number;
}

/** Children that started during the window count from 0; those that ended are lost (none do in these benches). */
export function cpuPerRequest(from: CpuSnapshot, to: CpuSnapshot, requests: number): CpuPerRequest {
  const per = (us: number) => us / Math.max(1, requests);
  const deltas = (a: ReadonlyMap<number, number>, b: ReadonlyMap<number, number>) => [...b].map(([pid, us]) => us - (a.get(pid) ?? 0));
  const children = deltas(from.children, to.children);
  const load = deltas(from.load, to.load);
  const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);
  return {
    server: per(to.server - from.server),
    environments: per(sum(children)),
    environmentCount: children.length,
    busiestEnvironment: per(Math.max(0, ...children)),
    load: per(sum(load)),
    busiestLoad: per(Math.max(0, ...load)),
  };
}

/** The load generator is the busiest process: the server then waits for it, and requests/s say more about the client. */
export function loadGeneratorBound(cpu: CpuPerRequest): boolean {
  return cpu.busiestLoad >= Math.max(cpu.server, cpu.busiestEnvironment);
}

const WRK = '/usr/bin/wrk';

export interface LoadResult {
  readonly requests: number;
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Non-2xx answers, socket errors and timeouts. */
  readonly errors: number;
  readonly cpu: CpuPerRequest;
}

/** wrk's latency figures: `50%  1.23ms`, also in us and s. */
function wrkLatencyMs(output: string, percentile: string): number {
  const match = new RegExp(`^\\s*${percentile}%\\s+([\\d.]+)(us|ms|s)\\s*$`, 'm').exec(output);
  if (!match) return NaN;
  const scale = match[2] === 'us' ? 1e-3 : match[2] === 's' ? 1e3 : 1;
  return Number(match[1]) * scale;
}

function runWrkOnce(args: string[]): { child: ChildProcess; output: Promise<string> } {
  if (!existsSync(WRK)) throw new Error(`${WRK} is missing: npm run bench installs Debian's wrk (apt-get install wrk)`);
  const child = spawn(WRK, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => (out += chunk));
  return { child, output: new Promise((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`wrk exited with ${code}:\n${out}`))))) };
}

export interface WrkOptions {
  readonly url: string;
  /** The server whose CPU (and its children's) is measured. */
  readonly serverPid: number;
  readonly connections: number;
  /** A load run before the measured one (0: none, the server is warm from an earlier round). */
  readonly warmUpMs: number;
  readonly durationMs: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Runs every 100 ms while measured (memory samples). */
  readonly sample?: () => void;
}

/**
 * Debian's `wrk` (C, one thread, `connections` keep-alive connections) against `url`: a warm-up run, then a
 * measured one. CPU is read from /proc over a window inside the measured run (wrk's own process included),
 * and divided by wrk's request rate times the window: the rate is steady once warm.
 */
export async function runWrk(options: WrkOptions): Promise<LoadResult> {
  const headerArgs = Object.entries(options.headers ?? {}).flatMap(([name, value]) => ['-H', `${name}: ${value}`]);
  const base = ['-t1', `-c${options.connections}`, ...headerArgs];
  if (options.warmUpMs > 0) await runWrkOnce([...base, `-d${Math.max(1, Math.round(options.warmUpMs / 1000))}s`, options.url]).output;
  const margin = 300;
  const run = runWrkOnce([...base, '--latency', `-d${Math.round((options.durationMs + 2 * margin) / 1000 + 0.49)}s`, options.url]);
  const wrkPid = run.child.pid ?? 0;
  await sleep(margin);
  const sampler = setInterval(() => options.sample?.(), 100);
  const from = cpuSnapshot(options.serverPid, [wrkPid]);
  const startedAt = performance.now();
  await sleep(options.durationMs);
  const to = cpuSnapshot(options.serverPid, [wrkPid]);
  const windowS = (performance.now() - startedAt) / 1000;
  clearInterval(sampler);
  const output = await run.output;
  const requests = Number(/(\d+) requests in/.exec(output)?.[1] ?? NaN);
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1] ?? NaN);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0);
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const errors = non2xx + (socketErrors ? socketErrors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0);
  return { requests, rps, p50Ms: wrkLatencyMs(output, '50'), p99Ms: wrkLatencyMs(output, '99'), errors, cpu: cpuPerRequest(from, to, rps * windowS) };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The median of each figure of several runs (errors add up). */
export function medianLoad(runs: readonly LoadResult[]): LoadResult {
  const median = (pick: (r: LoadResult) => number) => [...runs].map(pick).sort((a, b) => a - b)[Math.floor(runs.length / 2)] ?? NaN;
  return {
    requests: median((r) => r.requests),
    rps: median((r) => r.rps),
    p50Ms: median((r) => r.p50Ms),
    p99Ms: median((r) => r.p99Ms),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
    cpu: {
      server: median((r) => r.cpu.server),
      environments: median((r) => r.cpu.environments),
      environmentCount: Math.max(...runs.map((r) => r.cpu.environmentCount)),
      busiestEnvironment: median((r) => r.cpu.busiestEnvironment),
      load: median((r) => r.cpu.load),
      busiestLoad: median((r) => r.cpu.busiestLoad),
    },
  };
}

/**
 * One row of a load table: requests/s, p50, p99 and errors of `result`, then its requests/s and p99 over the
 * baseline's, each followed by `goals` text when given.
 */
export function loadRow(name: string, result: LoadResult, baseline: LoadResult, goals: { readonly rps?: string; readonly p99?: string } = {}): string[] {
  const withGoal = (ratio: number, goal: string | undefined) => (goal === undefined ? fixed(ratio) : `${fixed(ratio)} (${goal})`);
  return [
    name,
    fixed(result.rps, 0),
    fixed(result.p50Ms),
    fixed(result.p99Ms),
    String(result.errors),
    withGoal(result.rps / baseline.rps, goals.rps),
    withGoal(result.p99Ms / baseline.p99Ms, goals.p99),
  ];
}

/** Server-side CPU per request: the server process plus its environments. */
export const serverSideUs = (cpu: CpuPerRequest): number => cpu.server + cpu.environments;

export interface BoundarySummaryOptions {
  readonly unit: string;
  readonly raw: LoadResult;
  readonly gateway: LoadResult;
  /** The raw server with only the process boundary added (`process-boundary-floor.ts`). */
  readonly floor: LoadResult;
  /** The gateway with functions answered in-process, when the bench runs it. */
  readonly core?: LoadResult;
  /** The floor sending an empty event instead (the transport alone), when the bench runs it. */
  readonly transport?: LoadResult;
}

/**
 * Splits apigw-local's server-side CPU per unit into what the raw server pays, what the process boundary
 * alone adds (the floor over the raw server) and what is left: the gateway's own work.
 */
export function printBoundarySummary({ unit, raw, gateway, floor, core, transport }: BoundarySummaryOptions): void {
  const rawUs = serverSideUs(raw.cpu);
  const floorUs = serverSideUs(floor.cpu);
  const gatewayUs = serverSideUs(gateway.cpu);
  console.log(
    `\nthe process boundary alone (a raw server handing each ${unit} to a child process and back, no gateway code) costs ` +
      `${fixed(floorUs - rawUs, 1)} µs per ${unit}: the floor is ${fixed(floorUs / rawUs)}× the raw server, ` +
      `about the least a gateway that runs each function environment in a process of its own can reach here; ` +
      `apigw-local is ${fixed(gatewayUs / floorUs)}× the floor (${fixed(gatewayUs - floorUs, 1)} µs per ${unit} of gateway work over it)`,
  );
  if (transport !== undefined) {
    console.log(
      `with an empty event instead, the transport alone (a message each way, nothing to serialize) costs ` +
        `${fixed(serverSideUs(transport.cpu) - rawUs, 1)} µs per ${unit}: ${fixed(serverSideUs(transport.cpu) / rawUs)}× the raw server`,
    );
  }
  if (core !== undefined) {
    console.log(
      `apigw-local with functions answered in-process (no boundary) costs ${fixed(serverSideUs(core.cpu), 1)} µs per ${unit}, ` +
        `${fixed(serverSideUs(core.cpu) / rawUs)}× the raw server; the boundary adds ${fixed(gatewayUs - serverSideUs(core.cpu), 1)} µs to it`,
    );
  }
}

export interface CpuTableOptions {
  /** What one unit of load is: `request`, `round trip`. */
  readonly unit: string;
  /** What made the load: `wrk`, `2 client processes`. */
  readonly loadGenerator: string;
  /** The baseline every ratio is to. */
  readonly raw: readonly [string, LoadResult];
  readonly servers: readonly (readonly [string, LoadResult])[];
}

/**
 * CPU µs per unit of each process, from /proc, and the headline: each server's server-side CPU (its process
 * and its environments) over the raw server's. Says when the load generator was the busiest process.
 */
export function printCpuTable({ unit, loadGenerator, raw, servers }: CpuTableOptions): void {
  const us = (n: number) => fixed(n, 1);
  const [rawName, rawResult] = raw;
  console.log(`\nCPU µs per ${unit} (user + system, from /proc, over the measured window) per process\n`);
  printTable(
    ['server', 'server process', 'Lambda environments (count)', `load generator (${loadGenerator})`, 'server side', 'server-side ratio'],
    [
      [rawName, us(rawResult.cpu.server), '-', us(rawResult.cpu.load), us(serverSideUs(rawResult.cpu)), '1.00'],
      ...servers.map(([name, result]) => [
        name,
        us(result.cpu.server),
        result.cpu.environmentCount === 0 ? '-' : `${us(result.cpu.environments)} (${result.cpu.environmentCount})`,
        us(result.cpu.load),
        us(serverSideUs(result.cpu)),
        fixed(serverSideUs(result.cpu) / serverSideUs(rawResult.cpu)),
      ]),
    ],
  );
  for (const [name, result] of [raw, ...servers]) {
    if (loadGeneratorBound(result.cpu)) {
      console.log(`\nnote: the load generator was the busiest process against ${name}: its ${unit}s/s measure the load generator, not the server`);
    }
  }
}

/**
 * The `AWS::Lambda::Permission` that lets API Gateway invoke `functionLogicalId` (no `SourceArn`: every
 * route), as the constructs add it: without one, the gateway answers 500 as AWS does.
 */
export function invokePermission(functionLogicalId: string): object {
  return {
    Type: 'AWS::Lambda::Permission',
    Properties: { Action: 'lambda:InvokeFunction', FunctionName: { 'Fn::GetAtt': [functionLogicalId, 'Arn'] }, Principal: 'apigateway.amazonaws.com' },
  };
}
