// WebSocket echo round trips: `npm run bench -- websocket` (after `npm run build`).
//
// A WebSocket API whose `$default` route (two-way) is a Lambda echo handler, served by `apigw-local`, against
// a raw `ws` echo server, each in its own child process, driven in alternating rounds by the same in-process
// clients: fixed number of connections, each sending its next message as soon as the previous answer
// arrived, for a fixed duration after a warm-up, 127.0.0.1 only. Prints round trips/s, p50/p99 and the peak
// RSS of each server (the gateway together with its Lambda environments), and the CPU time each process
// spends per round trip (user + system, from /proc): the gateway, its Lambda environments, and this
// process's clients, so a ratio can be read as where the time goes.
// Goals: >= 0.5x raw round trips/s, p99 <= 3x raw.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import { descendants, fixed, mib, printTable, processRss, startServer, stop } from './bench-support.js';

const CONNECTIONS = 16;
const WARM_UP_MS = 1_000;
const DURATION_MS = 3_000;
const ROUNDS = 5;
const MESSAGE = JSON.stringify({ action: 'echo', text: 'hello over a WebSocket' });
const root = join(import.meta.dirname, '..');
const cli = join(root, 'packages', 'apigatewayv2-local', 'dist', 'cli.js');
const WS_URL = /ws:\/\/127\.0\.0\.1:\d+\/live/;

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

interface LoadResult {
  readonly roundTrips: number;
  readonly errors: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** CPU µs per measured round trip: the server process, its child processes (Lambda environments), the clients. */
  readonly serverCpuUs: number;
  readonly childrenCpuUs: number;
  readonly clientCpuUs: number;
  /** How many child processes (Lambda environments) the server had while measured. */
  readonly children: number;
}

/** Linux's clock ticks per second (`getconf CLK_TCK`), the unit of /proc/<pid>/stat's CPU times. */
const CLOCK_TICKS_PER_SECOND = 100;

/** User + system CPU time in µs a process has used (Linux /proc); 0 once it has ended. */
function processCpuUs(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** CPU used so far by a server process and by each of its children (by pid), and by this process. */
interface CpuSnapshot {
  readonly server: number;
  readonly children: ReadonlyMap<number, number>;
  readonly client: number;
}

function cpuSnapshot(serverPid: number): CpuSnapshot {
  const { user, system } = process.cpuUsage();
  return { server: processCpuUs(serverPid), children: new Map(descendants(serverPid).map((pid) => [pid, processCpuUs(pid)])), client: user + system };
}

function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** `CONNECTIONS` clients, each with one message in flight, for the warm-up plus the measured time. */
async function load(url: string, serverPid: number, sample: () => void): Promise<LoadResult> {
  const sockets = await Promise.all(Array.from({ length: CONNECTIONS }, () => open(url)));
  const latencies: number[] = [];
  let errors = 0;
  const measureFrom = performance.now() + WARM_UP_MS;
  const stopAt = measureFrom + DURATION_MS;
  const sampler = setInterval(() => performance.now() >= measureFrom && sample(), 100);
  let cpuFrom: CpuSnapshot | undefined;
  const cpuTimer = setTimeout(() => (cpuFrom = cpuSnapshot(serverPid)), WARM_UP_MS);
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
  const cpuTo = cpuSnapshot(serverPid);
  clearInterval(sampler);
  clearTimeout(cpuTimer);
  for (const ws of sockets) ws.terminate();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  const perRoundTrip = (us: number) => us / Math.max(1, latencies.length);
  // Children that started while measured count from 0; those that ended are lost (none do in this bench).
  let childrenUs = 0;
  for (const [pid, to] of cpuTo.children) childrenUs += to - (cpuFrom?.children.get(pid) ?? 0);
  return {
    roundTrips: latencies.length,
    errors,
    perSecond: latencies.length / (DURATION_MS / 1000),
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    serverCpuUs: perRoundTrip(cpuTo.server - (cpuFrom?.server ?? 0)),
    childrenCpuUs: perRoundTrip(childrenUs),
    clientCpuUs: perRoundTrip(cpuTo.client - (cpuFrom?.client ?? 0)),
    children: cpuTo.children.size,
  };
}

function medianRun(runs: readonly LoadResult[]): LoadResult {
  const median = (pick: (r: LoadResult) => number) => [...runs].map(pick).sort((a, b) => a - b)[Math.floor(runs.length / 2)] ?? NaN;
  return {
    roundTrips: median((r) => r.roundTrips),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
    perSecond: median((r) => r.perSecond),
    p50Ms: median((r) => r.p50Ms),
    p99Ms: median((r) => r.p99Ms),
    serverCpuUs: median((r) => r.serverCpuUs),
    childrenCpuUs: median((r) => r.childrenCpuUs),
    clientCpuUs: median((r) => r.clientCpuUs),
    children: Math.max(...runs.map((r) => r.children)),
  };
}

/** RSS in bytes of a process and all its descendants. */
function treeRss(pid: number): number {
  return [pid, ...descendants(pid)].reduce((sum, each) => sum + processRss(each), 0);
}

async function main(): Promise<void> {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
  const work = mkdtempSync(join(tmpdir(), 'apigw-local-ws-bench-'));
  const templatePath = join(work, 'echo.template.json');
  writeFileSync(templatePath, JSON.stringify(echoTemplate()));
  try {
    const raw = await startServer(process.execPath, ['-e', RAW_SERVER], WS_URL, { cwd: root });
    const gateway = await startServer(process.execPath, [cli, '--template', templatePath, '--port', '0', '--quiet'], WS_URL, { cwd: root });
    const rawRuns: LoadResult[] = [];
    const gatewayRuns: LoadResult[] = [];
    let rawRss = 0;
    let gatewayRss = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const rawPid = raw.child.pid ?? 0;
      const gatewayPid = gateway.child.pid ?? 0;
      rawRuns.push(await load(raw.url, rawPid, () => (rawRss = Math.max(rawRss, treeRss(rawPid)))));
      gatewayRuns.push(await load(gateway.url, gatewayPid, () => (gatewayRss = Math.max(gatewayRss, treeRss(gatewayPid)))));
    }
    await stop(raw.child);
    await stop(gateway.child);
    const rawResult = medianRun(rawRuns);
    const gatewayResult = medianRun(gatewayRuns);
    console.log(
      `echo round trips: WebSocket API ($default two-way → Lambda echo) vs raw ws echo server, ${CONNECTIONS} connections ` +
        `with one message in flight each, ${ROUNDS} alternating rounds of ${DURATION_MS / 1000} s after ${WARM_UP_MS / 1000} s warm-up; medians per column; ` +
        `load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} at the end\n`,
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
    const us = (n: number) => fixed(n, 1);
    console.log(
      `\nCPU time per round trip (user + system, µs; ${CLOCK_TICKS_PER_SECOND} Hz ticks from /proc): what each process spends for one echo. ` +
        `With ${CONNECTIONS} round trips always in flight, round trips/s is about the CPU the machine gives these processes divided by their sum.\n`,
    );
    const total = (r: LoadResult) => r.serverCpuUs + r.childrenCpuUs + r.clientCpuUs;
    printTable(
      ['server', 'server process', 'Lambda environments', 'clients (this process)', 'total', 'total ratio'],
      [
        ['raw ws echo', us(rawResult.serverCpuUs), '-', us(rawResult.clientCpuUs), us(total(rawResult)), '1.00'],
        [
          'apigw-local + Lambda echo',
          us(gatewayResult.serverCpuUs),
          `${us(gatewayResult.childrenCpuUs)} (${gatewayResult.children} environment${gatewayResult.children === 1 ? '' : 's'})`,
          us(gatewayResult.clientCpuUs),
          us(total(gatewayResult)),
          fixed(total(gatewayResult) / total(rawResult)),
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
