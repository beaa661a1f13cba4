import type { ResourceRef } from './gateway-model.js';

/** Lambda functions the gateway runs: code, runtime, environment, layers and debuggers. */

/** A Lambda function the gateway can run locally. */
export interface FunctionModel {
  readonly ref: ResourceRef;
  /** The resolved ARN the template uses for it (`Fn::GetAtt Fn.Arn`). */
  readonly arn: string;
  /** `FunctionName`, or a CloudFormation-style generated name. */
  readonly functionName: string;
  /** e.g. `nodejs20.x`, `python3.12`, `provided.al2023`. */
  readonly runtime: string;
  /** e.g. `index.handler`. */
  readonly handler: string;
  readonly code: FunctionCode;
  /** Resolved environment variables; references to other resources become readable local values. */
  readonly environment: Readonly<Record<string, string>>;
  /**
   * Variables whose value was replaced by an override (`--env`, an env file), by name, with where the value
   * came from (e.g. `--env`, `env file env.json (Parameters)`). Undefined when none was.
   */
  readonly environmentOrigins?: Readonly<Record<string, string>>;
  /** Lambda default 3 s. */
  readonly timeoutMs: number;
  /** Lambda default 128 MB. */
  readonly memoryMb: number;
  /** `ReservedConcurrentExecutions`; undefined means unreserved. */
  readonly reservedConcurrency?: number;
  readonly architecture: 'x86_64' | 'arm64';
  /**
   * `Layers`, in the function's order (later layers win where files collide, as Lambda extracts them into
   * `/opt` in order). Undefined or empty when the function has none.
   */
  readonly layers?: readonly LayerModel[];
  /**
   * Set when the gateway runs the function under a debugger (`inspect` option): the Node.js inspector or
   * Python's debugpy on a port of its own, or why it cannot. Undefined: no debugger.
   */
  readonly debugger?: DebuggerModel;
}

/** How a function runs under a debugger (see `FunctionModel.debugger`). */
export type DebuggerModel =
  | {
      readonly kind: 'inspector' | 'debugpy';
      readonly host: string;
      readonly port: number;
      /** Whether the environment waits for a debugger to attach before it runs any code. */
      readonly waitForClient: boolean;
    }
  | { readonly kind: 'unavailable'; readonly reason: string };

/** A layer of a function: an asset directory of the assembly, or one that cannot be had locally (a published layer). */
export type LayerModel =
  | { readonly kind: 'directory'; readonly arn: string; readonly ref: ResourceRef; readonly path: string }
  | { readonly kind: 'unavailable'; readonly arn: string; readonly reason: string };

export type FunctionCode =
  | { readonly kind: 'directory'; readonly path: string }
  | { readonly kind: 'inline'; readonly source: string };
