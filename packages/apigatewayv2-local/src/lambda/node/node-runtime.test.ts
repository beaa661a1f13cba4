import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FunctionModel } from '../../model/index.js';
import { createLocalInvoker } from '../create-local-invoker.js';
import type { FunctionLogLine } from '../function-log-line.js';
import type { InvokeResult, Invoker } from '../invoker.js';
import { writeTestFunction } from '../function-fixtures.js';
import { isRunning } from '../invoker-contract.js';
import { canRun } from '../runtime-registry.js';

let root: string;
let invoker: Invoker;
const logs: FunctionLogLine[] = [];
let count = 0;

/** A function running `handler` from a fresh code directory holding `files`. */
function nodeFunction(files: Record<string, string>, handler: string, overrides: Partial<FunctionModel> = {}): Promise<FunctionModel> {
  return writeTestFunction({ root, logicalId: `NodeFn${++count}`, runtime: 'nodejs20.x', files, handler, overrides });
}

const invoke = (fn: FunctionModel, event: unknown = {}): Promise<InvokeResult> => invoker.invoke(fn, { event, requestId: `node-req-${++count}` });

async function payload(fn: FunctionModel, event: unknown = {}): Promise<unknown> {
  const result = await invoke(fn, event);
  if (result.kind !== 'success') throw new Error(`expected success, got ${JSON.stringify(result)}`);
  return JSON.parse(result.payload);
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'node-runtime-'));
  invoker = createLocalInvoker({ onLog: (line) => logs.push(line) });
});
afterAll(async () => {
  await invoker.close();
  await rm(root, { recursive: true, force: true });
});

describe('module formats and handler strings', () => {
  test('treats a .js file as ESM when the nearest package.json says "type": "module"', async () => {
    const fn = await nodeFunction(
      { 'package.json': '{ "type": "module" }', 'src/app.js': 'export async function handler() { return typeof require; }' },
      'src/app.handler',
    );
    expect(await payload(fn)).toBe('undefined');
  });

  test('runs a CommonJS handler from a .cjs file', async () => {
    const fn = await nodeFunction({ 'lib/main.cjs': 'module.exports.handler = async () => typeof require;' }, 'lib/main.handler');
    expect(await payload(fn)).toBe('function');
  });

  test('resolves a nested property path after the module name, as Lambda does for index.routes.books', async () => {
    const fn = await nodeFunction({ 'index.js': 'exports.routes = { books: async () => "books" };' }, 'index.routes.books');
    expect(await payload(fn)).toBe('books');
  });

  test('loads a module from node_modules when no file matches the handler path', async () => {
    const fn = await nodeFunction({ 'node_modules/shared-handler/index.js': 'exports.handler = async () => "from a package";' }, 'shared-handler.handler');
    expect(await payload(fn)).toBe('from a package');
  });
});

describe('handler styles', () => {
  test('reports an error passed to the callback as a function error', async () => {
    const fn = await nodeFunction({ 'index.js': 'exports.handler = (event, context, callback) => callback(new RangeError("too far"));' }, 'index.handler');
    expect(await invoke(fn)).toMatchObject({ kind: 'function-error', errorType: 'RangeError', errorMessage: 'too far' });
  });

  test('supports the legacy context.succeed, context.fail and context.done', async () => {
    const fn = await nodeFunction(
      { 'index.js': 'exports.handler = (event, context) => { if (event.how === "succeed") context.succeed("ok"); else if (event.how === "fail") context.fail(new Error("bad")); else context.done(null, "done"); };' },
      'index.handler',
    );
    expect(await payload(fn, { how: 'succeed' })).toBe('ok');
    expect(await invoke(fn, { how: 'fail' })).toMatchObject({ kind: 'function-error', errorMessage: 'bad' });
    expect(await payload(fn, { how: 'done' })).toBe('done');
  });

  test('times out a non-async handler that returns a value but never calls back, as Lambda does', async () => {
    const fn = await nodeFunction({ 'index.js': 'exports.handler = () => "ignored";' }, 'index.handler', { timeoutMs: 300 });
    expect(await invoke(fn)).toEqual({ kind: 'timeout', timeoutMs: 300 });
  });
});

describe('results and errors', () => {
  test('answers an undefined result with the payload null', async () => {
    const fn = await nodeFunction({ 'index.js': 'exports.handler = async () => undefined;' }, 'index.handler');
    expect(await invoke(fn)).toEqual({ kind: 'success', payload: 'null' });
  });

  test('reports a result that cannot be serialized as a function error', async () => {
    const fn = await nodeFunction({ 'index.js': 'exports.handler = async () => { const a = {}; a.self = a; return a; };' }, 'index.handler');
    expect(await invoke(fn)).toMatchObject({ kind: 'function-error', errorType: 'Error', errorMessage: 'Unable to stringify response body' });
  });

  test('reports a thrown non-error value with its typeof as the error type', async () => {
    const fn = await nodeFunction({ 'index.js': 'exports.handler = async () => { throw "plain text"; };' }, 'index.handler');
    expect(await invoke(fn)).toEqual({ kind: 'function-error', errorType: 'string', errorMessage: 'plain text', trace: [] });
  });

  test('answers a result of 5 MB whole, and reports one over 6 MB as Function.ResponseSizeTooLarge', async () => {
    const fn = await nodeFunction({ 'index.js': 'exports.handler = async (event) => "x".repeat(event.size);' }, 'index.handler');
    expect(((await payload(fn, { size: 5_000_000 })) as string).length).toBe(5_000_000);
    expect(await invoke(fn, { size: 7_000_000 })).toMatchObject({ kind: 'function-error', errorType: 'Function.ResponseSizeTooLarge' });
    // The environment is still in step with the gateway afterwards.
    expect(await payload(fn, { size: 3 })).toBe('xxx');
  });

  test('gives handler code no IPC channel to the gateway, as in Lambda', async () => {
    const fn = await nodeFunction({ 'index.js': 'exports.handler = async () => [typeof process.send, process.connected === true];' }, 'index.handler');
    expect(await payload(fn)).toEqual(['undefined', false]);
  });

  test('reports an uncaught exception thrown outside the handler with its type and message', async () => {
    const fn = await nodeFunction({ 'index.js': 'exports.handler = async () => { setTimeout(() => { throw new RangeError("late"); }, 5); return new Promise(() => {}); };' }, 'index.handler');
    expect(await invoke(fn)).toMatchObject({ kind: 'runtime-error', errorType: 'RangeError', errorMessage: 'late' });
  });

  test('reports an unhandled promise rejection as Runtime.UnhandledPromiseRejection', async () => {
    const fn = await nodeFunction({ 'index.js': 'exports.handler = async () => { Promise.reject(new Error("lost")); return new Promise(() => {}); };' }, 'index.handler');
    expect(await invoke(fn)).toMatchObject({ kind: 'runtime-error', errorType: 'Runtime.UnhandledPromiseRejection', errorMessage: 'Error: lost' });
  });

  test.each([
    ['a missing module', 'Runtime.ImportModuleError', { 'other.js': '' }, 'index.handler'],
    ['a missing dependency', 'Runtime.ImportModuleError', { 'index.js': 'require("not-installed-anywhere"); exports.handler = async () => 1;' }, 'index.handler'],
    ['a syntax error', 'Runtime.UserCodeSyntaxError', { 'index.js': 'exports.handler = async () => {' }, 'index.handler'],
    ['a missing export', 'Runtime.HandlerNotFound', { 'index.js': 'exports.other = async () => 1;' }, 'index.handler'],
    ['a malformed handler string', 'Runtime.MalformedHandlerName', { 'index.js': '' }, 'index'],
    ['a SyntaxError thrown at load', 'Runtime.UserCodeSyntaxError', { 'index.mjs': 'throw new SyntaxError("not really"); export const handler = 1;' }, 'index.handler'],
    ['another error thrown at load', 'Error', { 'index.mjs': 'throw new Error("no config"); export const handler = 1;' }, 'index.handler'],
  ])('reports %s at init as %s', async (_what, errorType, files, handler) => {
    const fn = await nodeFunction(files, handler);
    expect(await invoke(fn)).toMatchObject({ kind: 'runtime-error', errorType });
  });
});

describe('execution environment', () => {
  test('runs in the code directory with Lambda reserved variables', async () => {
    const fn = await nodeFunction(
      { 'index.js': 'exports.handler = async () => ({ cwd: process.cwd(), env: process.env, offset: new Date(0).getTimezoneOffset() });' },
      'index.handler',
      { environment: { TABLE_NAME: 'books', AWS_REGION: 'should-not-win' } },
    );
    const codeDir = (fn.code as { path: string }).path;
    const { cwd, env, offset } = (await payload(fn)) as { cwd: string; env: Record<string, string>; offset: number };
    expect(cwd).toBe(codeDir);
    expect(offset).toBe(0);
    expect(env).toMatchObject({
      TABLE_NAME: 'books',
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x',
      AWS_LAMBDA_FUNCTION_NAME: fn.functionName,
      LAMBDA_TASK_ROOT: codeDir,
      _HANDLER: 'index.handler',
      TZ: ':UTC',
    });
    expect(env.HOME).toBeUndefined();
  });

  test('limits the JavaScript heap according to the memory size', async () => {
    const source = 'const v8 = require("node:v8"); exports.handler = async () => v8.getHeapStatistics().heap_size_limit / 1048576;';
    const small = await nodeFunction({ 'index.js': source }, 'index.handler', { memoryMb: 128 });
    const large = await nodeFunction({ 'index.js': source }, 'index.handler', { memoryMb: 1024 });
    const smallMb = (await payload(small)) as number;
    expect(smallMb).toBeGreaterThan(100);
    expect(smallMb).toBeLessThan(200);
    expect((await payload(large)) as number).toBeGreaterThan(900);
  });

  test('reports a function that exhausts its memory size as Runtime.OutOfMemory', async () => {
    const fn = await nodeFunction(
      { 'index.js': 'const keep = []; exports.handler = async () => { for (;;) keep.push(new Array(1e6).fill(1)); };' },
      'index.handler',
      { memoryMb: 128, timeoutMs: 20_000 },
    );
    expect(await invoke(fn)).toMatchObject({ kind: 'runtime-error', errorType: 'Runtime.OutOfMemory' });
  });

  test('formats console output like Lambda: timestamp, request id, level, message', async () => {
    const fn = await nodeFunction({ 'index.js': 'console.log("loading"); exports.handler = async () => { console.log("hello %s", "world"); console.error("oops"); return null; };' }, 'index.handler');
    const result = await invoker.invoke(fn, { event: {}, requestId: 'console-req' });
    expect(result.kind).toBe('success');
    await waitFor(() => logs.some((log) => log.functionName === fn.functionName && log.line.endsWith('oops')));
    const mine = logs.filter((log) => log.functionName === fn.functionName);
    expect(mine).toContainEqual(expect.objectContaining({ stream: 'stdout', line: expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z\tundefined\tINFO\tloading$/) as string }));
    expect(mine).toContainEqual(expect.objectContaining({ stream: 'stdout', line: expect.stringMatching(/Z\tconsole-req\tINFO\thello world$/) as string }));
    expect(mine).toContainEqual(expect.objectContaining({ stream: 'stderr', line: expect.stringMatching(/Z\tconsole-req\tERROR\toops$/) as string }));
  });
});

describe('inline code and runtimes', () => {
  test('writes inline code to a temporary index.js, loads it as CommonJS and removes it on close', async () => {
    const own = createLocalInvoker({ onLog: () => {} });
    const fn: FunctionModel = {
      ...(await nodeFunction({}, 'index.handler')),
      code: { kind: 'inline', source: 'exports.handler = async () => ({ dir: __dirname });' },
    };
    const result = await own.invoke(fn, { event: {}, requestId: 'inline' });
    const { dir } = JSON.parse(result.kind === 'success' ? result.payload : '{}') as { dir: string };
    expect(existsSync(path.join(dir, 'index.js'))).toBe(true);
    await own.close();
    expect(existsSync(dir)).toBe(false);
  });

  test('answers functions of an unsupported runtime with a runtime error, and canRun says why', async () => {
    const fn = await nodeFunction({ 'Handler.java': '' }, 'example.Handler::handleRequest', { runtime: 'java21' });
    expect(await invoke(fn)).toMatchObject({ kind: 'runtime-error', errorType: 'InvalidRuntimeException' });
    expect(canRun(fn)).toEqual({ ok: false, reason: expect.stringContaining("'java21'") as string });
  });

  test('canRun accepts a runnable Node.js function and rejects a missing code directory', async () => {
    const fn = await nodeFunction({ 'index.js': '' }, 'index.handler');
    expect(canRun(fn)).toEqual({ ok: true });
    expect(canRun({ ...fn, code: { kind: 'directory', path: path.join(root, 'missing') } })).toMatchObject({ ok: false });
  });

  test('canRun rejects a code directory without the handler file, before any environment starts', async () => {
    const fn = await nodeFunction({ 'other.js': '' }, 'app/main.handler');
    expect(canRun(fn)).toEqual({ ok: false, reason: expect.stringContaining("Cannot find module 'app/main'") as string });
  });
});

describe('invocations queued in a busy environment', () => {
  /** Counts overlapping invocations in its environment; sleeps `event.ms`. */
  const OVERLAP_PROBE = `let active = 0, most = 0, runs = 0;
exports.handler = async (event) => {
  active++; most = Math.max(most, active); runs++;
  await new Promise((resolve) => setTimeout(resolve, event.ms));
  active--;
  return { pid: process.pid, most, run: runs, started: Date.now() - event.ms };
};`;
  type Probe = { pid: number; most: number; run: number };

  test('a burst of quick invocations runs one at a time in each environment, none lost, none repeated', async () => {
    const own = createLocalInvoker({ onLog: () => {}, maxEnvironmentsPerFunction: 2 });
    try {
      const fn = await nodeFunction({ 'index.js': OVERLAP_PROBE }, 'index.handler');
      // A few sequential calls tell the pool the function is quick, so the burst is queued in environments.
      for (let i = 0; i < 4; i++) expect((await own.invoke(fn, { event: { ms: 0 }, requestId: `warm-${i}` })).kind).toBe('success');
      const results = await Promise.all(Array.from({ length: 60 }, (_, i) => own.invoke(fn, { event: { ms: 0 }, requestId: `burst-${i}` })));
      const probes = results.map((result) => (result.kind === 'success' ? (JSON.parse(result.payload) as Probe) : undefined));
      expect(probes.every((probe) => probe !== undefined && probe.most === 1)).toBe(true);
      // Each environment counts its own runs: per pid the counts are distinct, so no invocation ran twice.
      const runsByPid = new Map<number, number[]>();
      for (const probe of probes as Probe[]) runsByPid.set(probe.pid, [...(runsByPid.get(probe.pid) ?? []), probe.run]);
      for (const runs of runsByPid.values()) expect(new Set(runs).size).toBe(runs.length);
    } finally {
      await own.close();
    }
  });

  test('invocations queued behind one that turns out slow are taken back and run elsewhere, without waiting for it', async () => {
    const own = createLocalInvoker({ onLog: () => {}, maxEnvironmentsPerFunction: 2 });
    try {
      const fn = await nodeFunction({ 'index.js': OVERLAP_PROBE }, 'index.handler');
      for (let i = 0; i < 4; i++) expect((await own.invoke(fn, { event: { ms: 0 }, requestId: `warm-${i}` })).kind).toBe('success');
      const started = Date.now();
      const slow = own.invoke(fn, { event: { ms: 1500 }, requestId: 'slow' });
      const quick = await Promise.all(Array.from({ length: 5 }, (_, i) => own.invoke(fn, { event: { ms: 0 }, requestId: `quick-${i}` })));
      const quickDoneMs = Date.now() - started;
      const slowResult = await slow;
      expect(quick.map((result) => result.kind)).toEqual(Array(5).fill('success'));
      expect(slowResult.kind).toBe('success');
      const slowPid = (JSON.parse(slowResult.kind === 'success' ? slowResult.payload : '{}') as Probe).pid;
      for (const result of quick) expect((JSON.parse(result.kind === 'success' ? result.payload : '{}') as Probe).pid).not.toBe(slowPid);
      expect(quickDoneMs).toBeLessThan(1200);
    } finally {
      await own.close();
    }
  });

  test('an invocation queued behind one that times out is not lost: it runs in a fresh environment', async () => {
    const own = createLocalInvoker({ onLog: () => {}, maxEnvironmentsPerFunction: 1 });
    try {
      // A synchronous loop keeps the environment from reading anything until it is killed at the timeout.
      const source = 'exports.handler = async (event) => { if (event.spin) for (;;); return process.pid; };';
      const fn = await nodeFunction({ 'index.js': source }, 'index.handler', { timeoutMs: 1000 });
      for (let i = 0; i < 4; i++) expect((await own.invoke(fn, { event: {}, requestId: `warm-${i}` })).kind).toBe('success');
      const first = await own.invoke(fn, { event: {}, requestId: 'pid' });
      const spinning = own.invoke(fn, { event: { spin: true }, requestId: 'spin' });
      const queued = own.invoke(fn, { event: {}, requestId: 'behind' });
      expect(await spinning).toEqual({ kind: 'timeout', timeoutMs: 1000 });
      const behind = await queued;
      expect(behind.kind).toBe('success');
      expect(behind.kind === 'success' && behind.payload).not.toBe(first.kind === 'success' && first.payload);
    } finally {
      await own.close();
    }
  });
});

describe('process lifetime', () => {
  test('environments end when the gateway process dies without calling close()', async () => {
    const fn = await nodeFunction({ 'index.js': 'exports.handler = async () => process.pid;' }, 'index.handler');
    const script = path.join(root, 'gateway-that-dies.mts');
    const invokerModule = pathToFileURL(path.resolve(import.meta.dirname, '../create-local-invoker.ts')).href;
    await writeFile(script, [
      `import { createLocalInvoker } from ${JSON.stringify(invokerModule)};`,
      `const result = await createLocalInvoker({ onLog: () => {} }).invoke(${JSON.stringify(fn)}, { event: {}, requestId: 'dying' });`,
      'process.stdout.write(result.kind === "success" ? result.payload : JSON.stringify(result));',
      'process.exit(0);',
    ].join('\n'));
    const gateway = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: import.meta.dirname, encoding: 'utf8', timeout: 20_000 });
    const pid = Number(gateway.stdout);
    expect(pid, gateway.stderr).toBeGreaterThan(0);
    await waitFor(() => !isRunning(pid));
    expect(isRunning(pid)).toBe(false);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}
