// WebSocket echo round trips: `npm run bench -- websocket` (after `npm run build`).
//
// A WebSocket API whose `$default` route (two-way) is a Lambda echo handler, served by `apigw-local`, against
// a raw `ws` echo server, each in its own child process, driven in alternating rounds by the same in-process
// clients: fixed number of connections, each sending its next message as soon as the previous answer
// arrived, for a fixed duration after a warm-up, 127.0.0.1 only. Prints round trips/s, p50/p99 and the peak
// RSS of each server (the gateway together with its Lambda environments).
// Goals: >= 0.5x raw round trips/s, p99 <= 3x raw.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';

const CONNECTIONS = 16;
const WARM_UP_MS = 1_000;
const DURATION_MS = 3_000;
const ROUNDS = 5;
const MESSAGE = JSON.stringify({ action: 'echo', text: 'hello over a WebSocket' });
const root = join(import.meta.dirname, '..');
const cli = join(root, 'packages', 'apigatewayv2-local', 'dist', 'cli.js');

/** One WebSocket API, stage `live`, `$default` (two-way) → inline Node.js echo function. */
function echoTemplate(): object {
  return {
    Resources: {
      EchoFn: {
        Type: 'AWS::Lambda::Function',
        Properties: {
          Runtime: 'nodejs20.x',
          Handler: 'index.handler',
          Role: 'arn:aws:iam::123456789012:role/echo',
          Code: { ZipFile: 'exports.handler = async (event) => ({ statusCode: 200, body: event.body });' },
        },
      },
      Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'echo', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' } },
      Integration: {
        Type: 'AWS::ApiGatewayV2::Integration',
        Properties: { ApiId: { Ref: 'Api' }, IntegrationType: 'AWS_PROXY', IntegrationUri: { 'Fn::GetAtt': ['EchoFn', 'Arn'] } },
      },
      Route: {
        Type: 'AWS::ApiGatewayV2::Route',
        Properties: {
          ApiId: { Ref: 'Api' },
          RouteKey: '$default',
          RouteResponseSelectionExpression: '$default',
          Target: { 'Fn::Join': ['', ['integrations/', { Ref: 'Integration' }]] },
        },
      },
      RouteResponse: {
        Type: 'AWS::ApiGatewayV2::RouteResponse',
        Properties: { ApiId: { Ref: 'Api' }, RouteId: { Ref: 'Route' }, RouteResponseKey: '$default' },
      },
      Stage: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: { Ref: 'Api' }, StageName: 'live', AutoDeploy: true } },
    },
  };
}

const RAW_SERVER = `
const { WebSocketServer } = require('ws');
const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
server.on('connection', (ws) => ws.on('message', (data) => ws.send(data.toString())));
server.on('listening', () => console.log('ws://127.0.0.1:' + server.address().port + '/live'));
`;

/** Starts a server process and resolves with the first ws:// URL it prints. */
function startServer(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      out += chunk;
      const url = /ws:\/\/127\.0\.0\.1:\d+\/live/.exec(out)?.[0];
      if (url) {
        child.stdout?.removeAllListeners('data');
        child.stdout?.resume();
        resolve({ child, url });
      }
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code} before listening:\n${out}`)));
  });
}

interface LoadResult {
  readonly roundTrips: number;
  readonly errors: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** `CONNECTIONS` clients, each with one message in flight, for the warm-up plus the measured time. */
async function load(url: string, sample: () => void): Promise<LoadResult> {
  const sockets = await Promise.all(Array.from({ length: CONNECTIONS }, () => open(url)));
  const latencies: number[] = [];
  let errors = 0;
  const measureFrom = performance.now() + WARM_UP_MS;
  const stopAt = measureFrom + DURATION_MS;
  const sampler = setInterval(() => performance.now() >= measureFrom && sample(), 100);
  const client = (ws: WebSocket): Promise<void> =>
    new Promise((resolve) => {
      let sentAt = 0;
      const next = (): void => {
        if (performance.now() >= stopAt) {
          resolve();
          return;
        }
        sentAt = performance.now();
        ws.send(MESSAGE);
      };
      ws.on('message', (data) => {
        if ((data as Buffer).toString('utf8') !== MESSAGE) errors += 1;
        if (sentAt >= measureFrom) latencies.push(performance.now() - sentAt);
        next();
      });
      ws.on('close', () => resolve());
      next();
    });
  await Promise.all(sockets.map(client));
  clearInterval(sampler);
  for (const ws of sockets) ws.terminate();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { roundTrips: latencies.length, errors, perSecond: latencies.length / (DURATION_MS / 1000), p50Ms: at(0.5), p99Ms: at(0.99) };
}

function medianRun(runs: readonly LoadResult[]): LoadResult {
  const median = (pick: (r: LoadResult) => number) => [...runs].map(pick).sort((a, b) => a - b)[Math.floor(runs.length / 2)] ?? NaN;
  return {
    roundTrips: median((r) => r.roundTrips),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
    perSecond: median((r) => r.perSecond),
    p50Ms: median((r) => r.p50Ms),
    p99Ms: median((r) => r.p99Ms),
  };
}

/** RSS in bytes of a process and all its descendants (Linux /proc). */
function treeRss(pid: number): number {
  const rss = (p: number): number => {
    try {
      return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0) * 1024;
    } catch {
      return 0;
    }
  };
  const children = (p: number): number[] => {
    try {
      return readdirSync(`/proc/${p}/task`).flatMap((task) => {
        const listed = readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').trim();
        return listed ? listed.split(/\s+/).map(Number) : [];
      });
    } catch {
      return [];
    }
  };
  const all = [pid];
  for (let i = 0; i < all.length; i++) all.push(...children(all[i] ?? 0));
  return all.reduce((sum, p) => sum + rss(p), 0);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const fixed = (n: number, digits = 2) => n.toFixed(digits);

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

async function main(): Promise<void> {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
  const work = mkdtempSync(join(tmpdir(), 'apigw-local-ws-bench-'));
  const templatePath = join(work, 'echo.template.json');
  writeFileSync(templatePath, JSON.stringify(echoTemplate()));
  try {
    const raw = await startServer(['-e', RAW_SERVER]);
    const gateway = await startServer([cli, '--template', templatePath, '--port', '0', '--quiet']);
    const rawRuns: LoadResult[] = [];
    const gatewayRuns: LoadResult[] = [];
    let rawRss = 0;
    let gatewayRss = 0;
    for (let round = 0; round < ROUNDS; round++) {
      rawRuns.push(await load(raw.url, () => (rawRss = Math.max(rawRss, treeRss(raw.child.pid ?? 0)))));
      gatewayRuns.push(await load(gateway.url, () => (gatewayRss = Math.max(gatewayRss, treeRss(gateway.child.pid ?? 0)))));
    }
    await stop(raw.child);
    await stop(gateway.child);
    const rawResult = medianRun(rawRuns);
    const gatewayResult = medianRun(gatewayRuns);
    console.log(
      `echo round trips: WebSocket API ($default two-way → Lambda echo) vs raw ws echo server, ${CONNECTIONS} connections ` +
        `with one message in flight each, ${ROUNDS} alternating rounds of ${DURATION_MS / 1000} s after ${WARM_UP_MS / 1000} s warm-up; medians per column\n`,
    );
    printTable(
      ['server', 'round trips/s', 'p50 ms', 'p99 ms', 'errors', 'ratio', 'p99 ratio', 'peak RSS'],
      [
        ['raw ws echo', fixed(rawResult.perSecond, 0), fixed(rawResult.p50Ms), fixed(rawResult.p99Ms), String(rawResult.errors), '1.00', '1.00', mib(rawRss)],
        [
          'apigw-local + Lambda echo',
          fixed(gatewayResult.perSecond, 0),
          fixed(gatewayResult.p50Ms),
          fixed(gatewayResult.p99Ms),
          String(gatewayResult.errors),
          `${fixed(gatewayResult.perSecond / rawResult.perSecond)} (goal >= 0.5)`,
          `${fixed(gatewayResult.p99Ms / rawResult.p99Ms)} (goal <= 3)`,
          `${mib(gatewayRss)} (gateway + environments)`,
        ],
      ],
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
