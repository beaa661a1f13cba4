// Gateway throughput, latency and CPU per request: `npm run bench -- gateway` (after `npm run build`).
//
// A hello Lambda (payload 2.0) served by `apigw-local` (the CLI, its own process) against a raw node:http
// server answering the same body (its own process), loaded in alternating rounds by Debian's `wrk` (C, one
// thread, 16 keep-alive connections, 127.0.0.1 only): a load generator that is not the bottleneck, unlike
// a Node.js client would be. For each server: requests/s, p50/p99, and the CPU time (user + system, read
// from /proc before and after a measured window) each process spends per request: the server, each
// Lambda environment (children of the gateway), and wrk itself. The headline is the server-side CPU per
// request (gateway + environments) over the raw server's: stable on a shared machine where requests/s are
// not. When wrk is the busiest process, requests/s measure wrk rather than the server, and the bench says so.
// A third server, bench/in-memory-gateway.ts, is the gateway's HTTP side with functions answered in-process:
// the difference to apigw-local is what the environments' process boundary costs. A fourth,
// bench/process-boundary-floor.ts, is the raw server with only that boundary added (no gateway code): about
// the least a gateway pays that runs each function in a process of its own (see bench/README.md); and the
// same floor sending an empty event: the transport alone, a message each way.
// Then the peak RSS of the gateway process and of its Lambda environments under load, and the CLI's start
// time (process start to printed URL) for the example app (examples/books-api/cdk.out; synthesized first
// when missing).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  descendants,
  fixed,
  loadAverage,
  loadRow,
  medianLoad,
  mib,
  printBoundarySummary,
  printCpuTable,
  printTable,
  processRss,
  runWrk,
  startServer,
  stop,
  type LoadResult,
  invokePermission,
} from './bench-support.js';

const CONCURRENCY = 16;
const WARM_UP_MS = 1_000;
const DURATION_MS = 2_000;
/** Raw and gateway runs alternate, so that a change in machine load hits both; the table shows medians. */
const ROUNDS = 5;
const START_RUNS = 5;
const HELLO_BODY = 'Hello from Lambda!';
const root = join(import.meta.dirname, '..');
const cli = join(root, 'packages', 'apigatewayv2-local', 'dist', 'cli.js');
const HTTP_URL = /http:\/\/127\.0\.0\.1:\d+/;

/** A minimal template: one HTTP API, `$default` stage, `GET /hello` → inline Node.js function, payload 2.0. */
function helloTemplate(environment: Readonly<Record<string, string>> = {}): object {
  return {
    Resources: {
      HelloFn: {
        Type: 'AWS::Lambda::Function',
        Properties: {
          Runtime: 'nodejs20.x',
          Handler: 'index.handler',
          Role: 'arn:aws:iam::123456789012:role/hello',
          ...(Object.keys(environment).length > 0 && { Environment: { Variables: environment } }),
          Code: {
            ZipFile: `exports.handler = async () => ({ statusCode: 200, headers: { 'content-type': 'text/plain' }, body: ${JSON.stringify(HELLO_BODY)} });`,
          },
        },
      },
      HelloFnPermission: invokePermission('HelloFn'),
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
  // `--write-template <path> [<profile dir>]`: only write the hello template, its function profiled into
  // the directory when one is named (the profile commands in bench/README.md use it).
  const [flag, path, profileDir] = process.argv.slice(2);
  if (flag === '--write-template' && path !== undefined) {
    const profiled = { NODE_OPTIONS: `--require ${join(import.meta.dirname, 'cpu-profile-hook.cjs')}`, CPU_PROFILE_DIR: profileDir ?? '' };
    writeFileSync(path, JSON.stringify(helloTemplate(profileDir === undefined ? {} : profiled)));
    return;
  }
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
  const work = mkdtempSync(join(tmpdir(), 'apigw-local-bench-'));
  const templatePath = join(work, 'hello.template.json');
  writeFileSync(templatePath, JSON.stringify(helloTemplate()));

  try {
    const raw = await startServer(process.execPath, ['-e', RAW_SERVER], HTTP_URL);
    const gateway = await startServer(process.execPath, [cli, '--template', templatePath, '--port', '0', '--quiet'], HTTP_URL);
    const core = await startServer(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'in-memory-gateway.ts'), templatePath], HTTP_URL, { cwd: root });
    const floorScript = join(import.meta.dirname, 'process-boundary-floor.ts');
    const floor = await startServer(process.execPath, ['--import', 'tsx', floorScript, 'http'], HTTP_URL, { cwd: root });
    const transport = await startServer(process.execPath, ['--import', 'tsx', floorScript, 'http-empty-event'], HTTP_URL, { cwd: root });
    const rawRuns: LoadResult[] = [];
    const coreRuns: LoadResult[] = [];
    const floorRuns: LoadResult[] = [];
    const transportRuns: LoadResult[] = [];
    const gatewayRuns: LoadResult[] = [];
    let rawRss = 0;
    let peakSelf = 0;
    let peakEnvironments = 0;
    let peakPss = 0;
    let samples = 0;
    const rawPid = raw.child.pid ?? 0;
    const gatewayPid = gateway.child.pid ?? 0;
    for (let round = 0; round < ROUNDS; round++) {
      // Only the first round warms up: the servers stay up and warm between rounds.
      const wrk = { connections: CONCURRENCY, warmUpMs: round === 0 ? WARM_UP_MS : 0, durationMs: DURATION_MS };
      rawRuns.push(await runWrk({ ...wrk, url: `${raw.url}/hello`, serverPid: rawPid, sample: () => (rawRss = Math.max(rawRss, processRss(rawPid))) }));
      coreRuns.push(await runWrk({ ...wrk, url: `${core.url}/hello`, serverPid: core.child.pid ?? 0 }));
      floorRuns.push(await runWrk({ ...wrk, url: `${floor.url}/hello`, serverPid: floor.child.pid ?? 0 }));
      transportRuns.push(await runWrk({ ...wrk, url: `${transport.url}/hello`, serverPid: transport.child.pid ?? 0 }));
      gatewayRuns.push(
        await runWrk({
          ...wrk,
          url: `${gateway.url}/hello`,
          serverPid: gatewayPid,
          sample: () => {
            const memory = treeMemory(gatewayPid, ++samples % PSS_EVERY === 0);
            peakSelf = Math.max(peakSelf, memory.self);
            peakEnvironments = Math.max(peakEnvironments, memory.children);
            peakPss = Math.max(peakPss, memory.pss);
          },
        }),
      );
    }
    await stop(raw.child);
    await stop(core.child);
    await stop(floor.child);
    await stop(transport.child);
    await stop(gateway.child);
    const rawResult = medianLoad(rawRuns);
    const coreResult = medianLoad(coreRuns);
    const floorResult = medianLoad(floorRuns);
    const transportResult = medianLoad(transportRuns);
    const gatewayResult = medianLoad(gatewayRuns);

    console.log(
      `hello Lambda (payload 2.0) vs raw node:http, wrk -t1 -c${CONCURRENCY} (keep-alive), ${ROUNDS} alternating rounds of ` +
        `${DURATION_MS / 1000} s after a ${WARM_UP_MS / 1000} s warm-up of each server; medians per column; load average ${loadAverage()} at the end\n`,
    );
    printTable(
      ['server', 'requests/s', 'p50 ms', 'p99 ms', 'errors', 'rps ratio', 'p99 ratio'],
      [
        loadRow('raw node:http', rawResult, rawResult),
        loadRow('apigw-local', gatewayResult, rawResult, { rps: 'goal >= 0.5', p99: 'goal <= 2' }),
        loadRow('its HTTP side alone (functions in-process)', coreResult, rawResult),
        loadRow('raw node:http + process boundary only (the floor)', floorResult, rawResult),
        loadRow('the floor with an empty event (the transport alone)', transportResult, rawResult),
      ],
    );
    printCpuTable({
      unit: 'request',
      loadGenerator: 'wrk',
      raw: ['raw node:http', rawResult],
      servers: [
        ['apigw-local (goal: ratio <= 2.0)', gatewayResult],
        ['its HTTP side alone: functions answered in-process', coreResult],
        ['raw node:http + process boundary only (the floor)', floorResult],
        ['the floor with an empty event (the transport alone)', transportResult],
      ],
    });
    printBoundarySummary({ unit: 'request', raw: rawResult, gateway: gatewayResult, floor: floorResult, core: coreResult, transport: transportResult });
    console.log('');
    printTable(
      ['measure', 'value', 'goal'],
      [
        ['gateway process peak RSS under load (one environment)', mib(peakSelf), '<= 120 MiB'],
        ['its Lambda environments, peak RSS', mib(peakEnvironments), ''],
        ['PSS of them all (shared pages such as the node binary counted once)', mib(peakPss), ''],
        ['raw node:http peak RSS', mib(rawRss), ''],
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
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
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
        [`apigw-local examples/books-api/cdk.out, process start to URL (median of ${START_RUNS})`, `${fixed(median(cliStarts) / 1000, 3)} s`, '<= 0.3 s'],
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
