import { randomBytes } from 'node:crypto';
import type { FunctionModel } from '../model/index.js';

/** What the reserved variables are derived from besides the function itself. */
export interface LambdaEnvironmentOptions {
  readonly region: string;
  /** The code directory the environment runs in (`LAMBDA_TASK_ROOT`). */
  readonly taskRoot: string;
  /** The gateway's own environment; only `SAFE_INHERITED` keys are read from it. */
  readonly hostEnvironment: NodeJS.ProcessEnv;
  readonly now?: Date;
}

/**
 * Variables copied from the gateway's own environment: enough to find executables and keep the locale,
 * and nothing that could leak the developer's credentials or configuration into a function.
 */
const SAFE_INHERITED = ['PATH', 'LANG', 'SYSTEMROOT'] as const;

/**
 * The environment of one execution environment: Lambda's defaults, then the function's own variables,
 * then Lambda's reserved variables, which a function cannot override (Lambda rejects them at deploy).
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
 */
export function buildLambdaEnvironment(fn: FunctionModel, options: LambdaEnvironmentOptions): Record<string, string> {
  const inherited: Record<string, string> = {};
  for (const key of SAFE_INHERITED) {
    const value = options.hostEnvironment[key];
    if (value !== undefined) inherited[key] = value;
  }
  const logGroupName = `/aws/lambda/${fn.functionName}`;
  return {
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    ...inherited,
    ...fn.environment,
    _HANDLER: fn.handler,
    AWS_REGION: options.region,
    AWS_DEFAULT_REGION: options.region,
    // Not defined for OS-only runtimes (the provided family).
    ...(isOsOnlyRuntime(fn.runtime) ? {} : { AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}` }),
    AWS_LAMBDA_FUNCTION_NAME: fn.functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: logGroupName,
    AWS_LAMBDA_LOG_STREAM_NAME: logStreamName(options.now ?? new Date()),
    LAMBDA_TASK_ROOT: options.taskRoot,
  };
}

/** The `provided` family: the function brings its own runtime (`bootstrap`). */
export function isOsOnlyRuntime(runtime: string): boolean {
  return runtime === 'provided' || runtime.startsWith('provided.');
}

/** Lambda's stream name for one environment: `YYYY/MM/DD/[$LATEST]` and 32 hex digits. */
function logStreamName(now: Date): string {
  const day = now.toISOString().slice(0, 10).replaceAll('-', '/');
  return `${day}/[$LATEST]${randomBytes(16).toString('hex')}`;
}
