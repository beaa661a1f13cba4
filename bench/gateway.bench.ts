// Gateway throughput and latency: `npm run bench -- gateway` (after `npm run build`).
//
// A hello Lambda (payload 2.0) served by `apigw-local` against a raw node:http server answering the same
// body, each in its own child process, driven in alternating rounds by the same in-process client: fixed concurrency,
// keep-alive agent, a fixed duration after a warm-up, 127.0.0.1 only. Then the gateway's start time for the
// example app (examples/books-api/cdk.out; synthesized first when missing) and the peak RSS of the gateway
// process plus its Lambda environments under load (with their PSS, which counts the pages the processes
// share, such as the node binary's, once).
// Goals: >= 0.5x raw requests/s, p99 <= 3x raw, start <= 0.5 s, RSS <= 150 MiB.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startGateway } from 'apigatewayv2-local';
import { descendants, fixed, mib, printTable, processRss, startServer, stop } from './bench-support.js';

const CONCURRENCY = 16;
const WARM_UP_MS = 1_000;
const DURATION_MS = 3_000;
/** Raw and gateway runs alternate, so that a change in machine load hits both; the table shows medians. */
const ROUNDS = 5;
const START_RUNS = 5;
const HELLO_BODY = 'Hello from Lambda!';
const root = join(import.meta.dirname, '..');
const cli = join(root, 'packages', 'apigatewayv2-local', 'dist', 'cli.js');
const HTTP_URL = /http:\/\/127\.0\.0\.1:\d+/;

/** A minimal template: one HTTP API, `$default` stage, `GET /hello` → inline Node.js function, payload 2.0. */
function helloTemplate(): object {
  return {
    Resources: {
      HelloFn: {
        Type: 'AWS::Lambda::Function',
        Properties: {
          Runtime: 'nodejs20.x',
          Handler: 'index.handler',
          Role: 'arn:aws:iam::123456789012:role/hello',
          Code: {
            ZipFile: `exports.handler = async () => ({ statusCode: 200, headers: { 'content-type': 'text/plain' }, body: ${JSON.stringify(HELLO_BODY)} });`,
          },
        },
      },
      Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'hello', ProtocolType: 'HTTP' } },
      Stage: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: { Ref: 'Api' }, StageName: '$default', AutoDeploy: true } },
      Integration: {
        Type: 'AWS::ApiGatewayV2::Integration',
        Properties: {
          ApiId: { Ref: 'Api' },
          IntegrationType: 'AWS_PROXY',
          IntegrationUri: { 'Fn::GetAtt': ['HelloFn', 'Arn'] },
          PayloadFormatVersion: '2.0',
        },
      },
      Route: {
        Type: 'AWS::ApiGatewayV2::Route',
        Properties: { ApiId: { Ref: 'Api' }, RouteKey: 'GET /hello', Target: { 'Fn::Join': ['', ['integrations/', { Ref: 'Integration' }]] } },
      },
    },
  };
}

const RAW_SERVER = `
const http = require('node:http');
const body = Buffer.from(${JSON.stringify(HELLO_BODY)});
http.createServer((req, res) => {
  req.resume();
  req.on('end', () => { res.writeHead(200, { 'content-type': 'text/plain', 'content-length': body.length }); res.end(body); });
}).listen(0, '127.0.0.1', function () { console.log('http://127.0.0.1:' + this.address().port); });
`;

interface LoadResult {
  readonly requests: number;
  readonly errors: number;
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

function get(agent: Agent, url: URL): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Fixed concurrency for a fixed time; `sample` runs every 100 ms during the measured part. */
async function load(url: string, sample: () => void = () => {}): Promise<LoadResult> {
  const target = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  let errors = 0;
  let measuring = false;
  let stopAt = performance.now() + WARM_UP_MS + DURATION_MS;
  const measureFrom = performance.now() + WARM_UP_MS;
  const sampler = setInterval(() => measuring && sample(), 100);
  const worker = async (): Promise<void> => {
    while (performance.now() < stopAt) {
      const started = performance.now();
      measuring = started >= measureFrom;
      try {
        const status = await get(agent, target);
        if (status !== 200) errors += 1;
      } catch {
        errors += 1;
      }
      if (started >= measureFrom) latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  stopAt = 0;
  clearInterval(sampler);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { requests: latencies.length, errors, rps: latencies.length / (DURATION_MS / 1000), p50Ms: at(0.5), p99Ms: at(0.99) };
}

/** The median of each figure over several runs. */
function medianRun(runs: readonly LoadResult[]): LoadResult {
  const median = (pick: (r: LoadResult) => number) => [...runs].map(pick).sort((a, b) => a - b)[Math.floor(runs.length / 2)] ?? NaN;
  return {
    requests: median((r) => r.requests),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
    rps: median((r) => r.rps),
    p50Ms: median((r) => r.p50Ms),
    p99Ms: median((r) => r.p99Ms),
  };
}

/**
 * PSS in bytes of one process (Linux /proc): its private pages plus its share of pages it shares with
 * others, such as the node binary's code that every Node.js process maps. Summed over processes it counts
 * each page once, which a sum of RSS does not. 0 once it has ended.
 */
function processPss(pid: number): number {
  try {
    return Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/**
 * RSS of a process and, separately, of all its descendants; with `pss`, also the PSS of them all, which
 * costs more: the kernel walks the processes' page tables, holding their memory map lock meanwhile.
 */
function treeMemory(pid: number, pss: boolean): { self: number; children: number; pss: number } {
  const children = descendants(pid);
  return {
    self: processRss(pid),
    children: children.reduce((sum, child) => sum + processRss(child), 0),
    pss: pss ? [pid, ...children].reduce((sum, each) => sum + processPss(each), 0) : 0,
  };
}

/** PSS is read on one memory sample in this many (each sample is 100 ms apart), so it barely disturbs latency. */
const PSS_EVERY = 10;

async function main(): Promise<void> {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
  const work = mkdtempSync(join(tmpdir(), 'apigw-local-bench-'));
  const templatePath = join(work, 'hello.template.json');
  writeFileSync(templatePath, JSON.stringify(helloTemplate()));

  try {
    const raw = await startServer(process.execPath, ['-e', RAW_SERVER], HTTP_URL);
    const gateway = await startServer(process.execPath, [cli, '--template', templatePath, '--port', '0', '--quiet'], HTTP_URL);
    const rawRuns: LoadResult[] = [];
    const gatewayRuns: LoadResult[] = [];
    let rawRss = 0;
    let peakRss = 0;
    let peakSelf = 0;
    let peakEnvironments = 0;
    let peakPss = 0;
    let samples = 0;
    for (let round = 0; round < ROUNDS; round++) {
      rawRuns.push(
        await load(`${raw.url}/hello`, () => {
          rawRss = Math.max(rawRss, processRss(raw.child.pid ?? 0));
        }),
      );
      gatewayRuns.push(
        await load(`${gateway.url}/hello`, () => {
          const memory = treeMemory(gateway.child.pid ?? 0, ++samples % PSS_EVERY === 0);
          peakRss = Math.max(peakRss, memory.self + memory.children);
          peakSelf = Math.max(peakSelf, memory.self);
          peakEnvironments = Math.max(peakEnvironments, memory.children);
          peakPss = Math.max(peakPss, memory.pss);
        }),
      );
    }
    await stop(raw.child);
    await stop(gateway.child);
    const rawResult = medianRun(rawRuns);
    const gatewayResult = medianRun(gatewayRuns);

    console.log(
      `hello Lambda (payload 2.0) vs raw node:http, ${CONCURRENCY} concurrent keep-alive clients, ${ROUNDS} alternating ` +
        `rounds of ${DURATION_MS / 1000} s after ${WARM_UP_MS / 1000} s warm-up; medians per column\n`,
    );
    printTable(
      ['server', 'requests/s', 'p50 ms', 'p99 ms', 'errors', 'rps ratio', 'p99 ratio', 'peak RSS'],
      [
        ['raw node:http', fixed(rawResult.rps, 0), fixed(rawResult.p50Ms), fixed(rawResult.p99Ms), String(rawResult.errors), '1.00', '1.00', mib(rawRss)],
        [
          'apigw-local',
          fixed(gatewayResult.rps, 0),
          fixed(gatewayResult.p50Ms),
          fixed(gatewayResult.p99Ms),
          String(gatewayResult.errors),
          `${fixed(gatewayResult.rps / rawResult.rps)} (goal >= 0.5)`,
          `${fixed(gatewayResult.p99Ms / rawResult.p99Ms)} (goal <= 3)`,
          `${mib(peakRss)} (goal <= 150 MiB) = gateway ${mib(peakSelf)} + environments ${mib(peakEnvironments)}; PSS ${mib(peakPss)}`,
        ],
      ],
    );

    const exampleDir = join(root, 'examples', 'books-api');
    const assembly = join(exampleDir, 'cdk.out');
    if (!existsSync(join(assembly, 'manifest.json'))) {
      const synth = spawnSync('npx', ['cdk', 'synth', '-q', '--no-notices'], {
        cwd: exampleDir,
        stdio: 'inherit',
        env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true' },
      });
      if (synth.status !== 0) throw new Error('synthesizing examples/books-api failed');
    }
    const starts: number[] = [];
    for (let i = 0; i < START_RUNS; i++) {
      const started = performance.now();
      const running = await startGateway({ assembly, port: 0, quiet: true, log: () => {} });
      starts.push(performance.now() - started);
      await running.close();
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
    const medianStart = median(starts);
    // What a user waits for: `apigw-local cdk.out` from process start to the printed URL.
    const cliStarts: number[] = [];
    for (let i = 0; i < START_RUNS; i++) {
      const started = performance.now();
      const cliGateway = await startServer(process.execPath, [cli, assembly, '--port', '0', '--quiet'], HTTP_URL);
      cliStarts.push(performance.now() - started);
      await stop(cliGateway.child);
    }

    console.log('');
    printTable(
      ['measure', 'value', 'goal'],
      [
        [`startGateway(), examples/books-api (median of ${START_RUNS}, in-process, modules loaded)`, `${fixed(medianStart / 1000, 3)} s`, '<= 0.5 s'],
        [`apigw-local examples/books-api/cdk.out, process start to URL (median of ${START_RUNS})`, `${fixed(median(cliStarts) / 1000, 3)} s`, '<= 0.5 s'],
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
