import { spawn } from 'node:child_process';
import type { FunctionModel } from '../model/index.js';
import { invokedFunctionArn } from './invoked-function-arn.js';
import { buildLambdaEnvironment } from './lambda-environment-variables.js';
import { jsonLinesChannel } from './process-channel.js';
import { INIT_TIMEOUT_MS, ProcessExecutionEnvironment, type SpawnedRuntime } from './process-execution-environment.js';
import type { EnvironmentStart, RuntimeHost } from './runtime-adapter.js';

/** How one runtime family starts its process, once the environment's variables are known. */
export type RuntimeLauncher = (launch: { readonly taskRoot: string; readonly env: Readonly<Record<string, string>> }) => SpawnedRuntime;

export interface ProcessEnvironmentStartOptions {
  readonly fn: FunctionModel;
  readonly host: RuntimeHost;
  /** The directory the process runs in (`LAMBDA_TASK_ROOT`). */
  readonly taskRoot: string;
  /** Variables the runtime family adds to Lambda's (e.g. `AWS_LAMBDA_RUNTIME_API`). */
  readonly runtimeVariables?: Readonly<Record<string, string>>;
  readonly launch: RuntimeLauncher;
  /** A stderr line by which the runtime announces it ran out of memory. */
  readonly outOfMemory?: RegExp;
  /** Whether invocations may be queued in the environment (see `ProcessEnvironmentOptions.canWithdraw`). */
  readonly canWithdraw: boolean;
  /** See `ProcessEnvironmentOptions.ownsProcessGroup`. */
  readonly ownsProcessGroup?: boolean;
  /** The init phase's limit (a process waiting for a debugger needs longer). @default INIT_TIMEOUT_MS */
  readonly initTimeoutMs?: number;
}

/**
 * What every process-based runtime does to start an environment: Lambda's variables for the function,
 * the runtime's own process, the invoked ARN, the host's log sink and Lambda's init timeout.
 */
export function startProcessEnvironment(options: ProcessEnvironmentStartOptions): Promise<EnvironmentStart> {
  const { fn, host, taskRoot } = options;
  const env = { ...buildLambdaEnvironment(fn, { region: host.region, taskRoot, hostEnvironment: process.env }), ...options.runtimeVariables };
  return ProcessExecutionEnvironment.start({
    fn,
    spawn: () => options.launch({ taskRoot, env }),
    invokedFunctionArn: invokedFunctionArn(fn, host),
    onLog: host.onLog,
    initTimeoutMs: options.initTimeoutMs ?? INIT_TIMEOUT_MS,
    outOfMemory: options.outOfMemory,
    canWithdraw: options.canWithdraw,
    ownsProcessGroup: options.ownsProcessGroup,
  });
}

/**
 * Starts `command args` in the task root with messages as JSON lines on fds 3 and 4 (`process-channel.ts`):
 * the function's code sees no IPC channel, as in Lambda, and its stdout and stderr stay its own output.
 */
export function spawnJsonLinesRuntime(command: string, args: readonly string[]): RuntimeLauncher {
  return ({ taskRoot, env }) => {
    const child = spawn(command, args, { cwd: taskRoot, env, stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'pipe'] });
    return { child, channel: jsonLinesChannel(child) };
  };
}
