import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FunctionModel, ModelEnvironment } from '../model/index.js';
import { printFunctionLogLine, type FunctionLogLine } from './function-log-line.js';
import { CLOSED_RESULT, FunctionPool } from './function-pool.js';
import type { InvokeRequest, InvokeResult, Invoker } from './invoker.js';
import type { RuntimeHost } from './runtime-adapter.js';
import { createRuntimeAdapters, findRuntimeAdapter, unsupportedRuntimeReason } from './runtime-registry.js';

/**
 * How many environments an unreserved function may have at once locally. Lambda would scale much further
 * (to the account's concurrency), but each local environment is a Node.js process (about 40 MB), and more
 * processes than cores do not make a development machine faster.
 */
export const DEFAULT_MAX_ENVIRONMENTS_PER_FUNCTION = 4;

export interface LocalInvokerOptions {
  /**
   * Receives every line a function writes to stdout or stderr, tagged with the function.
   * @default each line printed as `[functionName] line` to the gateway's stdout or stderr
   */
  readonly onLog?: (line: FunctionLogLine) => void;
  /**
   * Receives the gateway's hints about running functions, e.g. what to do about a module a handler
   * imports that is missing (printed once per function and module).
   * @default each hint printed to stderr
   */
  readonly onNotice?: (message: string) => void;
  /**
   * The most execution environments (processes) one function gets; further concurrent invocations wait
   * for one. Environments start lazily: the first at once, each further one when an invocation has waited
   * `SCALE_OUT_DELAY_MS` for a busy one. Independently, invocations beyond a function's
   * `reservedConcurrency` are throttled.
   * @default DEFAULT_MAX_ENVIRONMENTS_PER_FUNCTION (4)
   */
  readonly maxEnvironmentsPerFunction?: number;
  /**
   * The account and region functions believe they run in (`AWS_REGION`, ARNs).
   * @default region `us-east-1`, account `123456789012`
   */
  readonly environment?: Pick<ModelEnvironment, 'region' | 'accountId'>;
}

/** The local invoker: an `Invoker` whose functions' environments can be replaced while it runs. */
export interface LocalInvoker extends Invoker {
  /**
   * Retires the environments of these functions (by ARN), e.g. after their code changed: the next
   * invocation of each starts a fresh environment with the function as then given, while invocations
   * already running or waiting finish in the old ones, which then stop. Resolves once they stopped.
   * The other functions' environments stay warm.
   */
  retire(arns: Iterable<string>): Promise<void>;
}

/**
 * Runs functions locally without Docker: each execution environment is a child process, started on the
 * first invocation that needs it and reused warm afterwards. See the runtime's README for what differs
 * from Lambda.
 */
export function createLocalInvoker(options: LocalInvokerOptions = {}): LocalInvoker {
  return new ProcessInvoker(options);
}

/** A function's pool and how many invocations it has not answered yet (so that a retired pool stops once idle). */
interface PoolEntry {
  readonly pool: FunctionPool;
  inFlight: number;
  /** Set when the pool is retired: called once `inFlight` reaches 0. */
  onIdle?: () => void;
}

class ProcessInvoker implements LocalInvoker {
  private readonly adapters = createRuntimeAdapters();
  private readonly pools = new Map<string, PoolEntry>();
  private readonly host: RuntimeHost;
  private readonly maxEnvironments: number;
  /** Retired pools still answering their last invocations. */
  private readonly retiring = new Set<PoolEntry>();
  private scratch?: Promise<string>;
  private closed = false;

  constructor(options: LocalInvokerOptions) {
    const max = options.maxEnvironmentsPerFunction ?? DEFAULT_MAX_ENVIRONMENTS_PER_FUNCTION;
    if (!Number.isInteger(max) || max < 1) {
      throw new RangeError(`maxEnvironmentsPerFunction must be a positive integer, got ${max}`);
    }
    this.maxEnvironments = max;
    this.host = {
      onLog: options.onLog ?? printFunctionLogLine,
      onNotice: options.onNotice ?? ((message) => process.stderr.write(`${message}\n`)),
      region: options.environment?.region ?? 'us-east-1',
      accountId: options.environment?.accountId ?? '123456789012',
      scratchDir: () => (this.scratch ??= mkdtemp(path.join(tmpdir(), 'apigw-local-lambda-'))),
    };
  }

  invoke(fn: FunctionModel, request: InvokeRequest): Promise<InvokeResult> {
    if (this.closed) return Promise.resolve(CLOSED_RESULT);
    const entry = this.pools.get(fn.arn) ?? this.createPool(fn);
    if (entry === undefined) {
      return Promise.resolve({ kind: 'runtime-error', errorType: 'InvalidRuntimeException', errorMessage: unsupportedRuntimeReason(this.adapters, fn.runtime) });
    }
    entry.inFlight += 1;
    // One reaction, not `finally` (which adds two promises per invocation); the pool never rejects.
    return entry.pool.invoke(request).then((result) => {
      entry.inFlight -= 1;
      if (entry.inFlight === 0) entry.onIdle?.();
      return result;
    });
  }

  async retire(arns: Iterable<string>): Promise<void> {
    const retiring: Promise<void>[] = [];
    for (const arn of arns) {
      const entry = this.pools.get(arn);
      if (entry === undefined) continue;
      this.pools.delete(arn);
      this.retiring.add(entry);
      retiring.push(
        new Promise<void>((resolve) => {
          entry.onIdle = resolve;
          if (entry.inFlight === 0) resolve();
        }).then(async () => {
          await entry.pool.close();
          this.retiring.delete(entry);
        }),
      );
    }
    await Promise.all(retiring);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.pools.values(), ...this.retiring].map((entry) => entry.pool.close()));
    this.pools.clear();
    this.retiring.clear();
    if (this.scratch !== undefined) {
      await rm(await this.scratch, { recursive: true, force: true });
      this.scratch = undefined;
    }
  }

  /** One pool per function ARN, made on its first invocation (environments start lazily too). */
  private createPool(fn: FunctionModel): PoolEntry | undefined {
    const adapter = findRuntimeAdapter(this.adapters, fn.runtime);
    if (adapter === undefined) return undefined;
    const pool = new FunctionPool({
      fn,
      adapter,
      host: this.host,
      maxConcurrency: fn.reservedConcurrency ?? Infinity,
      maxEnvironments: this.maxEnvironments,
    });
    const entry: PoolEntry = { pool, inFlight: 0 };
    this.pools.set(fn.arn, entry);
    return entry;
  }
}
