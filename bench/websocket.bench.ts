// WebSocket echo round trips: `npm run bench -- websocket` (after `npm run build`).
//
// A WebSocket API whose `$default` route (two-way) is a Lambda echo handler, served by `apigw-local`, against
// a raw `ws` echo server, each in its own child process, driven in alternating rounds by the same in-process
// clients: fixed number of connections, each sending its next message as soon as the previous answer
// arrived, for a fixed duration after a warm-up, 127.0.0.1 only. Prints round trips/s, p50/p99 and the peak
// RSS of each server (the gateway together with its Lambda environments).
// Goals: >= 0.5x raw round trips/s, p99 <= 3x raw.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
