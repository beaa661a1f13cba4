import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GatewayError } from '../errors.js';
import type { GatewayModel } from '../model/index.js';
import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION, type ReadModelOptions } from '../template/index.js';
import { readGatewayModel } from './read-gateway-model.js';
import { synthApp } from './synth-app.js';
import type { StartGatewayOptions } from '../app/gateway.js';
import { isSynthesizableApp, synthInProcess } from './synth-in-process.js';
import type { WatchPlan } from './watch-sources.js';

/** Where `cdk synth` writes by default; used when no source is given. */
export const DEFAULT_ASSEMBLY = 'cdk.out';

/** Where the served model comes from, read once at start and again on every change in watch mode. */
export interface ModelSource {
  /** What the source is, for log lines: `'synthesizing'` an app or `'reading'` files. */
  readonly verb: 'synthesizing' | 'reading';
  /** Reads the model (an app command is synthesized again, into the same directory each time). */
  read(): Promise<GatewayModel>;
  /** What watch mode watches; undefined when the source cannot be read again (an `App` or `Stack` object). */
  readonly watchPlan?: WatchPlan;
}

/**
 * The source `options` name (at most one of assembly, template, app and stack, checked before), with its
 * temporary directories registered in `cleanUps`.
 */
export function modelSource(options: StartGatewayOptions, cleanUps: (() => Promise<void>)[]): ModelSource {
  const source = sourceOf(options, cleanUps);
  return { ...source, read: async () => requireApis(await source.read(), source.description) };
}

/** What a source is, for messages: `template ./api.json`, `assembly ./cdk.out`, `app "npx tsx bin/app.ts"`. */
interface DescribedSource extends ModelSource {
  readonly description: string;
}

/**
 * A model with at least one API: a source without one is a mistake (a wrong directory or stack, an app
 * that builds no API), not an empty gateway to serve. The message names the stacks that were read.
 */
function requireApis(model: GatewayModel, description: string): GatewayModel {
  if (model.apis.length > 0) return model;
  const stacks = (model.stacks ?? []).map((stack) => stack.stackName);
  throw new GatewayError(
    'NO_API',
    `no AWS::ApiGatewayV2::Api found in ${description}; ` +
      (stacks.length === 0 ? 'it holds no stacks' : `stacks read: ${stacks.join(', ')}`),
  );
}

function sourceOf(options: StartGatewayOptions, cleanUps: (() => Promise<void>)[]): DescribedSource {
  // Unset values fall back to the stacks' own account/region, then the reader's defaults.
  const environment = {
    ...(options.accountId !== undefined && { accountId: options.accountId }),
    ...(options.region !== undefined && { region: options.region }),
    ...(options.parameters !== undefined && { parameters: { ...options.parameters } }),
  };
  if (options.template !== undefined) {
    const template = path.resolve(options.template);
    return {
      description: `template ${options.template}`,
      verb: 'reading',
      read: () => readGatewayModel({ template }, environment),
      watchPlan: { root: path.dirname(template), include: [path.basename(template)] },
    };
  }
  const inProcess = options.stack !== undefined ? { stack: options.stack } : typeof options.app === 'object' ? { app: options.app } : undefined;
  if (inProcess !== undefined) {
    return {
      description: options.stack !== undefined ? `the app of stack ${options.stack.stackName}` : 'the app',
      verb: 'synthesizing',
      read: async () => {
        const assembly = synthInProcess(inProcess);
        if (assembly.temporary) cleanUps.push(() => rm(assembly.directory, { recursive: true, force: true }));
        return readGatewayModel({ assembly: assembly.directory }, environment);
      },
    };
  }
  if (typeof options.app === 'string') return appCommandSource(options.app, options, environment, cleanUps);
  const assembly = options.assembly ?? DEFAULT_ASSEMBLY;
  const directory = path.resolve(typeof assembly === 'string' ? assembly : assembly.directory);
  if (options.assembly === undefined && !existsSync(directory)) throw nothingToServe();
  return {
    description: `assembly ${typeof assembly === 'string' ? assembly : assembly.directory}`,
    verb: 'reading',
    read: () => readGatewayModel({ assembly: directory }, environment),
    // The CDK writes manifest.json last: one event per synthesis, once the templates are in place.
    watchPlan: { root: directory, include: ['manifest.json'] },
  };
}

/** An app command: synthesized into one temporary directory, again on every change in watch mode. */
function appCommandSource(
  command: string,
  options: StartGatewayOptions,
  environment: ReadModelOptions,
  cleanUps: (() => Promise<void>)[],
): DescribedSource {
  const projectDirectory = path.resolve(options.appDirectory ?? '.');
  // One directory for every synthesis: unchanged assets keep their folders, so unchanged functions stay warm.
  let outdir: Promise<string> | undefined;
  return {
    description: `app "${command}"`,
    verb: 'synthesizing',
    read: async () => {
      outdir ??= mkdtemp(path.join(tmpdir(), 'apigw-local-synth-')).then((directory) => {
        cleanUps.push(() => rm(directory, { recursive: true, force: true }));
        return directory;
      });
      const directory = await synthApp(command, {
        accountId: options.accountId ?? DEFAULT_ACCOUNT_ID,
        region: options.region ?? DEFAULT_REGION,
        cwd: projectDirectory,
        ...(options.context !== undefined && { context: options.context }),
        outdir: await outdir,
      });
      return readGatewayModel({ assembly: directory }, environment);
    },
    watchPlan: { root: projectDirectory, ...cdkWatchSettings(projectDirectory) },
  };
}

/**
 * No source given and no ./cdk.out: in a CDK project (a cdk.json here) the app command is the likely
 * source, so the message gives it to copy.
 */
function nothingToServe(): GatewayError {
  const advice = 'give an assembly directory, --template <file> or --app "<command>"';
  let app: unknown;
  try {
    app = existsSync('cdk.json') ? (JSON.parse(readFileSync('cdk.json', 'utf8')) as { app?: unknown }).app : undefined;
  } catch {
    // An unreadable cdk.json gets the general advice.
  }
  if (typeof app !== 'string') return new GatewayError('INVALID_OPTION', `nothing to serve: no ./${DEFAULT_ASSEMBLY} here; ${advice}`);
  return new GatewayError(
    'INVALID_OPTION',
    `nothing to serve: no ./${DEFAULT_ASSEMBLY} here, but a cdk.json: run apigw-local --app "${app.replace(/"/g, '\\"')}" ` +
      `(it synthesizes the app), or cdk synth first; or ${advice}`,
  );
}

/**
 * The `watch` section of the project's cdk.json (`include` / `exclude` globs), as `cdk watch` reads it.
 * https://docs.aws.amazon.com/cdk/v2/guide/ref-cli-cmd-watch.html
 */
function cdkWatchSettings(projectDirectory: string): Pick<WatchPlan, 'include' | 'exclude'> {
  const file = path.join(projectDirectory, 'cdk.json');
  if (!existsSync(file)) return {};
  let watch: unknown;
  try {
    watch = (JSON.parse(readFileSync(file, 'utf8')) as { watch?: unknown }).watch;
  } catch (error) {
    throw new GatewayError('INVALID_OPTION', `cannot read ${file}: ${(error as Error).message}`);
  }
  if (watch === undefined || watch === null || typeof watch !== 'object') return {};
  const globs = (value: unknown): string[] | undefined => {
    if (value === undefined) return undefined;
    const list = Array.isArray(value) ? (value as unknown[]) : [value];
    if (!list.every((item) => typeof item === 'string')) {
      throw new GatewayError('INVALID_OPTION', `${file}: watch.include and watch.exclude must be strings or lists of strings`);
    }
    return list;
  };
  const { include, exclude } = watch as { include?: unknown; exclude?: unknown };
  const included = globs(include);
  const excluded = globs(exclude);
  return { ...(included && { include: included }), ...(excluded && { exclude: excluded }) };
}

/** Whether `options.app` is usable (a command string or an `App`). */
export function isValidAppOption(app: StartGatewayOptions['app']): boolean {
  return app === undefined || typeof app === 'string' || isSynthesizableApp(app);
}
