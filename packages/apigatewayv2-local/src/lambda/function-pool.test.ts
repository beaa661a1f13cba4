import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import type { FunctionModel } from '../model/index.js';
import { FunctionPool, SCALE_OUT_DELAY_MS } from './function-pool.js';
import type { InvokeResult } from './invoker.js';
import type { EnvironmentStart, ExecutionEnvironment, InvocationContext, RuntimeAdapter } from './runtime-adapter.js';

/** An environment that answers when the test says so, so waits and scale-out are deterministic. */
class ManualEnvironment implements ExecutionEnvironment {
  alive = true;
  readonly pending: Array<(result: InvokeResult) => void> = [];
  constructor(readonly id: number) {}
  invoke(_invocation: InvocationContext): Promise<InvokeResult> {
    return new Promise((resolve) => this.pending.push(resolve));
  }
  answer(): void {
    this.pending.shift()?.({ kind: 'success', payload: String(this.id) });
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
  const host = { onLog: () => {}, region: 'us-east-1', accountId: '123456789012', scratchDir: () => Promise.resolve('/tmp') };
  return new FunctionPool({ fn, adapter, host, maxConcurrency, maxEnvironments });
}

const flush = () => vi.advanceTimersByTimeAsync(0);
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
  await vi.advanceTimersByTimeAsync(SCALE_OUT_DELAY_MS - 1);
  expect(started).toHaveLength(1);
  await vi.advanceTimersByTimeAsync(1);
  expect(started).toHaveLength(2);
  started[1]?.answer();
  expect(await waiting).toEqual({ kind: 'success', payload: '2' });
  started[0]?.answer();
  expect(await slow).toEqual({ kind: 'success', payload: '1' });
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
