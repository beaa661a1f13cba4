/**
 * Messages between the gateway (parent) and an execution environment (child process), whatever its runtime:
 * Node.js environments exchange them over the `child_process` IPC channel, others as JSON lines on extra
 * file descriptors (see `process-channel.ts`). Types only: the Node.js runtime files import them too.
 */

/** Error fields as Lambda reports them (`errorType`, `errorMessage`, `trace`). */
export interface ErrorFields {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly trace: readonly string[];
}

/** Parent → child. */
export type ParentMessage = {
  readonly type: 'invoke';
  readonly requestId: string;
  readonly event: unknown;
  readonly invokedFunctionArn: string;
  /** Epoch ms at which the function's timeout elapses. */
  readonly deadlineMs: number;
};

/** Child → parent. */
export type ChildMessage =
  /** Init phase done: the handler is loaded and the environment takes invocations. */
  | { readonly type: 'ready' }
  /** Init phase failed (module not found, syntax error, missing export, error thrown at load); the child exits. */
  | ({ readonly type: 'init-error' } & ErrorFields)
  /** The handler succeeded; `payload` is the JSON text of its result. */
  | { readonly type: 'result'; readonly requestId: string; readonly payload: string }
  /** The handler threw, rejected or called back with an error. */
  | ({ readonly type: 'error'; readonly requestId: string } & ErrorFields)
  /** An uncaught exception or unhandled rejection; the child exits right after sending this. */
  | ({ readonly type: 'crash' } & ErrorFields);
