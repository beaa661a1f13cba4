/**
 * The contract every `Invoker` implementation must meet (conventions rule 9), written once and run by
 * each runtime's test file with that runtime's fixtures. Not a test file itself: it only declares suites.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { FunctionModel } from '../model/index.js';
import type { FunctionLogLine } from './function-log-line.js';
import type { InvokeResult, Invoker } from './invoker.js';

/**
 * Behaviours a runtime's fixtures implement, each as one handler:
 * - `echo`: returns `{ event, env: { [name]: value } for event.envNames, context: { functionName,
 *   functionVersion, invokedFunctionArn, memoryLimitInMB, awsRequestId, logGroupName, logStreamName,
 *   remainingMs } }`.
 * - `counter`: returns `{ count, pid }`, count being how many times this environment ran it.
 * - `sleep`: waits `event.ms` milliseconds, then returns `{ pid }`.
 * - `fail`: throws an error of type `TypeError` with message `event.message`.
 * - `exit`: ends its process with status 3 without answering.
 * - `crash`: when `event.crash`, answers nothing and brings its process down from outside the handler's
 *   own call stack (Node.js: an uncaught exception in a timer); otherwise behaves like `counter`.
 * - `print`: writes `event.line` to stdout and returns `null`.
 * - `init-error`: fails while loading (before any invocation).
 */
export type FixtureBehaviour = 'echo' | 'counter' | 'sleep' | 'fail' | 'exit' | 'crash' | 'print' | 'init-error';

export interface RuntimeFixtures {
  /** e.g. `nodejs20.x`. */
  readonly runtime: string;
  /**
   * The ways of writing a handler this runtime supports (Node.js: CommonJS, ES modules, callbacks…);
   * the contract runs the `echo` behaviour in each.
   */
  readonly handlerStyles: readonly string[];
  /**
   * Writes the handler for `behaviour` into `dir`, in `style` (one of `handlerStyles`; the runtime's usual
   * style when undefined); returns the function's code and handler string.
   */
  write(behaviour: FixtureBehaviour, dir: string, style?: string): Promise<Pick<FunctionModel, 'code' | 'handler'>>;
}

export interface InvokerContractOptions {
  readonly name: string;
  readonly fixtures: RuntimeFixtures;
  readonly createInvoker: (options: { onLog: (line: FunctionLogLine) => void; maxEnvironmentsPerFunction: number }) => Invoker;
}

let nextRequest = 0;
const requestId = (): string => `req-${++nextRequest}`;

export function describeInvokerContract({ name, fixtures, createInvoker }: InvokerContractOptions): void {
  describe(`Invoker contract: ${name}`, () => {
    let root: string;
    let invoker: Invoker;
    let logs: FunctionLogLine[];
    const functions = new Map<string, FunctionModel>();

    /** A function for `behaviour`; one per (behaviour, variant) so functions never share environments. */
    async function fn(behaviour: FixtureBehaviour, overrides: Partial<FunctionModel> = {}, variant = '', style?: string): Promise<FunctionModel> {
      const key = `${behaviour}${variant}${style ?? ''}${JSON.stringify(overrides)}`;
      const known = functions.get(key);
      if (known !== undefined) return known;
      const logicalId = `${behaviour.replace(/[^a-z]/g, '')}Fn${functions.size}`;
      const dir = path.join(root, logicalId);
      const model: FunctionModel = {
        ref: { stackName: 'ContractStack', logicalId },
        arn: `arn:aws:lambda:eu-west-1:111122223333:function:${logicalId}`,
        functionName: `ContractStack-${logicalId}`,
        runtime: fixtures.runtime,
        environment: { GREETING: 'hello' },
        timeoutMs: 3000,
        memoryMb: 128,
        architecture: 'x86_64',
        ...(await fixtures.write(behaviour, dir, style)),
        ...overrides,
      };
      functions.set(key, model);
      return model;
    }

    const payloadOf = (result: InvokeResult): unknown => {
      expect(result.kind).toBe('success');
      return result.kind === 'success' ? JSON.parse(result.payload) : undefined;
    };

    beforeAll(async () => {
      root = await mkdtemp(path.join(tmpdir(), 'invoker-contract-'));
    });
    afterAll(async () => {
      await rm(root, { recursive: true, force: true });
    });
    beforeEach(() => {
      logs = [];
      invoker = createInvoker({ onLog: (line) => logs.push(line), maxEnvironmentsPerFunction: 2 });
    });
    afterEach(async () => {
      await invoker.close();
    });

    test('keeps module state between invocations of a warm environment', async () => {
      const counter = await fn('counter');
      const first = payloadOf(await invoker.invoke(counter, { event: {}, requestId: requestId() })) as { count: number; pid: number };
      const second = payloadOf(await invoker.invoke(counter, { event: {}, requestId: requestId() })) as { count: number; pid: number };
      expect(first.count).toBe(1);
      expect(second).toEqual({ count: 2, pid: first.pid });
    });

    test('never shares an environment between two functions with the same code', async () => {
      const a = await fn('counter', {}, 'a');
      const b = await fn('counter', {}, 'b');
      const fromA = payloadOf(await invoker.invoke(a, { event: {}, requestId: requestId() })) as { count: number; pid: number };
      const fromB = payloadOf(await invoker.invoke(b, { event: {}, requestId: requestId() })) as { count: number; pid: number };
      expect(fromB.count).toBe(1);
      expect(fromB.pid).not.toBe(fromA.pid);
    });

    test('passes the event and returns the JSON payload', async () => {
      const echo = await fn('echo');
      const result = payloadOf(await invoker.invoke(echo, { event: { a: [1, 'two', null] }, requestId: requestId() })) as { event: unknown };
      expect(result.event).toEqual({ a: [1, 'two', null] });
    });

    test.each(fixtures.handlerStyles)('runs a handler written in the %s style', async (style) => {
      const echo = await fn('echo', {}, '', style);
      const id = requestId();
      const result = payloadOf(await invoker.invoke(echo, { event: { style }, requestId: id })) as { event: unknown; context: { awsRequestId: string } };
      expect(result.event).toEqual({ style });
      expect(result.context.awsRequestId).toBe(id);
    });

    test('gives the function its own variables and Lambda reserved variables, not the gateway environment', async () => {
      process.env.GATEWAY_SECRET_FOR_CONTRACT = 'must-not-leak';
      try {
        const echo = await fn('echo', { memoryMb: 256 });
        const names = ['GREETING', 'AWS_LAMBDA_FUNCTION_NAME', 'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'AWS_LAMBDA_FUNCTION_VERSION', 'AWS_REGION', 'GATEWAY_SECRET_FOR_CONTRACT'];
        const { env } = payloadOf(await invoker.invoke(echo, { event: { envNames: names }, requestId: requestId() })) as { env: Record<string, string | null> };
        expect(env).toEqual({
          GREETING: 'hello',
          AWS_LAMBDA_FUNCTION_NAME: echo.functionName,
          AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
          AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
          AWS_REGION: expect.any(String) as string,
          GATEWAY_SECRET_FOR_CONTRACT: null,
        });
      } finally {
        delete process.env.GATEWAY_SECRET_FOR_CONTRACT;
      }
    });

    test('fills the context object with the function, the request id and the remaining time', async () => {
      const echo = await fn('echo', { timeoutMs: 5000 });
      const id = requestId();
      const { context } = payloadOf(await invoker.invoke(echo, { event: {}, requestId: id })) as { context: Record<string, unknown> };
      expect(context).toMatchObject({
        functionName: echo.functionName,
        functionVersion: '$LATEST',
        invokedFunctionArn: echo.arn,
        memoryLimitInMB: '128',
        awsRequestId: id,
        logGroupName: `/aws/lambda/${echo.functionName}`,
      });
      expect(context.logStreamName).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
      expect(context.remainingMs).toBeGreaterThan(4000);
      expect(context.remainingMs).toBeLessThanOrEqual(5000);
    });

    test('reports a handler error with its type, message and trace', async () => {
      const failing = await fn('fail');
      const result = await invoker.invoke(failing, { event: { message: 'no such book' }, requestId: requestId() });
      expect(result).toMatchObject({ kind: 'function-error', errorType: 'TypeError', errorMessage: 'no such book' });
      expect(result.kind === 'function-error' && result.trace.length).toBeGreaterThan(0);
    });

    test('runs concurrent invocations in separate environments up to reserved concurrency, then throttles', async () => {
      const sleepy = await fn('sleep', { reservedConcurrency: 2 });
      const results = await Promise.all([0, 1, 2].map(() => invoker.invoke(sleepy, { event: { ms: 400 }, requestId: requestId() })));
      const kinds = results.map((result) => result.kind).sort();
      expect(kinds).toEqual(['success', 'success', 'throttled']);
      const pids = results.filter((result) => result.kind === 'success').map((result) => (payloadOf(result) as { pid: number }).pid);
      expect(new Set(pids).size).toBe(2);
    });

    test('lets invocations within reserved concurrency but beyond the local environment cap wait instead of throttling', async () => {
      const sleepy = await fn('sleep', { reservedConcurrency: 3 });
      const results = await Promise.all([0, 1, 2, 3].map(() => invoker.invoke(sleepy, { event: { ms: 300 }, requestId: requestId() })));
      expect(results.map((result) => result.kind).sort()).toEqual(['success', 'success', 'success', 'throttled']);
      const pids = results.filter((result) => result.kind === 'success').map((result) => (payloadOf(result) as { pid: number }).pid);
      expect(new Set(pids).size).toBe(2);
    });

    test('throttles every invocation of a function with reserved concurrency 0', async () => {
      const off = await fn('echo', { reservedConcurrency: 0 });
      expect(await invoker.invoke(off, { event: {}, requestId: requestId() })).toEqual({ kind: 'throttled' });
    });

    test('makes invocations of an unreserved function wait for an environment beyond the local cap', async () => {
      const sleepy = await fn('sleep');
      const started = Date.now();
      const results = await Promise.all([0, 1, 2].map(() => invoker.invoke(sleepy, { event: { ms: 300 }, requestId: requestId() })));
      expect(results.map((result) => result.kind)).toEqual(['success', 'success', 'success']);
      const pids = new Set(results.map((result) => (payloadOf(result) as { pid: number }).pid));
      expect(pids.size).toBe(2);
      expect(Date.now() - started).toBeGreaterThanOrEqual(600);
    });

    test('times out at the function timeout and replaces the environment', async () => {
      const sleepy = await fn('sleep', { timeoutMs: 300 });
      const warm = payloadOf(await invoker.invoke(sleepy, { event: { ms: 0 }, requestId: requestId() })) as { pid: number };
      expect(await invoker.invoke(sleepy, { event: { ms: 5000 }, requestId: requestId() })).toEqual({ kind: 'timeout', timeoutMs: 300 });
      const after = payloadOf(await invoker.invoke(sleepy, { event: { ms: 0 }, requestId: requestId() })) as { pid: number };
      expect(after.pid).not.toBe(warm.pid);
      expect(isRunning(warm.pid)).toBe(false);
      expect(logs.some((log) => log.line.includes('Task timed out after 0.30 seconds'))).toBe(true);
    });

    test('reports an environment that exits as Runtime.ExitError and replaces it', async () => {
      const exiting = await fn('exit');
      const result = await invoker.invoke(exiting, { event: {}, requestId: 'exit-1' });
      expect(result).toMatchObject({ kind: 'runtime-error', errorType: 'Runtime.ExitError' });
      expect(result.kind === 'runtime-error' && result.errorMessage).toContain('exit status 3');
      const counter = await fn('counter');
      expect(payloadOf(await invoker.invoke(counter, { event: {}, requestId: requestId() }))).toMatchObject({ count: 1 });
    });

    test('reports an uncaught error outside the handler as a runtime error and starts a fresh environment', async () => {
      const crashing = await fn('crash');
      const first = await invoker.invoke(crashing, { event: { crash: true }, requestId: requestId() });
      expect(first.kind).toBe('runtime-error');
      const second = await invoker.invoke(crashing, { event: { crash: false }, requestId: requestId() });
      expect(payloadOf(second)).toMatchObject({ count: 1 });
    });

    test('reports an init failure as a runtime error on every invocation and keeps serving others', async () => {
      const broken = await fn('init-error');
      const result = await invoker.invoke(broken, { event: {}, requestId: requestId() });
      expect(result.kind).toBe('runtime-error');
      expect((await invoker.invoke(broken, { event: {}, requestId: requestId() })).kind).toBe('runtime-error');
      const echo = await fn('echo');
      expect((await invoker.invoke(echo, { event: {}, requestId: requestId() })).kind).toBe('success');
    });

    test('tags every output line with the function that wrote it', async () => {
      const printer = await fn('print');
      await invoker.invoke(printer, { event: { line: 'first line' }, requestId: requestId() });
      await invoker.invoke(printer, { event: { line: 'second line' }, requestId: requestId() });
      await invoker.close();
      const lines = logs.filter((log) => log.functionName === printer.functionName && log.stream === 'stdout').map((log) => log.line);
      expect(lines.some((line) => line.includes('first line'))).toBe(true);
      expect(lines.some((line) => line.includes('second line'))).toBe(true);
      expect(logs.every((log) => log.logicalId === printer.ref.logicalId)).toBe(true);
    });

    test('close stops every environment, busy ones included, and later invocations fail fast', async () => {
      const counter = await fn('counter');
      const sleepy = await fn('sleep');
      const { pid } = payloadOf(await invoker.invoke(counter, { event: {}, requestId: requestId() })) as { pid: number };
      const busy = invoker.invoke(sleepy, { event: { ms: 10_000 }, requestId: requestId() });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const started = Date.now();
      await invoker.close();
      expect(Date.now() - started).toBeLessThan(2000);
      expect((await busy).kind).toBe('runtime-error');
      expect(isRunning(pid)).toBe(false);
      expect((await invoker.invoke(counter, { event: {}, requestId: requestId() })).kind).toBe('runtime-error');
    });
  });
}

/**
 * Whether a process still runs. A zombie (exited, not yet reaped, e.g. reparented to a container init that
 * never reaps) has ended and counts as not running.
 */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}
