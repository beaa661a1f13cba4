import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FunctionModel } from '../../model/index.js';
import { createLocalInvoker } from '../create-local-invoker.js';
import { writeTestFunction } from '../function-fixtures.js';
import type { FunctionLogLine } from '../function-log-line.js';
import type { InvokeResult, Invoker } from '../invoker.js';
import { canRun } from '../runtime-registry.js';

// The machine may have no python3; the Python runtime is then reported by canRun instead.
const hasPython = spawnSync('python3', ['--version']).status === 0;

describe.runIf(hasPython)('Python runtime specifics', () => {
  let root: string;
  let invoker: Invoker;
  const logs: FunctionLogLine[] = [];
  let count = 0;

  function pythonFunction(files: Record<string, string>, handler: string, overrides: Partial<FunctionModel> = {}): Promise<FunctionModel> {
    return writeTestFunction({ root, logicalId: `PyFn${++count}`, runtime: 'python3.12', files, handler, overrides });
  }

  const invoke = (fn: FunctionModel, event: unknown = {}, requestId = `py-req-${++count}`): Promise<InvokeResult> => invoker.invoke(fn, { event, requestId });

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'python-runtime-'));
    invoker = createLocalInvoker({ onLog: (line) => logs.push(line) });
  });
  afterAll(async () => {
    await invoker.close();
    await rm(root, { recursive: true, force: true });
  });

  test.each([
    ['a missing module', 'Runtime.ImportModuleError', { 'index.py': 'import not_installed_anywhere\ndef handler(e, c): return 1\n' }, 'index.handler'],
    ['a syntax error', 'Runtime.UserCodeSyntaxError', { 'index.py': 'def handler(e, c)\n    return 1\n' }, 'index.handler'],
    ['a missing function', 'Runtime.HandlerNotFound', { 'index.py': 'def other(e, c): return 1\n' }, 'index.handler'],
    ['an error raised at import', 'RuntimeError', { 'index.py': 'raise RuntimeError("no config")\n' }, 'index.handler'],
  ])('reports %s at init as %s', async (_what, errorType, files, handler) => {
    const fn = await pythonFunction(files, handler);
    expect(await invoke(fn)).toMatchObject({ kind: 'runtime-error', errorType });
  });

  test('reports a handler string without a dot as Runtime.MalformedHandlerName without starting Python', async () => {
    const fn = await pythonFunction({ 'index.py': '' }, 'index');
    expect(await invoke(fn)).toMatchObject({ kind: 'runtime-error', errorType: 'Runtime.MalformedHandlerName' });
    expect(canRun(fn)).toMatchObject({ ok: false });
  });

  test('reports a result json.dumps rejects as Runtime.MarshalError', async () => {
    const fn = await pythonFunction({ 'index.py': 'def handler(e, c):\n    return {1, 2}\n' }, 'index.handler');
    expect(await invoke(fn)).toMatchObject({ kind: 'function-error', errorType: 'Runtime.MarshalError', errorMessage: expect.stringContaining('Unable to marshal response') as string });
  });

  test('answers None with the payload null and reports exceptions with a stack trace', async () => {
    const fn = await pythonFunction({ 'index.py': 'def handler(e, c):\n    if e.get("fail"):\n        raise KeyError("isbn")\n    return None\n' }, 'index.handler');
    expect(await invoke(fn)).toEqual({ kind: 'success', payload: 'null' });
    const failed = await invoke(fn, { fail: true });
    expect(failed).toMatchObject({ kind: 'function-error', errorType: 'KeyError', errorMessage: "'isbn'" });
    expect(failed.kind === 'function-error' && failed.trace.join('\n')).toContain('index.py');
  });

  test('formats the root logger like Lambda and runs inline code from index.py', async () => {
    const fn: FunctionModel = {
      ...(await pythonFunction({}, 'index.handler')),
      code: { kind: 'inline', source: 'import logging, os\nlogging.getLogger().setLevel(logging.INFO)\ndef handler(e, c):\n    logging.info("hello %s", "world")\n    return os.getcwd()\n' },
    };
    const result = await invoke(fn, {}, 'py-log-req');
    expect(result.kind === 'success' && JSON.parse(result.payload)).toMatch(/inline/);
    await invoker.close();
    expect(logs.filter((log) => log.functionName === fn.functionName).map((log) => log.line)).toContainEqual(
      expect.stringMatching(/^\[INFO\]\t\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\tpy-log-req\thello world$/),
    );
  });
});
