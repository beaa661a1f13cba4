import type { FunctionModel } from '../model/index.js';

/**
 * How the gateway runs a function. One interface for every runtime (Node.js now; Python and custom
 * runtimes later), so the HTTP and WebSocket cores never know how a function is executed.
 */
export interface Invoker {
  invoke(fn: FunctionModel, request: InvokeRequest): Promise<InvokeResult>;
  /** Stops every execution environment and frees its resources. */
  close(): Promise<void>;
}

export interface InvokeRequest {
  /** The event, JSON-serializable. */
  readonly event: unknown;
  /** The Lambda request id (`context.awsRequestId`). */
  readonly requestId: string;
}

/** The outcome of one invocation, as Lambda's Invoke API would report it. */
export type InvokeResult =
  /** The handler returned; `payload` is the JSON text of its result (`undefined` → `null`). */
  | { readonly kind: 'success'; readonly payload: string }
  /** The handler threw or rejected (Lambda: `X-Amz-Function-Error: Unhandled`). */
  | { readonly kind: 'function-error'; readonly errorType: string; readonly errorMessage: string; readonly trace: readonly string[] }
  /** The function ran past its own timeout; its environment was replaced. */
  | { readonly kind: 'timeout'; readonly timeoutMs: number }
  /** The environment died (crash, `process.exit`, out of memory) or failed to start (bad handler, syntax error). */
  | { readonly kind: 'runtime-error'; readonly errorType: string; readonly errorMessage: string }
  /** Reserved or local concurrency exhausted (Lambda: 429 TooManyRequestsException). */
  | { readonly kind: 'throttled' };
