import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import type { FunctionModel } from '../model/index.js';
import { FunctionPool, SCALE_OUT_DELAY_MS } from './function-pool.js';
import type { InvokeResult } from './invoker.js';
import { NOT_STARTED, type EnvironmentOutcome, type EnvironmentStart, type ExecutionEnvironment, type InvocationContext, type RuntimeAdapter } from './runtime-adapter.js';

/** An environment that answers when the test says so, so waits and scale-out are deterministic. */
class ManualEnvironment implements ExecutionEnvironment {
  alive = true;
  readonly pending: Array<{ requestId: string; resolve: (outcome: EnvironmentOutcome) => void }> = [];
  constructor(readonly id: number) {}
  get load(): number {
    return this.pending.length;
  }
  /** Whether it takes invocations to queue behind a running one (a real one stops once that one proves slow). */
  queueing = true;
  get acceptsQueued(): boolean {
    return this.alive && this.queueing;
  }
  invoke({ request }: InvocationContext): Promise<EnvironmentOutcome> {
    return new Promise((resolve) => this.pending.push({ requestId: request.requestId, resolve }));
  }
  /** Answers the running invocation with this environment's id and the request id. */
  answer(): void {
    const running = this.pending.shift();
    running?.resolve({ kind: 'success', payload: `${this.id}:${running.requestId}` });
  }
  /** Dies while running: the running invocation fails, the queued ones never started. */
  crash(): void {
    this.alive = false;
    const [running, ...queued] = this.pending.splice(0);
    running?.resolve({ kind: 'runtime-error', errorType: 'Runtime.ExitError', errorMessage: 'crashed' });
    for (const invocation of queued) invocation.resolve(NOT_STARTED);
  }
  dispose(): Promise<void> {
    this.alive = false;
    return Promise.resolve();
  }
}

const fn = { functionName: 'f', ref: { stackName: 'S', logicalId: 'F' }, timeoutMs: 60_000 } as FunctionModel;
let started: ManualEnvironment[];

function pool(maxEnvironments: number, maxConcurrency = Infinity): FunctionPool {
  const adapter: RuntimeAdapter = {
    family: 'manual',
    supports: () => true,
    findProblem: () => undefined,
    startEnvironment: (): Promise<EnvironmentStart> => {
      const environment = new ManualEnvironment(started.length + 1);
      started.push(environment);
      return Promise.resolve({ ok: true, environment });
    },
  };
  const host = { onLog: () => {}, onNotice: () => {}, region: 'us-east-1', accountId: '123456789012', scratchDir: () => Promise.resolve('/tmp') };
  return new FunctionPool({ fn, adapter, host, maxConcurrency, maxEnvironments });
}

const flush = () => vi.advanceTimersByTimeAsync(0);

/**
 * With `slow` (r1) running in the first environment and `waiting` (r2) waiting: nothing starts before
 * SCALE_OUT_DELAY_MS, then a second environment answers `waiting` while the first still holds `slow`.
 */
async function expectSecondEnvironmentAfterDelay(slow: Promise<InvokeResult>, waiting: Promise<InvokeResult>): Promise<void> {
  await vi.advanceTimersByTimeAsync(SCALE_OUT_DELAY_MS - 1);
  expect(started).toHaveLength(1);
  await vi.advanceTimersByTimeAsync(1);
  expect(started).toHaveLength(2);
  started[1]?.answer();
  expect(await waiting).toEqual({ kind: 'success', payload: '2:r2' });
  started[0]?.answer();
  expect(await slow).toEqual({ kind: 'success', payload: '1:r1' });
}
const request = (n: number) => ({ event: {}, requestId: `r${n}` });

beforeEach(() => {
  vi.useFakeTimers();
  started = [];
});
afterEach(() => {
  vi.useRealTimers();
});

test('serves a burst of quick invocations from one warm environment instead of starting one per request', async () => {
  const functions = pool(4);
  const results = Array.from({ length: 10 }, (_, n) => functions.invoke(request(n)));
  for (let answered = 0; answered < 10; answered++) {
    await flush();
    started[0]?.answer();
  }
  expect((await Promise.all(results)).map((result) => result.kind)).toEqual(Array(10).fill('success'));
  expect(started).toHaveLength(1);
});

test('starts another environment once an invocation has waited SCALE_OUT_DELAY_MS for a busy one', async () => {
  const functions = pool(4);
  const slow = functions.invoke(request(1));
  await flush();
  const waiting = functions.invoke(request(2));
  await expectSecondEnvironmentAfterDelay(slow, waiting);
});

test('never starts more environments than allowed; later invocations wait in arrival order', async () => {
  const functions = pool(1);
  const first = functions.invoke(request(1));
  const second = functions.invoke(request(2));
  const third = functions.invoke(request(3));
  await vi.advanceTimersByTimeAsync(10 * SCALE_OUT_DELAY_MS);
  expect(started).toHaveLength(1);
  const order: string[] = [];
  void second.then(() => order.push('second'));
  void third.then(() => order.push('third'));
  for (let i = 0; i < 3; i++) {
    started[0]?.answer();
    await flush();
  }
  await first;
  expect(order).toEqual(['second', 'third']);
});

test('throttles at once beyond maxConcurrency, counting waiting invocations too', async () => {
  const functions = pool(1, 2);
  const running = functions.invoke(request(1));
  const queued = functions.invoke(request(2));
  expect(await functions.invoke(request(3))).toEqual({ kind: 'throttled' });
  await flush();
  started[0]?.answer();
  await flush();
  started[0]?.answer();
  await Promise.all([running, queued]);
  const again = functions.invoke(request(4));
  await flush();
  started[0]?.answer();
  expect((await again).kind).toBe('success');
});

/** Four quick invocations one after another: the pool then knows the function's typical duration. */
async function warmUp(functions: FunctionPool): Promise<void> {
  for (let n = 0; n < 4; n++) {
    const result = functions.invoke(request(100 + n));
    await flush();
    started[0]?.answer();
    await result;
  }
}

test('queues invocations of a quick function inside its busy environment instead of starting another', async () => {
  const functions = pool(4);
  await warmUp(functions);
  const results = Array.from({ length: 5 }, (_, n) => functions.invoke(request(n)));
  await flush();
  expect(started).toHaveLength(1);
  expect(started[0]?.load).toBe(5);
  await vi.advanceTimersByTimeAsync(10 * SCALE_OUT_DELAY_MS);
  expect(started).toHaveLength(1);
  for (let n = 0; n < 5; n++) started[0]?.answer();
  expect((await Promise.all(results)).map((result) => result.kind === 'success' && result.payload)).toEqual(['1:r0', '1:r1', '1:r2', '1:r3', '1:r4']);
});

test('does not queue invocations of a function before it knows how long they take', async () => {
  const functions = pool(4);
  const results = Array.from({ length: 3 }, (_, n) => functions.invoke(request(n)));
  await flush();
  expect(started[0]?.load).toBe(1);
  for (let n = 0; n < 3; n++) {
    started[0]?.answer();
    await flush();
  }
  expect((await Promise.all(results)).map((result) => result.kind)).toEqual(['success', 'success', 'success']);
});

test('gives invocations that never started in a dead environment to the next one, in their order', async () => {
  const functions = pool(2);
  await warmUp(functions);
  const results = Array.from({ length: 3 }, (_, n) => functions.invoke(request(n)));
  await flush();
  expect(started[0]?.load).toBe(3);
  started[0]?.crash();
  await flush();
  expect(started).toHaveLength(2);
  for (let n = 0; n < 2; n++) {
    started[1]?.answer();
    await flush();
  }
  const [first, ...rest] = await Promise.all(results);
  expect(first).toMatchObject({ kind: 'runtime-error' });
  expect(rest).toEqual([
    { kind: 'success', payload: '2:r1' },
    { kind: 'success', payload: '2:r2' },
  ]);
});

test('starts another environment when every environment is held by an invocation that has run SCALE_OUT_DELAY_MS', async () => {
  const functions = pool(4);
  await warmUp(functions);
  const slow = functions.invoke(request(1));
  await flush();
  // As a real environment does once its running invocation proved slow: it takes no queued work.
  if (started[0]) started[0].queueing = false;
  const waiting = functions.invoke(request(2));
  expect(started[0]?.load).toBe(1);
  await expectSecondEnvironmentAfterDelay(slow, waiting);
});
