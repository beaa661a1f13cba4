import type { FunctionModel } from '../model/index.js';
import type { InvokeRequest, InvokeResult } from './invoker.js';
import type { EnvironmentOutcome, EnvironmentStart, ExecutionEnvironment, RuntimeAdapter, RuntimeHost } from './runtime-adapter.js';

/**
 * About one cold start (starting a process and loading a handler takes 50 ms or more): an invocation
 * waits at least this long for a busy environment before another one starts for it, and only when the
 * work queued ahead of it would take longer than that (see `FunctionPool`).
 */
export const SCALE_OUT_DELAY_MS = 50;

/**
 * How much work a busy environment may hold queued behind its running invocation: as many invocations
 * as the function typically finishes in this time. The environment starts each right after the one
 * before, without a round trip to the gateway, which for quick functions is most of the cost; a slow
 * function (typically over half of this) gets no queue, so its invocations wait for whichever
 * environment is free first.
 */
export const ENVIRONMENT_QUEUE_MS = 10;

/** The most invocations one environment holds, running and queued, however quick the function. */
export const MAX_ENVIRONMENT_QUEUE = 16;

/** How many recent invocation durations the pool keeps to tell a function's typical duration. */
const DURATION_SAMPLES = 15;

/** How many durations the pool needs before it trusts their median. */
const MIN_DURATION_SAMPLES = 3;

/** Once the window is full, the median is recomputed every this many answers. */
const MEDIAN_EVERY = 4;

/** How often the pool looks again whether to start another environment while invocations wait. */
const SCALE_OUT_RECHECK_MS = 10;

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
 * The execution environments of one function. An invocation beyond `maxConcurrency` is throttled;
 * the others are served in arrival order.
 *
 * - An invocation goes to the most recently used idle (warm) environment. When none is idle, it may
 *   queue inside the least loaded environment, behind the running invocation, up to what the function
 *   typically finishes in `ENVIRONMENT_QUEUE_MS`; otherwise it waits in the pool.
 * - The first environment starts at once. Another starts, one at a time and up to `maxEnvironments`,
 *   when the oldest waiting invocation has waited `SCALE_OUT_DELAY_MS` and can expect to wait as long
 *   again: the waiting invocations would take that long (their number × the function's typical duration
 *   ÷ environments), or every environment is held by an invocation that has already run that long. So a
 *   burst of quick invocations shares one warm environment, as it would finish before a new one could
 *   start, while slow invocations each soon get their own, as in Lambda.
 * - An environment that timed out, crashed or failed to start is dropped; invocations queued in it that
 *   never started go back to the front of the line.
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html
 */
export class FunctionPool {
  private readonly idle: ExecutionEnvironment[] = [];
  private readonly environments = new Set<ExecutionEnvironment>();
  private readonly disposals = new Set<Promise<void>>();
  private readonly waiting: Waiter[] = [];
  /** Durations (ms) of recent invocations, from their start in an environment to their answer: a ring. */
  private readonly recentDurations = new Float64Array(DURATION_SAMPLES);
  private readonly sortedDurations = new Float64Array(DURATION_SAMPLES);
  private recorded = 0;
  /**
   * The function's typical duration, once there are enough recent ones: their median, so one slow
   * outlier (a GC pause, a stalled process) does not move it.
   */
  private typicalMs?: number;
  /** When each busy environment's running invocation started, as far as the pool knows. */
  private readonly runningSince = new Map<ExecutionEnvironment, number>();
  /** Environments that answered once: their first invocation runs cold code and is not a typical duration. */
  private readonly warm = new WeakSet<ExecutionEnvironment>();
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

  /** Hands waiting invocations to environments, and decides whether another environment should start. */
  private dispatch(): void {
    if (this.closed) return;
    while (this.waiting.length > 0) {
      const environment = this.idle.pop() ?? this.queueableEnvironment();
      if (environment === undefined) break;
      void this.run(environment, this.waiting.shift() as Waiter);
    }
    this.considerScaleOut();
  }

  /** The least loaded live environment that may take one more invocation into its queue (`ENVIRONMENT_QUEUE_MS`). */
  private queueableEnvironment(): ExecutionEnvironment | undefined {
    const typical = this.typicalMs;
    if (typical === undefined) return undefined;
    const depth = Math.min(MAX_ENVIRONMENT_QUEUE, Math.floor(ENVIRONMENT_QUEUE_MS / Math.max(typical, 1e-3)));
    let best: ExecutionEnvironment | undefined;
    for (const environment of this.environments) {
      if (environment.acceptsQueued && environment.load < depth && (best === undefined || environment.load < best.load)) best = environment;
    }
    return best;
  }

  private considerScaleOut(): void {
    const oldest = this.waiting[0];
    if (oldest === undefined || this.starting > 0 || this.environments.size >= this.options.maxEnvironments) return;
    if (this.environments.size === 0) {
      void this.startEnvironment();
      return;
    }
    const now = Date.now();
    const waitedMs = now - oldest.since;
    if (waitedMs >= SCALE_OUT_DELAY_MS && this.expectedBacklogMs(now) >= SCALE_OUT_DELAY_MS) {
      void this.startEnvironment();
    } else if (this.scaleOutTimer === undefined) {
      this.scaleOutTimer = setTimeout(() => {
        this.scaleOutTimer = undefined;
        this.dispatch();
      }, waitedMs < SCALE_OUT_DELAY_MS ? SCALE_OUT_DELAY_MS - waitedMs : SCALE_OUT_RECHECK_MS);
    }
  }

  /**
   * How long the oldest waiting invocation can still expect to wait: at least what the waiting ones
   * typically take on the current environments, and, when every environment is stuck on an invocation
   * that has already run long, that long again. (Before the typical duration is known only the second
   * counts: a first invocation runs cold code and says little about the next ones.)
   */
  private expectedBacklogMs(now: number): number {
    const typical = this.typicalMs;
    const queued = typical === undefined ? 0 : (this.waiting.length * typical) / this.environments.size;
    let shortestRunning = Infinity;
    for (const environment of this.environments) {
      const since = this.runningSince.get(environment);
      shortestRunning = Math.min(shortestRunning, since === undefined ? 0 : now - since);
    }
    return Math.max(queued, shortestRunning === Infinity ? 0 : shortestRunning);
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
    if (environment.load === 0) this.runningSince.set(environment, Date.now());
    let outcome: EnvironmentOutcome;
    try {
      outcome = await environment.invoke({ request: waiter.request, timeoutMs: this.options.fn.timeoutMs });
    } catch (error) {
      outcome = { kind: 'runtime-error', errorType: 'Runtime.ExitError', errorMessage: `The environment failed: ${String(error)}` };
    }
    // An environment answers in order and starts each invocation as the one before it ends, so the
    // previous answer (or the hand-over, for an idle environment) is when this invocation started.
    const now = Date.now();
    const startedAt = this.runningSince.get(environment);
    if (outcome.kind !== 'not-started' && startedAt !== undefined) {
      if (this.warm.has(environment)) this.recordDuration(now - startedAt);
      else this.warm.add(environment);
    }
    if (environment.load > 0) this.runningSince.set(environment, now);
    else this.runningSince.delete(environment);
    if (!environment.alive) {
      if (this.environments.has(environment)) void this.drop(environment);
    } else if (environment.load === 0 && !this.closed) {
      this.idle.push(environment);
    }
    if (outcome.kind !== 'not-started') waiter.resolve(outcome);
    else if (this.closed) waiter.resolve(CLOSED_RESULT);
    else this.waiting.unshift(waiter);
    this.dispatch();
  }

  private recordDuration(ms: number): void {
    this.recentDurations[this.recorded % DURATION_SAMPLES] = ms;
    this.recorded += 1;
    const count = Math.min(this.recorded, DURATION_SAMPLES);
    // The median moves slowly: under load it is enough to look again every few answers.
    if (count < MIN_DURATION_SAMPLES || (count === DURATION_SAMPLES && this.recorded % MEDIAN_EVERY !== 0)) return;
    const full = count === DURATION_SAMPLES;
    const sorted = full ? this.sortedDurations : this.sortedDurations.subarray(0, count);
    sorted.set(full ? this.recentDurations : this.recentDurations.subarray(0, count));
    sorted.sort();
    this.typicalMs = sorted[count >> 1];
  }

  private drop(environment: ExecutionEnvironment): Promise<void> {
    this.environments.delete(environment);
    this.runningSince.delete(environment);
    const index = this.idle.indexOf(environment);
    if (index >= 0) this.idle.splice(index, 1);
    const disposal = environment.dispose();
    this.disposals.add(disposal);
    void disposal.finally(() => this.disposals.delete(disposal));
    return disposal;
  }
}
