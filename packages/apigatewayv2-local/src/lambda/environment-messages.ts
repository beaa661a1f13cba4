/**
 * Messages between the gateway (parent) and an execution environment (child process), whatever its runtime:
 * one JSON message per line on two extra file descriptors (see `process-channel.ts`). Types only: the Node.js runtime files import them too.
 *
 * One exception on the wire: a `result` is sent as `{"type":"result","requestId":"…"}` and then its payload's
 * JSON text verbatim on the next line (a JSON serializer never writes a raw line break). As a string field of
 * the message, the payload would be escaped by the child and unescaped by the gateway, which parses it once
 * more anyway: for a 12 kB result that took 41 µs instead of 12, for a hello result 2.1 µs instead of 1.5.
 */

/** Error fields as Lambda reports them (`errorType`, `errorMessage`, `trace`). */
export interface ErrorFields {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly trace: readonly string[];
}

/**
 * Parent → child. The parent may send an invocation while the previous one still runs: the child queues
 * it and starts it once it has sent the previous reply, so it never runs two at once, and the parent
 * knows that an invocation started when the reply before it arrived.
 */
export type ParentMessage =
  | {
      readonly type: 'invoke';
      readonly requestId: string;
      readonly event: unknown;
      readonly invokedFunctionArn: string;
      /** The function's timeout; the child's deadline (`getRemainingTimeInMillis`) counts from when it starts the invocation. */
      readonly timeoutMs: number;
    }
  /**
   * Take back a queued invocation: a child that has not started it drops it and answers `withdrawn`; one
   * that has started it (or cannot read messages while a handler runs) answers it as usual.
   */
  | { readonly type: 'withdraw'; readonly requestId: string };

/** Child → parent. */
export type ChildMessage =
  /** Init phase done: the handler is loaded and the environment takes invocations. */
  | { readonly type: 'ready' }
  /** Init phase failed (module not found, syntax error, missing export, error thrown at load); the child exits. */
  | ({ readonly type: 'init-error' } & ErrorFields)
  /** A queued invocation was dropped before it started, as the parent asked. */
  | { readonly type: 'withdrawn'; readonly requestId: string }
  /** The handler succeeded; `payload` is the JSON text of its result (on the wire, the line after the message). */
  | { readonly type: 'result'; readonly requestId: string; readonly payload: string }
  /** The handler threw, rejected or called back with an error. */
  | ({ readonly type: 'error'; readonly requestId: string } & ErrorFields)
  /** An uncaught exception or unhandled rejection; the child exits right after sending this. */
  | ({ readonly type: 'crash' } & ErrorFields);
