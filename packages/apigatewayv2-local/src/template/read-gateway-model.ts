import { DiagnosticCode, ErrorCode, GatewayError } from '../errors.js';
import type { GatewayModel, ModelEnvironment } from '../model/index.js';
import { DiagnosticSink } from './diagnostics.js';
import { loadAssembly, loadTemplateFile, type LoadedAssembly } from './load-assembly.js';
import { readApis } from './read-apis.js';
import { readFunctions } from './read-functions.js';
import { AssemblyScope } from './assembly-scope.js';
import { synthApp } from '../source/synth-app.js';

/** Where the model comes from. */
export type ModelSource =
  /** A cloud assembly directory (`cdk.out`) or a CloudAssembly-like object with its `directory`. */
  | { readonly assembly: string | { readonly directory: string } }
  /** One CloudFormation template file, JSON or YAML (short-form tags allowed). */
  | { readonly template: string }
  /**
   * A CDK app command (as in `cdk.json`), synthesized first; `cwd` is where it runs (default: the current
   * directory). The assembly goes to `outdir` (like `cdk synth --output`), or else to a new temporary
   * directory that is kept, since the model's asset paths point into it (`startGateway` removes its own).
   */
  | { readonly app: string; readonly context?: Record<string, string>; readonly cwd?: string; readonly outdir?: string };

export interface ReadModelOptions {
  /** `AWS::AccountId` and the account in ARNs. @default '123456789012' (or the stacks' concrete account) */
  readonly accountId?: string;
  /** `AWS::Region`. @default 'us-east-1' (or the stacks' concrete region) */
  readonly region?: string;
  /** Template parameter values; they win over `Default`s, for every stack that declares the parameter. */
  readonly parameters?: Record<string, string>;
}

export const DEFAULT_ACCOUNT_ID = '123456789012';
export const DEFAULT_REGION = 'us-east-1';

/**
 * Reads a template, cloud assembly or CDK app into the typed gateway model. Input that cannot be read at
 * all (missing files, invalid JSON/YAML, a failing app) throws a `GatewayError`; everything inside the
 * templates that is unsupported or unresolvable becomes a diagnostic instead.
 */
export async function readGatewayModel(source: ModelSource, options: ReadModelOptions = {}): Promise<GatewayModel> {
  const parameters = options.parameters ?? {};
  let loaded: LoadedAssembly;
  if ('assembly' in source) {
    loaded = loadAssembly(typeof source.assembly === 'string' ? source.assembly : source.assembly.directory, parameters);
  } else if ('template' in source) {
    loaded = { stacks: [loadTemplateFile(source.template, parameters)] };
  } else if ('app' in source) {
    const directory = await synthApp(source.app, {
      context: source.context,
      cwd: source.cwd,
      outdir: source.outdir,
      accountId: options.accountId ?? DEFAULT_ACCOUNT_ID,
      region: options.region ?? DEFAULT_REGION,
    });
    loaded = loadAssembly(directory, parameters);
  } else {
    throw new GatewayError(ErrorCode.TEMPLATE_INVALID, 'model source must have one of: assembly, template, app');
  }
  return buildModel(loaded, options);
}

function buildModel(loaded: LoadedAssembly, options: ReadModelOptions): GatewayModel {
  const region = options.region ?? loaded.region ?? DEFAULT_REGION;
  const environment: ModelEnvironment = {
    accountId: options.accountId ?? loaded.accountId ?? DEFAULT_ACCOUNT_ID,
    region,
    partition: region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws',
    urlSuffix: region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com',
  };
  const diagnostics = new DiagnosticSink();
  const assembly = new AssemblyScope(environment, diagnostics);
  for (const stack of loaded.stacks) assembly.addStack(stack);
  const scopes = assembly.allStacks();
  for (const scope of scopes) {
    if (scope.template.Transform !== undefined) {
      diagnostics.warning(DiagnosticCode.UNSUPPORTED_PROPERTY, { stackName: scope.stackName, logicalId: '(template)', property: 'Transform' }, 'template transforms (SAM, macros) are not expanded; resources they would create are missing');
    }
  }
  const functions = scopes.flatMap((scope) => readFunctions(scope));
  const { apis, domains } = readApis(scopes);
  const stacks = scopes.map((scope) => ({ stackName: scope.stackName, parameterNames: Object.keys(scope.template.Parameters ?? {}) }));
  return { apis, functions, diagnostics: diagnostics.list(), environment, domains, stacks };
}
