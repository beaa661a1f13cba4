/**
 * The local invoker's costs for a hello-world handler: environment start (first invocation of a function,
 * process start + handler load + one invocation) and the per-invocation overhead of a warm environment
 * (invoke through the invoker, minus calling the same handler in-process), and how much of it is CPU in the
 * gateway's own process (what limits the gateway's requests/s). A second table compares the runtimes on
 * the same hello handler (Node.js is the baseline): environment start and a warm invocation one at a time.
 * Uses the built package (dist/), so run `npm run build` first (`npm run bench -- local-invoker` does).
 */
import { spawnSync } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createLocalInvoker } from '../packages/apigatewayv2-local/dist/index.js';
import { descendants, processCpuUs } from './bench-support.js';
import type { FunctionModel } from '../packages/apigatewayv2-local/dist/index.js';

const HELLO = `exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify({ hello: event.rawPath }) });`;

/** A list of 100 books as a JSON body: a result of about 12.5 kB, quotes included, as APIs commonly answer. */
const BOOKS = Array.from({ length: 100 }, (_, i) => ({ id: `book-${i}`, title: `The "Title" of book ${i}`, author: 'Someone', tags: ['a', 'b'], price: 12.5 }));
const BOOKS_HANDLER = `const body = ${JSON.stringify(JSON.stringify(BOOKS))};
exports.handler = async () => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body });`;

/** An HTTP API payload 2.0 event of the usual size (about 1 kB). */
const EVENT = {
  version: '2.0',
  routeKey: 'GET /hello',
  rawPath: '/hello',
  rawQueryString: '',
  headers: { accept: '*/*', host: '127.0.0.1:3000', 'user-agent': 'bench', 'x-forwarded-for': '127.0.0.1', 'x-forwarded-port': '443', 'x-forwarded-proto': 'https' },
  requestContext: {
    accountId: '123456789012', apiId: 'abcdefghij', domainName: '127.0.0.1', domainPrefix: '127', requestId: 'Ab1Cd2Ef3Gh4=',
    http: { method: 'GET', path: '/hello', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
    routeKey: 'GET /hello', stage: '$default', time: '21/Nov/2026:20:00:00 +0000', timeEpoch: 1_795_000_000_000,
  },
  isBase64Encoded: false,
};

/** The same handler in Python: `index.handler`. */
const HELLO_PY = `import json
def handler(event, context):
    return {"statusCode": 200, "body": json.dumps({"hello": event["rawPath"]})}
`;

/**
 * The same handler as a custom runtime: a Python \`bootstrap\` with its own Runtime API loop on one kept-alive
 * connection (as runtime clients such as Go's and Rust's keep theirs).
 */
const helloBootstrap = (python: string): string => `#!${python}
import http.client, json, os
connection = http.client.HTTPConnection(os.environ["AWS_LAMBDA_RUNTIME_API"])
def call(method, path, body=None):
    connection.request(method, "/2018-06-01/runtime" + path, body=body)
    response = connection.getresponse()
    return response.read(), response
while True:
    event, response = call("GET", "/invocation/next")
    request_id = response.getheader("Lambda-Runtime-Aws-Request-Id")
    result = {"statusCode": 200, "body": json.dumps({"hello": json.loads(event)["rawPath"]})}
    call("POST", "/invocation/" + request_id + "/response", json.dumps(result))
`;

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-invoker-'));
  await writeFile(path.join(dir, 'index.js'), HELLO);
  await writeFile(path.join(dir, 'books.js'), BOOKS_HANDLER);
  const fn = (name: string): FunctionModel => ({
    ref: { stackName: 'Bench', logicalId: name },
    arn: `arn:aws:lambda:us-east-1:123456789012:function:${name}`,
    functionName: name,
    runtime: 'nodejs20.x',
    handler: 'index.handler',
    code: { kind: 'directory', path: dir },
    environment: {},
    timeoutMs: 3000,
    memoryMb: 128,
    architecture: 'x86_64',
  });
  let id = 0;
  const request = () => ({ event: EVENT, requestId: `r${++id}` });

  // Environment start: a new function each time (no warm environment to reuse).
  const starts: number[] = [];
  const creates: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    const invoker = createLocalInvoker({ onLog: () => {} });
    creates.push(performance.now() - t0);
    const t1 = performance.now();
    const result = await invoker.invoke(fn(`Cold${i}`), request());
    starts.push(performance.now() - t1);
    if (result.kind !== 'success') throw new Error(`cold invocation failed: ${JSON.stringify(result)}`);
    await invoker.close();
  }

  // Warm, one at a time: the invoker's round trip.
  const invoker = createLocalInvoker({ onLog: () => {} });
  const warm = fn('Warm');
  for (let i = 0; i < 500; i++) await invoker.invoke(warm, request());
  const sequential = 5000;
  const cpu = process.cpuUsage();
  const t2 = performance.now();
  for (let i = 0; i < sequential; i++) await invoker.invoke(warm, request());
  const perInvokeUs = ((performance.now() - t2) / sequential) * 1000;
  const { user, system } = process.cpuUsage(cpu);
  const gatewayCpuUs = (user + system) / sequential;

  // The same handler called in-process with the same event, as the floor.
  const { handler } = (await import(path.join(dir, 'index.js'))) as { handler: (event: unknown) => Promise<unknown> };
  const t3 = performance.now();
  for (let i = 0; i < sequential; i++) JSON.stringify(await handler(JSON.parse(JSON.stringify(EVENT))));
  const inProcessUs = ((performance.now() - t3) / sequential) * 1000;

  // Concurrent: 16 callers on one unreserved function (up to the default 4 environments, started as waits demand).
  const concurrent = fn('Concurrent');
  await Promise.all(Array.from({ length: 4 }, () => invoker.invoke(concurrent, request())));
  const total = 20_000;
  let issued = 0;
  const t4 = performance.now();
  await Promise.all(Array.from({ length: 16 }, async () => {
    while (issued++ < total) await invoker.invoke(concurrent, request());
  }));
  const perSecond = total / ((performance.now() - t4) / 1000);
  await invoker.close();
  const books = await largeResultCpu({ ...fn('Books'), handler: 'books.handler' }, request);
  const runtimes = await compareRuntimes(fn, request);
  await rm(dir, { recursive: true, force: true });

  console.log('| measure | value |');
  console.log('|---|---|');
  console.log(`| createLocalInvoker() (no environment yet), median of 10 | ${median(creates).toFixed(2)} ms |`);
  console.log(`| environment start: first invocation of a function, median of 10 (min ${Math.min(...starts).toFixed(1)}) | ${median(starts).toFixed(1)} ms |`);
  console.log(`| warm invocation, sequential, mean of ${sequential} | ${perInvokeUs.toFixed(0)} µs |`);
  console.log(`| gateway-process CPU per warm invocation (the rest runs in the environment) | ${gatewayCpuUs.toFixed(0)} µs |`);
  console.log(`| same handler in-process (floor) | ${inProcessUs.toFixed(1)} µs |`);
  console.log(`| per-invocation overhead of a warm environment | ${(perInvokeUs - inProcessUs).toFixed(0)} µs |`);
  console.log(`| throughput, 16 concurrent callers, up to 4 environments | ${perSecond.toFixed(0)} invocations/s |`);
  console.log(`| CPU per invocation of a ${(books.resultBytes / 1000).toFixed(1)} kB result, 8 concurrent callers: gateway process + environment | ${books.gatewayUs.toFixed(1)} + ${books.environmentUs.toFixed(1)} µs |`);
  console.log('');
  console.log('| runtime | environment start, median of 5 | ratio | warm invocation, sequential, mean of 2000 | ratio |');
  console.log('|---|---|---|---|---|');
  const [baseline] = runtimes;
  for (const row of runtimes) {
    const ratio = (value: number, base: number | undefined): string => (base === undefined ? '' : `${(value / base).toFixed(2)}`);
    console.log(`| ${row.name} | ${row.startMs.toFixed(1)} ms | ${ratio(row.startMs, baseline?.startMs)} | ${row.warmUs.toFixed(0)} µs | ${ratio(row.warmUs, baseline?.warmUs)} |`);
  }
}

/**
 * CPU per invocation, gateway process and environment apart, of a function answering a 12.5 kB result:
 * what the channel's encoding of results costs (the hello result is too small to show it).
 */
async function largeResultCpu(
  books: FunctionModel,
  request: () => { event: unknown; requestId: string },
): Promise<{ resultBytes: number; gatewayUs: number; environmentUs: number }> {
  const invoker = createLocalInvoker({ onLog: () => {} });
  for (let i = 0; i < 500; i++) await invoker.invoke(books, request());
  const total = 10_000;
  let issued = 0;
  let resultBytes = 0;
  const environmentCpu = () => descendants(process.pid).reduce((sum, pid) => sum + processCpuUs(pid), 0);
  const environmentFrom = environmentCpu();
  const gatewayFrom = process.cpuUsage();
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (issued++ < total) {
      const result = await invoker.invoke(books, request());
      if (result.kind !== 'success') throw new Error(`books invocation failed: ${JSON.stringify(result)}`);
      resultBytes = result.payload.length;
    }
  }));
  const gateway = process.cpuUsage(gatewayFrom);
  const environmentUs = (environmentCpu() - environmentFrom) / total;
  await invoker.close();
  return { resultBytes, gatewayUs: (gateway.user + gateway.system) / total, environmentUs };
}

interface RuntimeRow {
  readonly name: string;
  readonly startMs: number;
  readonly warmUs: number;
}

/** Environment start and warm round trip of the hello handler per runtime; Node.js first (the baseline). */
async function compareRuntimes(
  nodeFn: (name: string) => FunctionModel,
  request: () => { event: unknown; requestId: string },
): Promise<RuntimeRow[]> {
  const probe = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' });
  const python = probe.status === 0 ? probe.stdout.trim() : undefined;
  const variants: { name: string; fn: (name: string) => FunctionModel }[] = [{ name: 'Node.js (`nodejs20.x`)', fn: nodeFn }];
  const dirs: string[] = [];
  if (python === undefined) console.log('(no python3: the Python and custom runtime rows are left out)');
  else {
    const pyDir = await mkdtemp(path.join(tmpdir(), 'bench-invoker-py-'));
    await writeFile(path.join(pyDir, 'index.py'), HELLO_PY);
    const customDir = await mkdtemp(path.join(tmpdir(), 'bench-invoker-custom-'));
    await writeFile(path.join(customDir, 'bootstrap'), helloBootstrap(python));
    await chmod(path.join(customDir, 'bootstrap'), 0o755);
    dirs.push(pyDir, customDir);
    const at = (runtime: string, dir: string) => (name: string): FunctionModel => ({ ...nodeFn(name), runtime, code: { kind: 'directory', path: dir } });
    variants.push({ name: 'Python (`python3.12`)', fn: at('python3.12', pyDir) }, { name: 'custom runtime (`provided.al2023`, Python bootstrap)', fn: at('provided.al2023', customDir) });
  }
  const rows: RuntimeRow[] = [];
  for (const variant of variants) {
    const starts: number[] = [];
    for (let i = 0; i < 5; i++) {
      const invoker = createLocalInvoker({ onLog: () => {} });
      const t0 = performance.now();
      const result = await invoker.invoke(variant.fn(`Start${i}`), request());
      starts.push(performance.now() - t0);
      if (result.kind !== 'success') throw new Error(`${variant.name}: cold invocation failed: ${JSON.stringify(result)}`);
      await invoker.close();
    }
    const invoker = createLocalInvoker({ onLog: () => {} });
    const warm = variant.fn('Warm');
    for (let i = 0; i < 200; i++) await invoker.invoke(warm, request());
    const count = 2000;
    const t1 = performance.now();
    for (let i = 0; i < count; i++) await invoker.invoke(warm, request());
    rows.push({ name: variant.name, startMs: median(starts), warmUs: ((performance.now() - t1) / count) * 1000 });
    await invoker.close();
  }
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  return rows;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
