import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION, readModelFiles, type ModelFiles, type ReadModelOptions } from '../template/read-gateway-model.js';
import type { GatewayModel } from '../model/index.js';
import { synthApp } from './synth-app.js';

/** Where the model comes from. */
export type ModelSource =
  | ModelFiles
  /**
   * A CDK app command (as in `cdk.json`), synthesized first; `cwd` is where it runs (default: the current
   * directory). The assembly goes to `outdir` (like `cdk synth --output`), or else to a new temporary
   * directory that is kept, since the model's asset paths point into it (`startGateway` removes its own).
   */
  | { readonly app: string; readonly context?: Record<string, string>; readonly cwd?: string; readonly outdir?: string };

/**
 * Reads a template, cloud assembly or CDK app into the typed gateway model. Input that cannot be read at
 * all (missing files, invalid JSON/YAML, a failing app) throws a `GatewayError`; everything inside the
 * templates that is unsupported or unresolvable becomes a diagnostic instead.
 */
export async function readGatewayModel(source: ModelSource, options: ReadModelOptions = {}): Promise<GatewayModel> {
  if (!('app' in source)) return readModelFiles(source, options);
  const directory = await synthApp(source.app, {
    context: source.context,
    cwd: source.cwd,
    outdir: source.outdir,
    accountId: options.accountId ?? DEFAULT_ACCOUNT_ID,
    region: options.region ?? DEFAULT_REGION,
  });
  return readModelFiles({ assembly: directory }, options);
}
