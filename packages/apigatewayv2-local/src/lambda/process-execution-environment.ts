import type { ChildProcess } from 'node:child_process';
import type { FunctionModel } from '../model/index.js';
import type { ErrorFields, ParentMessage, ChildMessage } from './environment-messages.js';
import type { FunctionLogLine } from './function-log-line.js';
import type { InvokeResult } from './invoker.js';
import { forEachLine } from './line-splitter.js';
import type { ProcessChannel } from './process-channel.js';
import type { EnvironmentStart, ExecutionEnvironment, InvocationContext } from './runtime-adapter.js';

/** Lambda's limit on a synchronous response (6 MB). https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html */
const MAX_RESPONSE_BYTES = 6 * 1024 * 1024;

/**
 * Lambda's Init phase limit for on-demand functions (10 s).
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html#runtimes-lifecycle-ib
 */
export const INIT_TIMEOUT_MS = 10_000;

/** How long to wait for a dead child's output to drain before reporting its end. */
const EXIT_GRACE_MS = 200;

/** A started runtime process and the channel to it. */
export interface SpawnedRuntime {
  readonly child: ChildProcess;
  readonly channel: ProcessChannel;
}

export interface ProcessEnvironmentOptions {
  readonly fn: FunctionModel;
  /** Starts the process (its cwd, environment and arguments are the adapter's business). */
  readonly spawn: () => SpawnedRuntime;
  /** `context.invokedFunctionArn`. */
  readonly invokedFunctionArn: string;
  readonly onLog: (line: FunctionLogLine) => void;
  /** How long the init phase (loading the handler) may take. */
  readonly initTimeoutMs: number;
  /** A stderr line by which the runtime announces it ran out of memory (reported as `Runtime.OutOfMemory`). */
  readonly outOfMemory?: RegExp;
}

interface Pending {
  readonly requestId: string;
  readonly resolve: (result: InvokeResult) => void;
}

/**
 * One execution environment that is a child process speaking `environment-messages.ts`: it reports `ready`
 * (or an init error) once, then answers one invocation at a time. Its stdout and stderr lines go to `onLog`.
 */
export class ProcessExecutionEnvironment implements ExecutionEnvironment {
  /** Forks the child and waits for its init phase; an init failure or timeout becomes the start's result. */
  static start(options: ProcessEnvironmentOptions): Promise<EnvironmentStart> {
    const environment = new ProcessExecutionEnvironment(options);
    return environment.ready;
  }

  private readonly child: ChildProcess;
  private readonly channel: ProcessChannel;
  private readonly closed: Promise<void>;
  private readonly ready: Promise<EnvironmentStart>;
  private settleStart?: (start: EnvironmentStart) => void;
  private markClosed?: () => void;
  private pending?: Pending;
  private failure?: ErrorFields;
  private exited = false;
  /** The end of the process was reported to the start or the pending invocation. */
  private reported = false;
  private disposed = false;
  /** The runtime announced it ran out of memory (`MemorySize`) before the process died. */
  private outOfMemory = false;

  private constructor(private readonly options: ProcessEnvironmentOptions) {
    const { fn } = options;
    ({ child: this.child, channel: this.channel } = options.spawn());
    const tag = { functionName: fn.functionName, logicalId: fn.ref.logicalId };
    if (this.child.stdout) forEachLine(this.child.stdout, (line) => options.onLog({ ...tag, stream: 'stdout', line }));
    if (this.child.stderr) {
      forEachLine(this.child.stderr, (line) => {
        if (options.outOfMemory?.test(line) === true) this.outOfMemory = true;
        options.onLog({ ...tag, stream: 'stderr', line });
      });
    }
    this.closed = new Promise((resolve) => {
      this.markClosed = resolve;
    });
    this.ready = new Promise<EnvironmentStart>((resolve) => {
      this.settleStart = resolve;
    });
    const initTimer = setTimeout(() => {
      this.finishStart({ ok: false, result: { kind: 'timeout', timeoutMs: options.initTimeoutMs } });
      void this.dispose();
    }, options.initTimeoutMs);
    void this.ready.then(() => clearTimeout(initTimer));
    this.channel.onMessage((message) => this.onMessage(message));
    this.child.once('exit', (code, signal) => {
      this.exited = true;
      // Report once the output is read too ('close'), so a last stderr line (V8's out-of-memory message)
      // counts; a grandchild holding the pipes open must not keep the environment from ending.
      const grace = setTimeout(() => {
        this.child.stdout?.destroy();
        this.child.stderr?.destroy();
        this.onExit(code, signal);
      }, EXIT_GRACE_MS);
      this.child.once('close', () => {
        clearTimeout(grace);
        this.onExit(code, signal);
      });
    });
    this.child.on('error', (error) => {
      // Spawn failures end the environment; later errors (a send racing the child's death) are followed by 'exit'.
      if (this.child.pid !== undefined) return;
      this.failure ??= { errorType: 'Runtime.ExitError', errorMessage: `Could not start the runtime: ${error.message}`, trace: [] };
      this.onExit(null, null);
    });
  }

  get alive(): boolean {
    return !this.exited && !this.disposed && this.failure === undefined;
  }

  invoke({ request, deadlineMs }: InvocationContext): Promise<InvokeResult> {
    if (!this.alive || this.pending !== undefined) {
      return Promise.resolve(this.exitResult(request.requestId, null, null));
    }
    return new Promise((resolve) => {
      const message: ParentMessage = {
        type: 'invoke',
        requestId: request.requestId,
        event: request.event,
        invokedFunctionArn: this.options.invokedFunctionArn,
        deadlineMs,
      };
      this.pending = { requestId: request.requestId, resolve };
      try {
        this.channel.send(message);
      } catch (error) {
        this.pending = undefined;
        resolve({ kind: 'runtime-error', errorType: 'InvalidRequestContentException', errorMessage: `The event cannot be serialized: ${String(error)}` });
      }
    });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    if (!this.exited) this.child.kill('SIGKILL');
    await this.closed;
  }

  private onMessage(message: ChildMessage): void {
    switch (message.type) {
      case 'ready':
        this.finishStart({ ok: true, environment: this });
        return;
      case 'init-error':
        this.failure = message;
        this.finishStart({ ok: false, result: { kind: 'runtime-error', errorType: message.errorType, errorMessage: message.errorMessage } });
        return;
      case 'crash':
        this.failure = message;
        this.finishPending({ kind: 'runtime-error', errorType: message.errorType, errorMessage: message.errorMessage });
        return;
      case 'result':
        if (this.pending?.requestId !== message.requestId) return;
        this.finishPending(checkResponseSize(message.payload));
        return;
      case 'error':
        if (this.pending?.requestId !== message.requestId) return;
        this.finishPending({ kind: 'function-error', errorType: message.errorType, errorMessage: message.errorMessage, trace: message.trace });
        return;
    }
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.reported) return;
    this.reported = true;
    this.exited = true;
    this.markClosed?.();
    const requestId = this.pending?.requestId;
    const result = this.failure !== undefined
      ? ({ kind: 'runtime-error', errorType: this.failure.errorType, errorMessage: this.failure.errorMessage } as const)
      : this.exitResult(requestId, code, signal);
    this.finishStart({ ok: false, result });
    this.finishPending(result);
  }

  /** Lambda's report when the runtime process ends without answering: `Runtime.ExitError`. */
  private exitResult(requestId: string | undefined, code: number | null, signal: NodeJS.Signals | null): InvokeResult {
    const how = signal !== null ? `signal: ${signal}` : code !== null ? `exit status ${code}` : 'the runtime is not running';
    const prefix = requestId !== undefined ? `RequestId: ${requestId} ` : '';
    const errorType = this.outOfMemory ? 'Runtime.OutOfMemory' : 'Runtime.ExitError';
    return { kind: 'runtime-error', errorType, errorMessage: `${prefix}Error: Runtime exited with error: ${how}` };
  }

  private finishStart(start: EnvironmentStart): void {
    const settle = this.settleStart;
    this.settleStart = undefined;
    settle?.(start);
  }

  private finishPending(result: InvokeResult): void {
    const pending = this.pending;
    this.pending = undefined;
    pending?.resolve(result);
  }
}

function checkResponseSize(payload: string): InvokeResult {
  if (payload.length > MAX_RESPONSE_BYTES / 4 && Buffer.byteLength(payload) > MAX_RESPONSE_BYTES) {
    return {
      kind: 'function-error',
      errorType: 'Function.ResponseSizeTooLarge',
      errorMessage: `Response payload size (${Buffer.byteLength(payload)} bytes) exceeds the ${MAX_RESPONSE_BYTES}-byte limit for synchronous invocations.`,
      trace: [],
    };
  }
  return { kind: 'success', payload };
}
