import type { FunctionCode, FunctionModel } from '../model/index.js';
import type { Location } from './diagnostics.js';
import { reportUnknownProperties, type PropertyRules } from './property-rules.js';
import { isIntrinsic } from './intrinsics.js';
import { PropertyReader } from './property-reader.js';
import { assetDirectory } from './read-asset.js';
import { readLayers, type LayerIndex } from './read-layers.js';
import { lambdaArn } from './resource-values.js';
import type { StackScope } from './stack-scope.js';
import type { CfnResource } from './parse-template.js';

/** Lambda's defaults. https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-function.html */
const DEFAULT_TIMEOUT_SECONDS = 3;
const DEFAULT_MEMORY_MB = 128;

const FUNCTION_PROPERTIES: PropertyRules = {
  read: ['Code', 'Handler', 'Runtime', 'FunctionName', 'Environment', 'Timeout', 'MemorySize', 'ReservedConcurrentExecutions', 'Architectures', 'PackageType', 'Layers'],
  // No effect on running the handler locally: permissions, networking, observability, deployment details.
  ignored: [
    'Role', 'Description', 'Tags', 'VpcConfig', 'TracingConfig', 'LoggingConfig', 'KmsKeyArn', 'DeadLetterConfig', 'CodeSigningConfigArn',
    'RuntimeManagementConfig', 'SnapStart', 'EphemeralStorage', 'RecursiveLoop', 'ImageConfig',
  ],
  unsupported: {
    FileSystemConfigs: 'EFS mounts are not available locally',
  },
};

/** Reads every `AWS::Lambda::Function` of a stack into a `FunctionModel`; functions whose code cannot be found are reported and left out. */
export function readFunctions(scope: StackScope, layers: LayerIndex = new Map()): FunctionModel[] {
  const functions: FunctionModel[] = [];
  for (const [logicalId, resource] of scope.resources()) {
    if (resource.Type === 'AWS::Serverless::Function') {
      scope.diagnostics.error('UNSUPPORTED_RESOURCE', { stackName: scope.stackName, logicalId }, 'AWS::Serverless::Function (SAM) is not supported; synthesize with AWS::Lambda::Function (e.g. `sam build` output is not read)');
      continue;
    }
    if (resource.Type !== 'AWS::Lambda::Function') continue;
    const fn = readFunction(scope, logicalId, resource, layers);
    if (fn) functions.push(fn);
  }
  return functions;
}

function readFunction(scope: StackScope, logicalId: string, resource: CfnResource, layerIndex: LayerIndex): FunctionModel | undefined {
  const reader = new PropertyReader(scope, logicalId, resource);
  reportUnknownProperties(scope, logicalId, resource.Properties ?? {}, FUNCTION_PROPERTIES);
  const code = readCode(scope, logicalId, resource);
  if (!code) return undefined;
  const runtime = reader.string('Runtime');
  const handler = reader.string('Handler');
  if (runtime === undefined || handler === undefined) {
    scope.diagnostics.error('INVALID_PROPERTY', reader.at(runtime === undefined ? 'Runtime' : 'Handler'), 'a zip-packaged function needs a Runtime and a Handler; the function cannot run');
    return undefined;
  }
  const functionName = scope.tryResolve({ Ref: logicalId }, reader.at('FunctionName'));
  if (typeof functionName !== 'string') return undefined;
  const reserved = reader.number('ReservedConcurrentExecutions');
  const layers = readLayers(scope, logicalId, resource.Properties?.Layers, layerIndex);
  return {
    ref: { stackName: scope.stackName, logicalId },
    arn: lambdaArn(scope.env, functionName),
    functionName,
    runtime,
    handler,
    code,
    environment: readEnvironment(reader),
    timeoutMs: 1000 * (reader.number('Timeout') ?? DEFAULT_TIMEOUT_SECONDS),
    memoryMb: reader.number('MemorySize') ?? DEFAULT_MEMORY_MB,
    ...(reserved !== undefined ? { reservedConcurrency: reserved } : {}),
    architecture: reader.stringList('Architectures')?.[0] === 'arm64' ? 'arm64' : 'x86_64',
    ...(layers !== undefined && layers.length > 0 && { layers }),
  };
}

/** Variables resolve one by one so that one unresolvable value does not hide the others. */
function readEnvironment(reader: PropertyReader): Record<string, string> {
  const raw = reader.resource.Properties?.Environment;
  if (raw === undefined || raw === null || typeof raw !== 'object') return {};
  // `Environment: { Fn::If: … }` has to be resolved whole before its variables can be seen.
  const environment = isIntrinsic(raw) ? reader.object('Environment') : (raw as Record<string, unknown>);
  let variables = environment?.Variables;
  if (variables !== null && typeof variables === 'object' && isIntrinsic(variables)) {
    variables = reader.scope.tryResolve(variables, reader.at('Environment.Variables'));
  }
  if (variables === null || typeof variables !== 'object') return {};
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(variables as Record<string, unknown>)) {
    const at = reader.at(`Environment.Variables.${name}`);
    const resolved = reader.scope.tryResolve(value, at);
    if (resolved === undefined) continue;
    const text = typeof resolved === 'string' ? resolved : JSON.stringify(resolved);
    if (text.includes('{{resolve:')) {
      // Dynamic references are resolved by CloudFormation at deploy time from SSM / Secrets Manager.
      reader.scope.diagnostics.warning('UNRESOLVED_VALUE', at, 'dynamic references ({{resolve:…}}) are not resolved locally; the handler sees the reference text');
    }
    out[name] = text;
  }
  return out;
}

/**
 * Where the function's code is: inline `ZipFile`, else its asset directory (`assetDirectory`). Anything
 * else cannot run locally.
 */
function readCode(scope: StackScope, logicalId: string, resource: CfnResource): FunctionCode | undefined {
  const at = (property: string): Location => ({ stackName: scope.stackName, logicalId, property });
  const code = (resource.Properties?.Code ?? {}) as Record<string, unknown>;
  if (resource.Properties?.PackageType === 'Image' || code.ImageUri !== undefined) {
    scope.diagnostics.error('FUNCTION_CODE_UNAVAILABLE', at('Code.ImageUri'), 'container image functions are not supported; the function cannot run');
    return undefined;
  }
  if (code.ZipFile !== undefined) {
    const source = scope.tryResolve(code.ZipFile, at('Code.ZipFile'));
    return typeof source === 'string' ? { kind: 'inline', source } : undefined;
  }
  const found = assetDirectory(scope, logicalId, resource, 'Code');
  if (found.kind === 'directory') return found;
  if (found.unresolved !== true) scope.diagnostics.error('FUNCTION_CODE_UNAVAILABLE', at('Code'), `${found.reason}; the function cannot run locally`);
  return undefined;
}
