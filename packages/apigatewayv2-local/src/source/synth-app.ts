import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GatewayError } from '../errors.js';

export interface SynthAppOptions {
  /** Context values passed as `CDK_CONTEXT_JSON`, as `cdk --context k=v` does. */
  readonly context?: Readonly<Record<string, string>>;
  readonly accountId: string;
  readonly region: string;
  /** Where the app runs. @default process.cwd() */
  readonly cwd?: string;
  /** Where the assembly goes (created if missing, kept on failure). @default a new temporary directory, removed on failure */
  readonly outdir?: string;
}

/** Context values from a project file, or nothing when it is absent; a broken file is the CLI's error too. */
function projectContext(path: string, pick: (file: unknown) => unknown): Record<string, unknown> {
  if (!existsSync(path)) return {};
  let file: unknown;
  try {
    file = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new GatewayError('APP_SYNTH_FAILED', `cannot read ${path}: ${(error as Error).message}`);
  }
  const context = pick(file);
  return context !== null && typeof context === 'object' && !Array.isArray(context) ? (context as Record<string, unknown>) : {};
}

/**
 * The environment variable that turns aws-cdk-lib's built-in template validation on or off. That validation
 * checks templates against CloudFormation's rules at every synthesis, which costs seconds per synthesis
 * (most of it for a small app) and concerns a deployment, not a local run: the syntheses the gateway runs
 * set it to `false` unless the caller's environment sets it. `cdk synth` and `cdk deploy` still validate.
 */
export const CDK_VALIDATION_VARIABLE = 'CDK_VALIDATION';

/** `CDK_VALIDATION` for the syntheses the gateway runs: the caller's value, else `false`. */
export function cdkValidationSetting(environment: NodeJS.ProcessEnv = process.env): string {
  return environment[CDK_VALIDATION_VARIABLE] ?? 'false';
}

/** stderr kept for the error message; apps can be chatty. */
const MAX_STDERR_CHARS = 8_000;

/**
 * Runs a CDK app command the way the CDK CLI does (through a shell, with `CDK_OUTDIR` set to `outdir` or a
 * fresh temporary directory) and returns that directory, which then holds the cloud assembly. It is left
 * in place because the model points at its asset folders; a temporary one is removed when synthesis fails.
 * https://github.com/aws/aws-cdk-cli (the CLI's `exec` of the app: CDK_OUTDIR, CDK_CONTEXT_JSON, CDK_DEFAULT_*)
 */
export async function synthApp(command: string, options: SynthAppOptions): Promise<string> {
  if (options.outdir !== undefined) {
    mkdirSync(options.outdir, { recursive: true });
    return runApp(command, options, options.outdir);
  }
  const outdir = mkdtempSync(join(tmpdir(), 'apigw-local-synth-'));
  try {
    return await runApp(command, options, outdir);
  } catch (error) {
    rmSync(outdir, { recursive: true, force: true });
    throw error;
  }
}

async function runApp(command: string, options: SynthAppOptions, outdir: string): Promise<string> {
  const cwd = options.cwd ?? process.cwd();
  const context = {
    // What the CDK CLI adds: asset metadata lets the reader find Lambda code without the asset manifest.
    'aws:cdk:enable-asset-metadata': true,
    'aws:cdk:enable-path-metadata': true,
    // Then the project's context, as the CLI merges it (cdk.context.json, then cdk.json), then the caller's.
    ...projectContext(join(cwd, 'cdk.context.json'), (file) => file),
    ...projectContext(join(cwd, 'cdk.json'), (file) => (file as { context?: unknown }).context),
    ...options.context,
  };
  const child = spawn(command, {
    shell: true,
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      CDK_OUTDIR: outdir,
      CDK_CONTEXT_JSON: JSON.stringify(context),
      CDK_DEFAULT_ACCOUNT: options.accountId,
      CDK_DEFAULT_REGION: options.region,
      [CDK_VALIDATION_VARIABLE]: cdkValidationSetting(),
    },
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-MAX_STDERR_CHARS);
  });
  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolvePromise, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolvePromise({ code, signal }));
  }).catch((error: unknown) => {
    throw new GatewayError('APP_SYNTH_FAILED', `cannot start the app command '${command}': ${(error as Error).message}`);
  });
  if (exit.code !== 0) {
    const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
    throw new GatewayError('APP_SYNTH_FAILED', `the app command '${command}' ${how}${stderr.trim() ? `:\n${stderr.trim()}` : ''}`);
  }
  if (!existsSync(join(outdir, 'manifest.json'))) {
    throw new GatewayError('APP_SYNTH_FAILED', `the app command '${command}' wrote no cloud assembly to CDK_OUTDIR (${outdir}); does it call app.synth()?`);
  }
  return outdir;
}
