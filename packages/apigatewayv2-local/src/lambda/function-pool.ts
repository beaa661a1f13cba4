import type { FunctionModel } from '../model/index.js';
import type { InvokeRequest, InvokeResult } from './invoker.js';
import type { ExecutionEnvironment, RuntimeAdapter, RuntimeHost } from './runtime-adapter.js';

/** What happens to an invocation that finds every local environment busy (but is within its concurrency). */
export type OverflowPolicy = 'wait' | 'throttle';

export interface FunctionPoolOptions {
  readonly fn: FunctionModel;
  readonly adapter: RuntimeAdapter;
  readonly host: RuntimeHost;
  /**
   * How many invocations may be in flight (running or waiting) before further ones are throttled, as
   * Lambda throttles at reserved concurrency. `Infinity` for unreserved functions.
   */
  readonly maxConcurrency: number;
  /** How many environments (processes) may exist; invocations beyond that follow `overflow`. */
  readonly maxEnvironments: number;
  readonly overflow: OverflowPolicy;
}

/** The answer to invocations that arrive after, or are still waiting at, `close()`. */
export const CLOSED_RESULT: InvokeResult = {
  kind: 'runtime-error',
  errorType: 'Runtime.ExitError',
  errorMessage: 'The local invoker was closed',
};

/**
 * The execution environments of one function. An invocation beyond `maxConcurrency` is throttled;
 * otherwise it takes an idle (warm) environment, or starts a new one while fewer than `maxEnvironments`
 * run, or else waits for one (or is throttled, per `overflow`). An environment that timed
 * out, crashed or failed to start is dropped, so the next invocation gets a fresh one.
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html
 */
export class FunctionPool {
  private readonly idle: ExecutionEnvironment[] = [];
  private readonly environments = new Set<ExecutionEnvironment>();
  private readonly disposals = new Set<Promise<void>>();
  private readonly waiting: Array<(granted: boolean) => void> = [];
  /** Invocations holding an environment slot. */
  private active = 0;
  /** Invocations accepted and not yet answered (holding a slot or waiting for one). */
  private inFlight = 0;
  private closed = false;

  constructor(private readonly options: FunctionPoolOptions) {}

  async invoke(request: InvokeRequest): Promise<InvokeResult> {
    if (this.closed) return CLOSED_RESULT;
    if (this.inFlight >= this.options.maxConcurrency) return { kind: 'throttled' };
    this.inFlight += 1;
    try {
      const granted = this.active < this.options.maxEnvironments ? this.take() : await this.queue();
      if (!granted) return this.closed ? CLOSED_RESULT : { kind: 'throttled' };
      try {
        return await this.run(request);
      } finally {
        this.release();
      }
    } finally {
      this.inFlight -= 1;
    }
  }

  /** Stops every environment (busy ones included) and answers waiting invocations. */
  async close(): Promise<void> {
    this.closed = true;
    for (const wake of this.waiting.splice(0)) wake(false);
    this.idle.length = 0;
    for (const environment of [...this.environments]) void this.drop(environment);
    await Promise.all([...this.disposals]);
  }

  private take(): boolean {
    if (this.closed) return false;
    this.active += 1;
    return true;
  }

  private queue(): Promise<boolean> {
    if (this.closed || this.options.overflow === 'throttle') return Promise.resolve(false);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Hands the slot to the next waiting invocation, if any, so the count never overshoots. */
  private release(): void {
    const next = this.waiting.shift();
    if (next !== undefined) next(true);
    else this.active -= 1;
  }

  private async run(request: InvokeRequest): Promise<InvokeResult> {
    const { fn, adapter, host } = this.options;
    let environment = this.idle.pop();
    if (environment === undefined) {
      const problem = adapter.findProblem(fn);
      if (problem !== undefined) return { kind: 'runtime-error', ...problem };
      const start = await adapter.startEnvironment(fn, host);
      if (!start.ok) return start.result;
      environment = start.environment;
      this.environments.add(environment);
      if (this.closed) {
        void this.drop(environment);
        return CLOSED_RESULT;
      }
    }
    const deadlineMs = Date.now() + fn.timeoutMs;
    const result = await invokeWithin(environment, { request, deadlineMs }, fn.timeoutMs);
    if (result === undefined) {
      // Lambda stops a timed-out invocation by resetting its environment; the next one starts cold.
      host.onLog({
        functionName: fn.functionName,
        logicalId: fn.ref.logicalId,
        stream: 'stderr',
        line: `${new Date().toISOString()} ${request.requestId} Task timed out after ${(fn.timeoutMs / 1000).toFixed(2)} seconds`,
      });
      // Wait for the kill so no timed-out code still runs when the caller sees the result.
      await this.drop(environment);
      return { kind: 'timeout', timeoutMs: fn.timeoutMs };
    }
    if (environment.alive && !this.closed) this.idle.push(environment);
    else void this.drop(environment);
    return result;
  }

  private drop(environment: ExecutionEnvironment): Promise<void> {
    this.environments.delete(environment);
    const disposal = environment.dispose();
    this.disposals.add(disposal);
    void disposal.finally(() => this.disposals.delete(disposal));
    return disposal;
  }
}

/** The environment's result, or `undefined` once `timeoutMs` passed first. */
function invokeWithin(
  environment: ExecutionEnvironment,
  invocation: Parameters<ExecutionEnvironment['invoke']>[0],
  timeoutMs: number,
): Promise<InvokeResult | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), timeoutMs);
    const settle = (result: InvokeResult): void => {
      clearTimeout(timer);
      resolve(result);
    };
    environment.invoke(invocation).then(settle, (error: unknown) =>
      settle({ kind: 'runtime-error', errorType: 'Runtime.ExitError', errorMessage: `The environment failed: ${String(error)}` }),
    );
  });
}
