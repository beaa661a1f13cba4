// WebSocket echo round trips: `npm run bench -- websocket` (after `npm run build`).
//
// A WebSocket API whose `$default` route (two-way) is a Lambda echo handler, served by `apigw-local` (the
// CLI, its own process), against a raw `ws` echo server (its own process), loaded in alternating rounds by
// separate client processes (not this one): each holds some connections, each connection sending its next
// message as soon as the previous answer arrived; 127.0.0.1 only. The clients count the round trips
// between this process's `start` and `stop` lines, while this process reads each process's CPU time
// (user + system) from /proc at the same moments: the server, its Lambda environments, the clients.
// Prints round trips/s, p50/p99, the peak RSS, and CPU µs per round trip per process; the headline is the
// server-side CPU per round trip (gateway + environments) over the raw server's. A third server,
// bench/process-boundary-floor.ts, is the raw `ws` server with only the process boundary added (each
// message to a child process and back, no gateway code): the least a gateway with a process per function
// pays, so the ratio the goal can reach.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  cpuPerRequest,
  cpuSnapshot,
  descendants,
  loadAverage,
  loadRow,
  medianLoad,
  mib,
  printBoundarySummary,
  printCpuTable,
  printTable,
  processRss,
  sleep,
  startServer,
  stop,
  type LoadResult,
  invokePermission,
} from './bench-support.js';

const CLIENT_PROCESSES = 2;
const CLIENT_CONNECTIONS = 8;
const WARM_UP_MS = 1_000;
const DURATION_MS = 2_000;
const ROUNDS = 5;
/** After the first round the servers are warm: the new clients only need their connections going. */
const NEXT_WARM_UP_MS = 300;
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
      EchoFnPermission: invokePermission('EchoFn'),
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

/**
 * One client process: `CLIENT_CONNECTIONS` connections to argv[1], each with one message in flight. Counts
 * the round trips (and their latencies) between a `start` and a `stop` line on stdin, then prints them as
 * JSON and exits.
 */
const CLIENT = `
const { WebSocket } = require('ws');
const { performance } = require('node:perf_hooks');
const [url, count, message] = process.argv.slice(1);
let measuring = false;
let latencies = [];
let errors = 0;
const open = () => new Promise((resolve, reject) => { const ws = new WebSocket(url); ws.once('open', () => resolve(ws)); ws.once('error', reject); });
Promise.all(Array.from({ length: Number(count) }, open)).then((sockets) => {
  for (const ws of sockets) {
    let sentAt = 0;
    const next = () => { sentAt = performance.now(); ws.send(message); };
    ws.on('message', (data) => {
      if (measuring) { latencies.push(performance.now() - sentAt); if (data.toString() !== message) errors += 1; }
      next();
    });
    next();
  }
  console.log('open');
});
let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  input += chunk;
  if (input.includes('start') && !measuring && latencies.length === 0) measuring = true;
  if (input.includes('stop')) {
    measuring = false;
    const sorted = latencies.sort((a, b) => a - b);
    const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    process.stdout.write(JSON.stringify({ roundTrips: sorted.length, errors, p50: at(0.5), p99: at(0.99), sample: sorted.filter((_, i) => i % 10 === 0) }) + '\\n', () => process.exit(0));
  }
});
`;

interface ClientReport {
  readonly roundTrips: number;
  readonly errors: number;
  /** Every tenth latency (ms), sorted: enough for percentiles across clients. */
  readonly sample: number[];
}

/** Starts a client process and resolves once its connections are open. */
function startClient(url: string): Promise<{ child: ChildProcess; report: Promise<ClientReport> }> {
  const child = spawn(process.execPath, ['-e', CLIENT, url, String(CLIENT_CONNECTIONS), MESSAGE], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout?.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let opened = false;
    const report = new Promise<ClientReport>((resolveReport, rejectReport) => {
      child.stdout?.on('data', (chunk: string) => {
        out += chunk;
        if (!opened && out.includes('open\n')) {
          opened = true;
          out = out.slice(out.indexOf('open\n') + 5);
          resolve({ child, report });
        }
      });
      child.on('exit', (code) => {
        if (code === 0 && opened) resolveReport(JSON.parse(out) as ClientReport);
        else {
          rejectReport(new Error(`client exited with ${code}: ${out}`));
          reject(new Error(`client exited with ${code} before its connections opened: ${out}`));
        }
      });
    });
  });
}

/** `CLIENT_PROCESSES` clients for `warmUpMs`, then measured for `DURATION_MS`. */
async function load(url: string, serverPid: number, warmUpMs: number, sample: () => void): Promise<LoadResult> {
  const clients = await Promise.all(Array.from({ length: CLIENT_PROCESSES }, () => startClient(url)));
  const pids = clients.map((c) => c.child.pid ?? 0);
  await sleep(warmUpMs);
  const sampler = setInterval(sample, 100);
  for (const c of clients) c.child.stdin?.write('start\n');
  const from = cpuSnapshot(serverPid, pids);
  const startedAt = performance.now();
  await sleep(DURATION_MS);
  const to = cpuSnapshot(serverPid, pids);
  for (const c of clients) c.child.stdin?.write('stop\n');
  const seconds = (performance.now() - startedAt) / 1000;
  clearInterval(sampler);
  const reports = await Promise.all(clients.map((c) => c.report));
  const roundTrips = reports.reduce((sum, r) => sum + r.roundTrips, 0);
  const latencies = reports.flatMap((r) => r.sample).sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return {
    requests: roundTrips,
    rps: roundTrips / seconds,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    errors: reports.reduce((sum, r) => sum + r.errors, 0),
    cpu: cpuPerRequest(from, to, roundTrips),
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
    const floor = await startServer(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'process-boundary-floor.ts'), 'websocket'], WS_URL, { cwd: root });
    const rawRuns: LoadResult[] = [];
    const gatewayRuns: LoadResult[] = [];
    const floorRuns: LoadResult[] = [];
    let rawRss = 0;
    let gatewayRss = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const rawPid = raw.child.pid ?? 0;
      const gatewayPid = gateway.child.pid ?? 0;
      const warmUpMs = round === 0 ? WARM_UP_MS : NEXT_WARM_UP_MS;
      rawRuns.push(await load(raw.url, rawPid, warmUpMs, () => (rawRss = Math.max(rawRss, treeRss(rawPid)))));
      gatewayRuns.push(await load(gateway.url, gatewayPid, warmUpMs, () => (gatewayRss = Math.max(gatewayRss, treeRss(gatewayPid)))));
      floorRuns.push(await load(floor.url, floor.child.pid ?? 0, warmUpMs, () => {}));
    }
    await stop(raw.child);
    await stop(gateway.child);
    await stop(floor.child);
    const rawResult = medianLoad(rawRuns);
    const gatewayResult = medianLoad(gatewayRuns);
    const floorResult = medianLoad(floorRuns);
    console.log(
      `echo round trips: WebSocket API ($default two-way → Lambda echo) vs raw ws echo server, ${CLIENT_PROCESSES} client processes × ` +
        `${CLIENT_CONNECTIONS} connections with one message in flight each, ${ROUNDS} alternating rounds of ${DURATION_MS / 1000} s after ` +
        `a ${WARM_UP_MS / 1000} s warm-up of each server; medians per column; load average ${loadAverage()} at the end\n`,
    );
    printTable(
      ['server', 'round trips/s', 'p50 ms', 'p99 ms', 'errors', 'ratio', 'p99 ratio', 'peak RSS'],
      [
        [...loadRow('raw ws echo', rawResult, rawResult), mib(rawRss)],
        [...loadRow('apigw-local + Lambda echo', gatewayResult, rawResult), `${mib(gatewayRss)} (gateway + environments)`],
        [...loadRow('raw ws + process boundary only (the floor)', floorResult, rawResult), ''],
      ],
    );
    printCpuTable({
      unit: 'round trip',
      loadGenerator: `${CLIENT_PROCESSES} client processes`,
      raw: ['raw ws echo', rawResult],
      servers: [
        ['apigw-local + Lambda echo (goal: ratio <= 2.0)', gatewayResult],
        ['raw ws + process boundary only (the floor)', floorResult],
      ],
    });
    printBoundarySummary({ unit: 'round trip', raw: rawResult, gateway: gatewayResult, floor: floorResult });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
