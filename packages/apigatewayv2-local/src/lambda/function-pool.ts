import type { FunctionModel } from '../model/index.js';
import type { InvokeRequest, InvokeResult } from './invoker.js';
import type { EnvironmentStart, ExecutionEnvironment, RuntimeAdapter, RuntimeHost } from './runtime-adapter.js';

/**
 * How long an invocation waits for a busy environment of its function before a new one is started for it:
 * about one cold start (starting a process and loading a handler takes 50 ms or more), so waiting for a
 * warm environment is rarely slower than starting one. A burst of quick invocations (a benchmark, a page
 * loading ten resources) then shares one or two environments instead of a process per concurrent request,
 * even on a busy machine where the scheduler stalls processes for tens of milliseconds.
 */
export const SCALE_OUT_DELAY_MS = 50;

export interface FunctionPoolOptions {
  readonly fn: FunctionModel;
  readonly adapter: RuntimeAdapter;
  readonly host: RuntimeHost;
  /**
   * How many invocations may be in flight (running or waiting) before further ones are throttled, as
   * Lambda throttles at reserved concurrency. `Infinity` for unreserved functions.
   */
  readonly maxConcurrency: number;
  /** How many environments (processes) may exist; further invocations wait for a free one. */
  readonly maxEnvironments: number;
}

/** The answer to invocations that arrive after, or are still waiting at, `close()`. */
export const CLOSED_RESULT: InvokeResult = {
  kind: 'runtime-error',
  errorType: 'Runtime.ExitError',
  errorMessage: 'The local invoker was closed',
};

interface Waiter {
  readonly request: InvokeRequest;
  /** `Date.now()` when it started waiting. */
  readonly since: number;
  readonly resolve: (result: InvokeResult) => void;
}

/**
 * The execution environments of one function. An invocation beyond `maxConcurrency` is throttled. Others
 * queue in arrival order and take the most recently used idle (warm) environment. The first environment
 * starts at once; another starts when the oldest invocation has waited `SCALE_OUT_DELAY_MS` with none
 * starting, up to `maxEnvironments`. An environment that timed out, crashed or failed to start is dropped,
 * so a later invocation gets a fresh one.
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html
 */
export class FunctionPool {
  private readonly idle: ExecutionEnvironment[] = [];
  private readonly environments = new Set<ExecutionEnvironment>();
  private readonly disposals = new Set<Promise<void>>();
  private readonly waiting: Waiter[] = [];
  private starting = 0;
  /** Invocations accepted and not yet answered (running or waiting). */
  private inFlight = 0;
  private scaleOutTimer?: NodeJS.Timeout;
  private closed = false;

  constructor(private readonly options: FunctionPoolOptions) {}

  invoke(request: InvokeRequest): Promise<InvokeResult> {
    if (this.closed) return Promise.resolve(CLOSED_RESULT);
    if (this.inFlight >= this.options.maxConcurrency) return Promise.resolve({ kind: 'throttled' });
    this.inFlight += 1;
    return new Promise((resolve) => {
      this.waiting.push({
        request,
        since: Date.now(),
        resolve: (result) => {
          this.inFlight -= 1;
          resolve(result);
        },
      });
      this.dispatch();
    });
  }

  /** Stops every environment (busy ones included) and answers waiting invocations. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.scaleOutTimer);
    for (const waiter of this.waiting.splice(0)) waiter.resolve(CLOSED_RESULT);
    this.idle.length = 0;
    for (const environment of [...this.environments]) void this.drop(environment);
    await Promise.all([...this.disposals]);
  }

  /** Gives idle environments to waiting invocations, and decides whether another environment should start. */
  private dispatch(): void {
    if (this.closed) return;
    for (let environment = this.idle.pop(); environment !== undefined; environment = this.idle.pop()) {
      const waiter = this.waiting.shift();
      if (waiter === undefined) {
        this.idle.push(environment);
        break;
      }
      void this.run(environment, waiter);
    }
    const oldest = this.waiting[0];
    if (oldest === undefined || this.starting > 0 || this.environments.size >= this.options.maxEnvironments) return;
    const waitedMs = Date.now() - oldest.since;
    if (this.environments.size === 0 || waitedMs >= SCALE_OUT_DELAY_MS) {
      void this.startEnvironment();
    } else if (this.scaleOutTimer === undefined) {
      this.scaleOutTimer = setTimeout(() => {
        this.scaleOutTimer = undefined;
        this.dispatch();
      }, SCALE_OUT_DELAY_MS - waitedMs);
    }
  }

  private async startEnvironment(): Promise<void> {
    const { fn, adapter, host } = this.options;
    this.starting += 1;
    const problem = adapter.findProblem(fn);
    const start: EnvironmentStart =
      problem === undefined ? await adapter.startEnvironment(fn, host) : { ok: false, result: { kind: 'runtime-error', ...problem } };
    this.starting -= 1;
    if (start.ok) {
      this.environments.add(start.environment);
      if (this.closed) {
        void this.drop(start.environment);
        return;
      }
      this.idle.push(start.environment);
    } else {
      // Lambda reports a failed init to the invocation that needed the environment.
      this.waiting.shift()?.resolve(start.result);
    }
    this.dispatch();
  }

  private async run(environment: ExecutionEnvironment, waiter: Waiter): Promise<void> {
    const { fn, host } = this.options;
    const { request } = waiter;
    const result = await invokeWithin(environment, { request, deadlineMs: Date.now() + fn.timeoutMs }, fn.timeoutMs);
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
      waiter.resolve({ kind: 'timeout', timeoutMs: fn.timeoutMs });
    } else {
      if (environment.alive && !this.closed) this.idle.push(environment);
      else void this.drop(environment);
      waiter.resolve(result);
    }
    this.dispatch();
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
