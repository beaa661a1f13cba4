import { GatewayError } from '../errors.js';
import type { GatewayModel, ModelEnvironment } from '../model/index.js';
import { DiagnosticSink } from './diagnostics.js';
import { loadAssembly, loadTemplateFile, type LoadedAssembly } from './load-assembly.js';
import { readApis } from './read-apis.js';
import { readFunctions } from './read-functions.js';
import { readPermissions } from './read-permissions.js';
import { indexLayers } from './read-layers.js';
import { AssemblyScope } from './assembly-scope.js';

/** Files a model is read from (a CDK app command is synthesized first: source/read-gateway-model.ts). */
export type ModelFiles =
  /** A cloud assembly directory (`cdk.out`) or a CloudAssembly-like object with its `directory`. */
  | { readonly assembly: string | { readonly directory: string } }
  /** One CloudFormation template file, JSON or YAML (short-form tags allowed). */
  | { readonly template: string };

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
 * Reads a template or cloud assembly into the typed gateway model. Input that cannot be read at all
 * (missing files, invalid JSON/YAML) throws a `GatewayError`; everything inside the templates that is
 * unsupported or unresolvable becomes a diagnostic instead.
 */
export function readModelFiles(source: ModelFiles, options: ReadModelOptions = {}): Promise<GatewayModel> {
  // A promise (a throw becomes a rejection), as readGatewayModel's, which may synthesize an app first.
  return new Promise((resolve) => resolve(readModelFilesNow(source, options)));
}

function readModelFilesNow(source: ModelFiles, options: ReadModelOptions): GatewayModel {
  const parameters = options.parameters ?? {};
  let loaded: LoadedAssembly;
  if ('assembly' in source) {
    loaded = loadAssembly(typeof source.assembly === 'string' ? source.assembly : source.assembly.directory, parameters);
  } else if ('template' in source) {
    loaded = { stacks: [loadTemplateFile(source.template, parameters)] };
  } else {
    throw new GatewayError('TEMPLATE_INVALID', 'model source must have one of: assembly, template, app');
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
      diagnostics.warning('UNSUPPORTED_PROPERTY', { stackName: scope.stackName, logicalId: '(template)', property: 'Transform' }, 'template transforms (SAM, macros) are not expanded; resources they would create are missing');
    }
  }
  const layers = indexLayers(scopes);
  const functions = scopes.flatMap((scope) => readFunctions(scope, layers));
  const { apis, domains, apiKeys } = readApis(scopes);
  const stacks = scopes.map((scope) => ({ stackName: scope.stackName, parameterNames: Object.keys(scope.template.Parameters ?? {}) }));
  const permissions = scopes.flatMap((scope) => readPermissions(scope));
  return { apis, functions, diagnostics: diagnostics.list(), environment, domains, ...(apiKeys.length > 0 && { apiKeys }), stacks, permissions };
}
