import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FunctionModel } from '../../model/index.js';
import { createLocalInvoker } from '../create-local-invoker.js';
import { writeFiles } from '../function-fixtures.js';
import type { FunctionLogLine } from '../function-log-line.js';
import { isRunning } from '../invoker-contract.js';
import type { InvokeResult, Invoker } from '../invoker.js';
import { canRun } from '../runtime-registry.js';
import { findForeignBinary } from './provided-runtime-adapter.js';
import { pythonInterpreter, writeBootstrap } from './provided-fixtures.js';

const has = (command: string): boolean => spawnSync(command, ['--version']).status === 0;

/**
 * A custom runtime as a shell script with curl, the way AWS's custom runtime tutorial writes one: a
 * counter kept in the shell, an exit, a sleep and an error report chosen by the event.
 */
const SHELL_BOOTSTRAP = `#!/bin/sh
set -eu
API="http://\${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime"
HEADERS="$(mktemp)"
count=0
while true; do
  EVENT="$(curl -sS -D "$HEADERS" "$API/invocation/next")"
  REQUEST_ID="$(grep -i '^lambda-runtime-aws-request-id:' "$HEADERS" | cut -d' ' -f2 | tr -d '\\r')"
  count=$((count + 1))
  case "$EVENT" in
    *'"exit"'*) echo "exiting on request" >&2; exit 4 ;;
    *'"sleep"'*) sleep 5 & echo "sleeping in $!"; wait ;;
    *'"fail"'*)
      curl -sS -X POST "$API/invocation/$REQUEST_ID/error" -H 'Lambda-Runtime-Function-Error-Type: Unhandled' \\
        -d '{"errorType":"ShellError","errorMessage":"the shell failed","stackTrace":["bootstrap line 14"]}' >/dev/null
      continue ;;
  esac
  echo "request $REQUEST_ID"
  curl -sS -X POST "$API/invocation/$REQUEST_ID/response" -d "{\\"count\\":$count,\\"pid\\":$$,\\"handler\\":\\"$_HANDLER\\",\\"env\\":\\"\${AWS_EXECUTION_ENV:-unset}\\"}" >/dev/null
done
`;

let root: string;
let invoker: Invoker;
const logs: FunctionLogLine[] = [];
let count = 0;

async function providedFunction(bootstrap: string | undefined, overrides: Partial<FunctionModel> = {}): Promise<FunctionModel> {
  const logicalId = `CustomFn${++count}`;
  const dir = path.join(root, logicalId);
  if (bootstrap !== undefined) await writeBootstrap(dir, bootstrap);
  return {
    ref: { stackName: 'TestStack', logicalId },
    arn: `arn:aws:lambda:us-east-1:123456789012:function:${logicalId}`,
    functionName: logicalId,
    runtime: 'provided.al2023',
    handler: 'my.handler',
    code: { kind: 'directory', path: dir },
    environment: {},
    timeoutMs: 3000,
    memoryMb: 128,
    architecture: 'x86_64',
    ...overrides,
  };
}

const invoke = (fn: FunctionModel, event: unknown = {}): Promise<InvokeResult> => invoker.invoke(fn, { event, requestId: `custom-req-${++count}` });

function payload(result: InvokeResult): unknown {
  if (result.kind !== 'success') throw new Error(`expected success, got ${JSON.stringify(result)}`);
  return JSON.parse(result.payload);
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'provided-runtime-'));
  invoker = createLocalInvoker({ onLog: (line) => logs.push(line) });
});
afterAll(async () => {
  await invoker.close();
  await rm(root, { recursive: true, force: true });
});

describe.runIf(has('curl'))('a bootstrap written as a shell script', () => {
  test('serves invocations from one warm process, with _HANDLER and without AWS_EXECUTION_ENV', async () => {
    const fn = await providedFunction(SHELL_BOOTSTRAP);
    const first = payload(await invoke(fn)) as { count: number; pid: number };
    const second = payload(await invoke(fn));
    expect(first).toMatchObject({ count: 1, handler: 'my.handler', env: 'unset' });
    expect(second).toMatchObject({ count: 2, pid: first.pid });
    expect(logs.some((log) => log.functionName === fn.functionName && log.stream === 'stdout' && /^request custom-req-\d+$/.test(log.line))).toBe(true);
  });

  test('reports an exit as Runtime.ExitError and serves the next invocation from a fresh process', async () => {
    const fn = await providedFunction(SHELL_BOOTSTRAP);
    const warm = payload(await invoke(fn)) as { pid: number };
    const crashed = await invoke(fn, { action: 'exit' });
    expect(crashed).toMatchObject({ kind: 'runtime-error', errorType: 'Runtime.ExitError' });
    expect(crashed.kind === 'runtime-error' && crashed.errorMessage).toContain('exit status 4');
    const fresh = payload(await invoke(fn)) as { count: number; pid: number };
    expect(fresh.count).toBe(1);
    expect(fresh.pid).not.toBe(warm.pid);
    expect(isRunning(warm.pid)).toBe(false);
  });

  test('times out at the function timeout and replaces the process, and ends what it started', async () => {
    const fn = await providedFunction(SHELL_BOOTSTRAP, { timeoutMs: 400 });
    const warm = payload(await invoke(fn)) as { pid: number };
    expect(await invoke(fn, { action: 'sleep' })).toEqual({ kind: 'timeout', timeoutMs: 400 });
    const sleeper = logs.find((log) => log.functionName === fn.functionName && log.line.startsWith('sleeping in '));
    expect(sleeper).toBeDefined();
    expect(isRunning(Number(sleeper?.line.slice('sleeping in '.length)))).toBe(false);
    const fresh = payload(await invoke(fn)) as { count: number; pid: number };
    expect(fresh.count).toBe(1);
    expect(fresh.pid).not.toBe(warm.pid);
  });

  test('maps an error reported to /invocation/{id}/error to a function error with its type, message and trace', async () => {
    const fn = await providedFunction(SHELL_BOOTSTRAP);
    expect(await invoke(fn, { action: 'fail' })).toEqual({ kind: 'function-error', errorType: 'ShellError', errorMessage: 'the shell failed', trace: ['bootstrap line 14'] });
    expect(payload(await invoke(fn))).toMatchObject({ count: 2 });
  });
});

describe.runIf(has('curl'))('a bootstrap from a layer', () => {
  test('a function without its own bootstrap runs the last layer’s (/opt/bootstrap)', async () => {
    const fn = await providedFunction(undefined);
    await mkdir(fn.code.kind === 'directory' ? fn.code.path : root, { recursive: true });
    const early = path.join(root, `${fn.ref.logicalId}-layer-1`);
    const late = path.join(root, `${fn.ref.logicalId}-layer-2`);
    await writeBootstrap(early, '#!/bin/sh\nexit 9\n');
    await writeBootstrap(late, SHELL_BOOTSTRAP);
    const layered: FunctionModel = {
      ...fn,
      layers: [early, late].map((dir) => ({ kind: 'directory' as const, arn: `arn:aws:lambda:us-east-1:1:layer:${path.basename(dir)}:1`, ref: { stackName: 'S', logicalId: 'L' }, path: dir })),
    };
    expect(canRun(layered)).toEqual({ ok: true });
    expect(payload(await invoke(layered))).toMatchObject({ count: 1, handler: 'my.handler' });
  });
});

describe.runIf(has('python3'))('the Runtime API as a bootstrap sees it', () => {
  /** A bootstrap that asks for one invocation and answers with what it saw, then carries on with `rest`. */
  const inspector = (rest = '') => `#!${pythonInterpreter()}
import json, os, time, urllib.request, urllib.error
API = "http://" + os.environ["AWS_LAMBDA_RUNTIME_API"] + "/2018-06-01/runtime"
def call(method, path, body=None, headers=None):
    try:
        with urllib.request.urlopen(urllib.request.Request(API + path, data=body, method=method, headers=headers or {})) as response:
            return response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers
while True:
    status, event, headers = call("GET", "/invocation/next")
    request_id = headers["Lambda-Runtime-Aws-Request-Id"]
    seen = {"event": json.loads(event), "headers": {k.lower(): v for k, v in headers.items() if k.lower().startswith("lambda-runtime-")},
            "now": int(time.time() * 1000), "api": os.environ["AWS_LAMBDA_RUNTIME_API"]}
${rest}
    call("POST", "/invocation/" + request_id + "/response", json.dumps(seen).encode())
`;

  test('passes the event and the Lambda-Runtime-* headers of the invocation', async () => {
    const fn = await providedFunction(inspector(), { timeoutMs: 5000 });
    const result = payload(await invoker.invoke(fn, { event: { rawPath: '/books' }, requestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678' })) as {
      event: unknown; headers: Record<string, string>; now: number; api: string;
    };
    expect(result.event).toEqual({ rawPath: '/books' });
    expect(result.api).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(result.headers['lambda-runtime-aws-request-id']).toBe('c6af9ac6-7b61-11e6-9a41-93e812345678');
    expect(result.headers['lambda-runtime-invoked-function-arn']).toBe(fn.arn);
    expect(result.headers['lambda-runtime-trace-id']).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$/);
    const remaining = Number(result.headers['lambda-runtime-deadline-ms']) - result.now;
    expect(remaining).toBeGreaterThan(4000);
    expect(remaining).toBeLessThanOrEqual(5000);
    // Mobile SDK headers only come with invocations that carry them; API Gateway's never do.
    expect(Object.keys(result.headers).sort()).toEqual(['lambda-runtime-aws-request-id', 'lambda-runtime-deadline-ms', 'lambda-runtime-invoked-function-arn', 'lambda-runtime-trace-id']);
  });

  test('refuses an answer for another request id and init/error after init, and keeps serving', async () => {
    const probes = `    seen["wrongId"] = call("POST", "/invocation/not-the-running-one/response", b"{}")[0]
    seen["lateInit"] = call("POST", "/init/error", b"{}")[0]
    seen["unknown"] = call("GET", "/runtime/nothing")[0]`;
    const fn = await providedFunction(inspector(probes));
    expect(payload(await invoke(fn))).toMatchObject({ wrongId: 400, lateInit: 403, unknown: 404 });
    expect(payload(await invoke(fn))).toMatchObject({ wrongId: 400 });
  });

  test('answers a response over 6 MB with 413 and reports Function.ResponseSizeTooLarge, then serves the next', async () => {
    const big = `    if seen["event"].get("big"):
        status = call("POST", "/invocation/" + request_id + "/response", b"x" * (7 * 1024 * 1024))[0]
        print("big response answered", status, flush=True)
        continue`;
    const fn = await providedFunction(inspector(big));
    expect(await invoke(fn, { big: true })).toMatchObject({ kind: 'function-error', errorType: 'Function.ResponseSizeTooLarge' });
    expect(payload(await invoke(fn))).toMatchObject({ event: {} });
    expect(logs.some((log) => log.functionName === fn.functionName && log.line === 'big response answered 413')).toBe(true);
  });

  test('reports an error in the init phase (init/error) on the invocation that started it, and resets the environment', async () => {
    const fn = await providedFunction(`#!${pythonInterpreter()}
import os, time, urllib.request
request = urllib.request.Request("http://" + os.environ["AWS_LAMBDA_RUNTIME_API"] + "/2018-06-01/runtime/init/error", method="POST",
    data=b'{"errorMessage":"missing config","errorType":"Runtime.ConfigError"}', headers={"Lambda-Runtime-Function-Error-Type": "Runtime.ConfigError"})
urllib.request.urlopen(request).read()
print("reported, pid", os.getpid(), flush=True)
time.sleep(30)
`);
    expect(await invoke(fn)).toEqual({ kind: 'runtime-error', errorType: 'Runtime.ConfigError', errorMessage: 'missing config' });
    const line = await waitFor(() => logs.find((log) => log.functionName === fn.functionName && log.line.startsWith('reported, pid')));
    const pid = Number(line.line.split(' ').at(-1));
    // The bootstrap did not exit as it should: the environment is killed all the same.
    await waitFor(() => !isRunning(pid) || undefined);
  });
});

describe('functions a custom runtime cannot start, reported by canRun and on invocation', () => {
  test.each([
    ['no bootstrap', { 'main.sh': '#!/bin/sh\n' }, {}, /Couldn't find a valid bootstrap/],
    ['a bootstrap that is not executable', { bootstrap: '#!/bin/sh\n' }, {}, /is not executable/],
    ['inline code', {}, { code: { kind: 'inline', source: 'echo' } }, /needs a code directory/],
  ] as const)('%s', async (_what, files, overrides, reason) => {
    const fn = await providedFunction(undefined, overrides);
    await writeFiles(path.join(root, fn.ref.logicalId), files);
    expect(canRun(fn)).toEqual({ ok: false, reason: expect.stringMatching(reason) as string });
    expect(await invoke(fn)).toMatchObject({ kind: 'runtime-error', errorType: 'Runtime.InvalidEntrypoint' });
  });

  test.each([
    ['an absolute path', '#!/no/such/interpreter\n', "script for '/no/such/interpreter'"],
    ['env and a command not on the PATH', '#!/usr/bin/env no-such-interpreter-anywhere -u\n', "script for 'no-such-interpreter-anywhere'"],
  ])('reports a bootstrap whose interpreter is missing (%s) at start-up', async (_how, bootstrap, reason) => {
    const fn = await providedFunction(bootstrap);
    expect(canRun(fn)).toEqual({ ok: false, reason: expect.stringContaining(reason) as string });
    expect(await invoke(fn)).toMatchObject({ kind: 'runtime-error', errorType: 'Runtime.InvalidEntrypoint' });
  });

  test('accepts a script whose interpreter env finds on the PATH, and a binary for this machine', async () => {
    expect(canRun(await providedFunction('#!/usr/bin/env sh\n'))).toEqual({ ok: true });
    const native = await providedFunction(undefined);
    await writeBinary(native, elfHeader(process.arch === 'arm64' ? 0xb7 : 0x3e));
    expect(canRun(native)).toEqual({ ok: true });
  });

  test.runIf(process.platform === 'linux' && (process.arch === 'x64' || process.arch === 'arm64'))('reports a binary built for the other Lambda architecture at start-up', async () => {
    const foreign = await providedFunction(undefined, { architecture: 'arm64' });
    await writeBinary(foreign, elfHeader(process.arch === 'arm64' ? 0x3e : 0xb7));
    expect(canRun(foreign)).toEqual({ ok: false, reason: expect.stringMatching(/is built for (x64|arm64), and this machine is (x64|arm64)$/) as string });
  });

  test('tells binaries this machine cannot run from those it can and from scripts', () => {
    expect(findForeignBinary(elfHeader(0xb7), 'linux', 'x64')).toBe('built for arm64, and this machine is x64');
    expect(findForeignBinary(elfHeader(0x3e), 'linux', 'arm64')).toBe('built for x64, and this machine is arm64');
    expect(findForeignBinary(elfHeader(0x3e), 'linux', 'x64')).toBeUndefined();
    expect(findForeignBinary(elfHeader(0x3e), 'darwin', 'x64')).toBe('a Linux binary, and this machine runs darwin');
    expect(findForeignBinary(Buffer.from('#!/bin/sh\necho hello from a script\n'), 'linux', 'x64')).toBeUndefined();
  });

  test('reports a bootstrap that exits before asking for an invocation as Runtime.ExitError', async () => {
    const fn = await providedFunction('#!/bin/sh\necho "no runtime loop here" >&2\nexit 2\n');
    const result = await invoke(fn);
    expect(result).toMatchObject({ kind: 'runtime-error', errorType: 'Runtime.ExitError' });
    expect(result.kind === 'runtime-error' && result.errorMessage).toContain('exit status 2');
  });
});

/** The first 20 bytes of a little-endian 64-bit ELF executable for `machine` (`e_machine`). */
function elfHeader(machine: number): Buffer {
  const header = Buffer.alloc(64);
  header.write('\x7fELF', 0, 'latin1');
  header.set([2, 1, 1], 4);
  header.writeUInt16LE(2, 16);
  header.writeUInt16LE(machine, 18);
  return header;
}

async function writeBinary(fn: FunctionModel, content: Buffer): Promise<void> {
  const dir = path.join(root, fn.ref.logicalId);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'bootstrap'), content, { mode: 0o755 });
}

async function waitFor<T>(probe: () => T | undefined, timeoutMs = 3000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('waitFor: timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
