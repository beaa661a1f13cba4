import { realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GatewayError } from '../errors.js';
import { CDK_VALIDATION_VARIABLE, cdkValidationSetting } from './synth-app.js';
import type { StackInApp, SynthesizableApp } from '../app/gateway.js';

/**
 * The name prefix of the temporary directory aws-cdk-lib's `App` writes to when it was given no `outdir`
 * (and no `CDK_OUTDIR`): `mkdtemp(<realpath of os.tmpdir()>/cdk.out)`. Such an assembly is the gateway's
 * to remove on close; an `outdir` the caller chose is left alone.
 * https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.AppProps.html#outdir
 */
const CDK_TEMPORARY_OUTDIR_PREFIX = 'cdk.out';

/** A cloud assembly synthesized in this process, and whether its directory is a temporary one. */
export interface InProcessAssembly {
  readonly directory: string;
  readonly temporary: boolean;
}

/** Synthesizes a CDK `App`, or the `App` a `Stack` belongs to, in this process (`app.synth()`): no CDK CLI. */
export function synthInProcess(source: { readonly app: SynthesizableApp } | { readonly stack: StackInApp }): InProcessAssembly {
  const app = 'app' in source ? source.app : appOf(source.stack);
  const directory = withCdkValidationSetting(() => app.synth().directory);
  const parent = path.dirname(path.resolve(directory));
  const temporary = parent === realpathSync(tmpdir()) && path.basename(directory).startsWith(CDK_TEMPORARY_OUTDIR_PREFIX);
  return { directory, temporary };
}

/**
 * Runs `synth` with `CDK_VALIDATION` as the gateway's syntheses use it (`cdkValidationSetting`): aws-cdk-lib
 * reads the variable while it synthesizes, and synthesis is synchronous, so it is set for exactly that call.
 */
function withCdkValidationSetting<T>(synth: () => T): T {
  const before = process.env[CDK_VALIDATION_VARIABLE];
  process.env[CDK_VALIDATION_VARIABLE] = cdkValidationSetting();
  try {
    return synth();
  } finally {
    if (before === undefined) delete process.env[CDK_VALIDATION_VARIABLE];
    else process.env[CDK_VALIDATION_VARIABLE] = before;
  }
}

/** The root of the stack's construct tree, which must be an `App` (anything with `synth()` and `outdir`). */
function appOf(stack: StackInApp): SynthesizableApp {
  const root = stack.node.root;
  if (isSynthesizableApp(root)) return root;
  throw new GatewayError(
    'INVALID_OPTION',
    `stack ${stack.stackName} is not in an App (the root of its construct tree has no synth()); create it with new Stack(app, ...)`,
  );
}

export function isSynthesizableApp(value: unknown): value is SynthesizableApp {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { synth?: unknown }).synth === 'function' &&
    typeof (value as { outdir?: unknown }).outdir === 'string'
  );
}
