import type { FunctionModel } from '../model/index.js';
import type { CodeProblem } from './function-code.js';
import type { FunctionLogLine } from './function-log-line.js';
import type { InvokeRequest, InvokeResult } from './invoker.js';

/** Whether the local gateway can run a function, and if not, why (shown as a start-up warning). */
export type CanRunResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** What a runtime adapter needs from the invoker that owns it. */
export interface RuntimeHost {
  /** Where handler output goes, already tagged with the function. */
  readonly onLog: (line: FunctionLogLine) => void;
  /** Where the gateway's own hints about a function go (e.g. a module its handler imports is missing). */
  readonly onNotice: (message: string) => void;
  readonly region: string;
  readonly accountId: string;
  /** A directory the adapter may write to (inline code, generated files); removed by `close()`. */
  scratchDir(): Promise<string>;
}

/**
 * One runtime family (`nodejs` now; `python` and `provided` later). The pool around it decides when an
 * environment starts, is reused or is replaced; the adapter only knows how to start one.
 */
export interface RuntimeAdapter {
  /** e.g. `nodejs`: used in messages. */
  readonly family: string;
  /** True for the `Runtime` values this adapter runs, e.g. `nodejs20.x`. */
  supports(runtime: string): boolean;
  /**
   * What keeps the function from starting, known without starting it (malformed handler, missing code
   * directory or handler file, no interpreter): reported by `canRun` at start-up and, as a runtime error,
   * to invocations instead of starting an environment.
   */
  findProblem(fn: FunctionModel): CodeProblem | undefined;
  /**
   * Starts one execution environment and runs the function's init phase (loads the handler); called only
   * when `findProblem` found none. An init failure is the result of the invocation that needed it.
   */
  startEnvironment(fn: FunctionModel, host: RuntimeHost): Promise<EnvironmentStart>;
}

export type EnvironmentStart =
  | { readonly ok: true; readonly environment: ExecutionEnvironment }
  | { readonly ok: false; readonly result: InvokeResult };

/** The per-invocation facts an environment needs besides the request. */
export interface InvocationContext {
  readonly request: InvokeRequest;
  /** The function's timeout, counted from when the environment starts this invocation. */
  readonly timeoutMs: number;
}

/**
 * The answer to an invocation queued behind another in an environment that ended (crash, timeout,
 * dispose) before starting it: the function never saw it, so the pool gives it to another environment.
 */
export const NOT_STARTED = { kind: 'not-started' } as const;

/** What an environment answers: the invocation's result, or `NOT_STARTED`. */
export type EnvironmentOutcome = InvokeResult | typeof NOT_STARTED;

/**
 * One isolated execution environment: one function, one invocation at a time, module state kept
 * between invocations. It accepts further invocations while one runs and starts each when the one
 * before it has finished, so the next is already there when a quick one ends. It enforces each
 * invocation's timeout from that invocation's start: a timed-out environment reports `timeout` and
 * ends itself.
 */
export interface ExecutionEnvironment {
  /** False once the environment died or was disposed; it is then never reused. */
  readonly alive: boolean;
  /** Invocations accepted and not yet answered: the running one and those queued behind it. */
  readonly load: number;
  /**
   * Whether the environment takes invocations to queue behind a running one now: not once the running
   * one has proved slow and the queued ones were taken back (they come back as `NOT_STARTED`).
   */
  readonly acceptsQueued: boolean;
  invoke(invocation: InvocationContext): Promise<EnvironmentOutcome>;
  /** Stops the environment; resolves once it is gone. Safe to call more than once. */
  dispose(): Promise<void>;
}
