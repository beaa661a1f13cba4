import type { ChildProcess } from 'node:child_process';
import type { FunctionModel } from '../model/index.js';
import type { ErrorFields, ParentMessage, ChildMessage } from './environment-messages.js';
import type { FunctionLogLine } from './function-log-line.js';
import type { InvokeResult } from './invoker.js';
import { forEachLine } from './node/runtime/line-splitter.js';
import type { ProcessChannel } from './process-channel.js';
import { InvocationTimers } from './invocation-timers.js';
import { checkResponseSize } from './response-size.js';
import { NOT_STARTED, type EnvironmentOutcome, type EnvironmentStart, type ExecutionEnvironment, type InvocationContext } from './runtime-adapter.js';

/**
 * Lambda's Init phase limit for on-demand functions (10 s).
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html#runtimes-lifecycle-ib
 */
export const INIT_TIMEOUT_MS = 10_000;

export { MAX_RESPONSE_BYTES, responseSizeError } from './response-size.js';

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
  /**
   * The runtime reads messages while a handler runs, so invocations queued in it can be taken back
   * (`withdraw`). Without that, none are queued in it: one could wait behind a slow one for its whole run.
   */
  readonly canWithdraw: boolean;
  /**
   * The process leads its own process group (spawned `detached`), and the environment's end kills the whole
   * group: whatever a bootstrap started (a shell script's `sleep`, a server) ends with it, as a reset
   * Lambda environment does.
   */
  readonly ownsProcessGroup?: boolean;
}

interface Pending {
  readonly requestId: string;
  readonly timeoutMs: number;
  readonly resolve: (outcome: EnvironmentOutcome) => void;
}

/**
 * One execution environment that is a child process speaking `environment-messages.ts`: it reports `ready`
 * (or an init error) once, then answers invocations one at a time, in the order they were sent. Its
 * stdout and stderr lines go to `onLog`.
 */
export class ProcessExecutionEnvironment implements ExecutionEnvironment {
  /** Starts the child and waits for its init phase; an init failure or timeout becomes the start's result. */
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
  /** Invocations sent and not answered; the first is running, the others wait in the child behind it. */
  private readonly queue: Pending[] = [];
  /** When the running invocation started. */
  private runningSince = 0;
  /** The running invocation's timeout and patience: two timers for the environment, none per invocation. */
  private readonly timers: InvocationTimers;
  /** The queued invocations were asked back; no more are queued until the running one ends. */
  private withdrawing = false;
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
    this.timers = new InvocationTimers({
      running: () => (this.alive ? this.queue[0] : undefined),
      runningSince: () => this.runningSince,
      waiting: () => this.queue.length - 1,
      onTimeout: (running) => void this.timeOut(running as Pending),
      onImpatient: () => this.withdrawQueued(),
    });
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
      this.killGroup();
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

  get load(): number {
    return this.queue.length;
  }

  get acceptsQueued(): boolean {
    return this.options.canWithdraw && this.alive && !this.withdrawing;
  }

  invoke({ request, timeoutMs }: InvocationContext): Promise<EnvironmentOutcome> {
    if (!this.alive) return Promise.resolve(NOT_STARTED);
    return new Promise((resolve) => {
      const message: ParentMessage = {
        type: 'invoke',
        requestId: request.requestId,
        event: request.event,
        invokedFunctionArn: this.options.invokedFunctionArn,
        timeoutMs,
      };
      try {
        this.channel.send(message);
      } catch (error) {
        resolve({ kind: 'runtime-error', errorType: 'InvalidRequestContentException', errorMessage: `The event cannot be serialized: ${String(error)}` });
        return;
      }
      this.queue.push({ requestId: request.requestId, timeoutMs, resolve });
      if (this.queue.length === 1) this.startRunning();
      else this.timers.armPatience();
    });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    if (!this.exited) this.child.kill('SIGKILL');
    this.killGroup();
    await this.closed;
  }

  /** Ends what is left of the process's group, when it has one of its own. */
  private killGroup(): void {
    if (this.options.ownsProcessGroup !== true || this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, 'SIGKILL');
    } catch {
      // The group is gone already.
    }
  }

  private onMessage(message: ChildMessage): void {
    switch (message.type) {
      case 'ready':
        this.finishStart({ ok: true, environment: this });
        return;
      case 'init-error':
        this.failure = message;
        this.finishStart({ ok: false, result: { kind: 'runtime-error', errorType: message.errorType, errorMessage: message.errorMessage } });
        // The runtime should exit after reporting it (custom runtimes may not): the environment is reset.
        setTimeout(() => void this.dispose(), EXIT_GRACE_MS).unref();
        return;
      case 'crash':
        this.failure = message;
        this.endQueue({ kind: 'runtime-error', errorType: message.errorType, errorMessage: message.errorMessage });
        return;
      case 'withdrawn': {
        const index = this.queue.findIndex((queued, position) => position > 0 && queued.requestId === message.requestId);
        if (index > 0) this.queue.splice(index, 1)[0]?.resolve(NOT_STARTED);
        return;
      }
      case 'result':
        this.finishRunning(message.requestId, checkResponseSize(message.payload));
        return;
      case 'error':
        this.finishRunning(message.requestId, { kind: 'function-error', errorType: message.errorType, errorMessage: message.errorMessage, trace: message.trace });
        return;
    }
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.reported) return;
    this.reported = true;
    this.exited = true;
    this.markClosed?.();
    const requestId = this.queue[0]?.requestId;
    const result = this.failure !== undefined
      ? ({ kind: 'runtime-error', errorType: this.failure.errorType, errorMessage: this.failure.errorMessage } as const)
      : this.exitResult(requestId, code, signal);
    this.finishStart({ ok: false, result });
    this.endQueue(result);
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

  /** The running invocation answered: settle it and start the clock of the one queued behind it. */
  private finishRunning(requestId: string, result: InvokeResult): void {
    const running = this.queue[0];
    if (running?.requestId !== requestId) return;
    this.withdrawing = false;
    this.queue.shift();
    running.resolve(result);
    if (this.queue.length > 0) this.startRunning();
  }

  /** The environment ended: the running invocation gets `result`, the queued ones were never started. */
  private endQueue(result: InvokeResult): void {
    this.timers.clear();
    const [running, ...queued] = this.queue.splice(0);
    running?.resolve(result);
    for (const invocation of queued) invocation.resolve(NOT_STARTED);
  }

  /** The first queued invocation starts now (the runtime starts it as it answers the one before). */
  private startRunning(): void {
    const running = this.queue[0];
    if (running === undefined) return;
    this.runningSince = Date.now();
    this.timers.armTimeout(this.runningSince + running.timeoutMs);
    if (this.queue.length > 1) this.timers.armPatience();
  }

  /** The running invocation proved slow: ask back the ones queued behind it (they come back `withdrawn`). */
  private withdrawQueued(): void {
    if (this.withdrawing) return;
    this.withdrawing = true;
    for (const queued of this.queue.slice(1)) this.channel.send({ type: 'withdraw', requestId: queued.requestId });
  }

  /**
   * Lambda stops a timed-out invocation by resetting its environment; the next invocation starts cold.
   * The result waits for the kill, so no timed-out code still runs when the caller sees it.
   */
  private async timeOut(running: Pending): Promise<void> {
    if (this.queue[0] !== running) return;
    const { fn } = this.options;
    this.options.onLog({
      functionName: fn.functionName,
      logicalId: fn.ref.logicalId,
      stream: 'stderr',
      line: `${new Date().toISOString()} ${running.requestId} Task timed out after ${(running.timeoutMs / 1000).toFixed(2)} seconds`,
    });
    const [, ...queued] = this.queue.splice(0);
    for (const invocation of queued) invocation.resolve(NOT_STARTED);
    await this.dispose();
    running.resolve({ kind: 'timeout', timeoutMs: running.timeoutMs });
  }
}
