import { join } from 'node:path';
import { GatewayError } from '../errors.js';
import type { ModelEnvironment } from '../model/index.js';
import type { AssetLocator } from './asset-locator.js';
import type { AssemblyScope } from './assembly-scope.js';
import type { DiagnosticSink, Location } from './diagnostics.js';
import { NO_VALUE, resolveIntrinsics, UnresolvedValueError, type IntrinsicContext } from './intrinsics.js';
import { FOR_EACH_PREFIX, readTemplateFile, type CfnResource, type CfnTemplate } from './parse-template.js';
import { attributeValue, refValue, stackIdFor, type ResourceIdentity } from './resource-values.js';
import { generatedName } from './physical-ids.js';

/** One stack to read: its template and where its assets are. */
export interface StackSource {
  readonly stackName: string;
  readonly template: CfnTemplate;
  readonly assets: AssetLocator;
  /** Parameter values that win over template defaults (CLI `--parameter`, manifest parameters). */
  readonly parameters: Readonly<Record<string, unknown>>;
}

/** Legacy (CDK v1 / pre-bootstrap) asset parameters: `AssetParameters{hash}{S3Bucket|S3VersionKey|ArtifactHash}{suffix}`. */
const LEGACY_ASSET_PARAMETER = /^AssetParameters([0-9a-f]{64})(S3Bucket|S3VersionKey|ArtifactHash)[0-9A-Fa-f]{8}$/;

const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId',
  'AWS::Region',
  'AWS::Partition',
  'AWS::URLSuffix',
  'AWS::StackName',
  'AWS::StackId',
  'AWS::NoValue',
  'AWS::NotificationARNs',
]);

/**
 * One stack's view for intrinsic resolution: parameters, conditions, mappings, active resources and their
 * local physical ids. Nested stacks (`AWS::CloudFormation::Stack`) get scopes of their own.
 */
export class StackScope implements IntrinsicContext {
  readonly stackName: string;
  readonly template: CfnTemplate;
  readonly assets: AssetLocator;
  readonly env: ModelEnvironment;
  readonly region: string;
  private readonly conditionCache = new Map<string, boolean>();
  private readonly evaluating = new Set<string>();
  private readonly nested = new Map<string, StackScope | undefined>();
  private active?: Map<string, CfnResource>;

  constructor(
    private readonly source: StackSource,
    private readonly assembly: AssemblyScope,
  ) {
    this.stackName = source.stackName;
    this.template = source.template;
    this.assets = source.assets;
    this.env = assembly.env;
    this.region = assembly.env.region;
  }

  get diagnostics(): DiagnosticSink {
    return this.assembly.diagnostics;
  }

  /** Resources whose `Condition` holds, by logical id, in template order. */
  resources(): ReadonlyMap<string, CfnResource> {
    if (this.active) return this.active;
    const active = new Map<string, CfnResource>();
    this.active = active;
    for (const [logicalId, resource] of Object.entries(this.template.Resources ?? {})) {
      if (logicalId.startsWith(FOR_EACH_PREFIX)) {
        this.diagnostics.warning('UNSUPPORTED_RESOURCE', { stackName: this.stackName, logicalId }, 'Fn::ForEach loops (AWS::LanguageExtensions) are not expanded; the resources they would create are missing');
        continue;
      }
      if (resource.Condition === undefined || this.tryCondition(resource.Condition, { stackName: this.stackName, logicalId, property: 'Condition' })) {
        active.set(logicalId, resource);
      }
    }
    return active;
  }

  ref(name: string): unknown {
    if (PSEUDO_PARAMETERS.has(name)) return this.pseudo(name);
    const parameter = this.template.Parameters?.[name];
    if (parameter !== undefined) return this.parameterValue(name, parameter.Type, parameter.Default);
    const resource = this.resources().get(name);
    if (resource !== undefined) return refValue(this.identity(name, resource));
    if (this.template.Resources?.[name] !== undefined) {
      throw new UnresolvedValueError(`Ref to ${name}, which its Condition removed`);
    }
    throw new UnresolvedValueError(`Ref to ${name}, which is no parameter or resource of stack ${this.stackName}`);
  }

  getAtt(logicalId: string, attribute: string): unknown {
    const resource = this.resources().get(logicalId);
    if (resource === undefined) throw new UnresolvedValueError(`Fn::GetAtt of ${logicalId}, which is no resource of stack ${this.stackName}`);
    if (resource.Type === 'AWS::CloudFormation::Stack' && attribute.startsWith('Outputs.')) {
      const nested = this.nestedStack(logicalId);
      if (!nested) throw new UnresolvedValueError(`nested stack ${logicalId} could not be read`);
      return nested.output(attribute.slice('Outputs.'.length));
    }
    return attributeValue(this.identity(logicalId, resource), attribute);
  }

  condition(name: string): boolean {
    const cached = this.conditionCache.get(name);
    if (cached !== undefined) return cached;
    const expression = this.template.Conditions?.[name];
    if (expression === undefined) throw new UnresolvedValueError(`condition ${name} is not defined`);
    if (this.evaluating.has(`condition:${name}`)) throw new UnresolvedValueError(`condition ${name} depends on itself`);
    this.evaluating.add(`condition:${name}`);
    try {
      const value = resolveIntrinsics(expression, this);
      if (typeof value !== 'boolean') throw new UnresolvedValueError(`condition ${name} is not a boolean expression`);
      this.conditionCache.set(name, value);
      return value;
    } finally {
      this.evaluating.delete(`condition:${name}`);
    }
  }

  findInMap(mapName: string, topLevelKey: string, secondLevelKey: string): unknown {
    const value = this.template.Mappings?.[mapName]?.[topLevelKey]?.[secondLevelKey];
    if (value === undefined) throw new UnresolvedValueError(`Fn::FindInMap: ${mapName}.${topLevelKey}.${secondLevelKey} is not in Mappings`);
    return value;
  }

  importValue(exportName: string): unknown {
    return this.assembly.importValue(exportName);
  }

  /** An output's value (used by `Fn::ImportValue` and nested-stack `Outputs.X`). */
  output(name: string): unknown {
    const output = this.template.Outputs?.[name];
    if (output === undefined) throw new UnresolvedValueError(`stack ${this.stackName} has no output ${name}`);
    return resolveIntrinsics(output.Value, this);
  }

  /** Resolves a resource property with this stack's context; throws `UnresolvedValueError`. */
  property(logicalId: string, name: string): unknown {
    const resource = this.resources().get(logicalId);
    const raw = resource?.Properties?.[name];
    if (raw === undefined) return undefined;
    const key = `property:${logicalId}.${name}`;
    if (this.evaluating.has(key)) throw new UnresolvedValueError(`${logicalId}.${name} refers to itself`);
    this.evaluating.add(key);
    try {
      const value = resolveIntrinsics(raw, this);
      return value === NO_VALUE ? undefined : value;
    } finally {
      this.evaluating.delete(key);
    }
  }

  /** Resolves `value`; on failure reports an `UNRESOLVED_VALUE` error at `at` and returns undefined. */
  tryResolve(value: unknown, at: Location): unknown {
    try {
      const resolved = resolveIntrinsics(value, this);
      return resolved === NO_VALUE ? undefined : resolved;
    } catch (error) {
      this.reportUnresolved(error, at);
      return undefined;
    }
  }

  /** A condition's value; unresolvable conditions count as false, with a diagnostic. */
  tryCondition(name: string, at: Location): boolean {
    try {
      return this.condition(name);
    } catch (error) {
      this.reportUnresolved(error, at);
      return false;
    }
  }

  private reportUnresolved(error: unknown, at: Location): void {
    if (!(error instanceof UnresolvedValueError)) throw error;
    this.diagnostics.error('UNRESOLVED_VALUE', at, `cannot resolve the value locally: ${error.message}`);
  }

  /** Scopes of this stack's nested stacks that could be read, in logical id order. */
  nestedStacks(): StackScope[] {
    const out: StackScope[] = [];
    for (const [logicalId, resource] of this.resources()) {
      if (resource.Type !== 'AWS::CloudFormation::Stack') continue;
      const scope = this.nestedStack(logicalId);
      if (scope) out.push(scope);
    }
    return out;
  }

  /** The nested stack behind an `AWS::CloudFormation::Stack` resource; its template is an asset of the assembly. */
  nestedStack(logicalId: string): StackScope | undefined {
    if (this.nested.has(logicalId)) return this.nested.get(logicalId);
    this.nested.set(logicalId, undefined);
    const resource = this.resources().get(logicalId)!;
    const at = { stackName: this.stackName, logicalId, property: 'TemplateURL' };
    const path = this.nestedTemplatePath(resource, at);
    if (path === undefined) return undefined;
    let template: CfnTemplate;
    try {
      template = readTemplateFile(path);
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      this.diagnostics.error('INVALID_PROPERTY', at, error.message);
      return undefined;
    }
    const parameters = this.tryResolve(resource.Properties?.Parameters ?? {}, { ...at, property: 'Parameters' });
    const scope = new StackScope(
      {
        // CloudFormation names nested stacks `{parent}-{logicalId}-{SUFFIX}`.
        stackName: generatedName(this.stackName, logicalId, { maxLength: 128 }),
        template,
        assets: this.assets,
        parameters: (parameters ?? {}) as Record<string, unknown>,
      },
      this.assembly,
    );
    this.nested.set(logicalId, scope);
    return scope;
  }

  private nestedTemplatePath(resource: CfnResource, at: Location): string | undefined {
    const assetPath = resource.Metadata?.['aws:asset:path'];
    if (typeof assetPath === 'string') return join(this.assets.directory, assetPath);
    const url = this.tryResolve(resource.Properties?.TemplateURL, at);
    if (typeof url !== 'string') {
      if (url === undefined && resource.Properties?.TemplateURL === undefined) {
        this.diagnostics.error('INVALID_PROPERTY', at, 'nested stack has no TemplateURL');
      }
      return undefined;
    }
    const path = this.assets.locate(url);
    if (path === undefined) {
      this.diagnostics.error('UNSUPPORTED_PROPERTY', at, `nested stack template ${url} is not an asset of the cloud assembly; only local templates can be served`);
    }
    return path;
  }

  /** The resource as `Ref`/`GetAtt` see it. */
  identity(logicalId: string, resource: CfnResource): ResourceIdentity {
    return {
      stackName: this.stackName,
      logicalId,
      type: resource.Type,
      env: this.env,
      property: (name) => this.property(logicalId, name),
    };
  }

  private pseudo(name: string): unknown {
    switch (name) {
      case 'AWS::AccountId':
        return this.env.accountId;
      case 'AWS::Region':
        return this.env.region;
      case 'AWS::Partition':
        return this.env.partition;
      case 'AWS::URLSuffix':
        return this.env.urlSuffix;
      case 'AWS::StackName':
        return this.stackName;
      case 'AWS::StackId':
        return stackIdFor(this.env, this.stackName);
      case 'AWS::NotificationARNs':
        return [];
      default:
        return NO_VALUE;
    }
  }

  private parameterValue(name: string, type: string | undefined, defaultValue: unknown): unknown {
    const given = Object.hasOwn(this.source.parameters, name);
    if (!given && typeof type === 'string' && type.startsWith('AWS::SSM::Parameter::Value')) {
      // CloudFormation reads the value from SSM at deploy time; the Default is only the parameter's name.
      throw new UnresolvedValueError(`parameter ${name} is read from SSM (${String(defaultValue)}) at deploy time; give its value with --parameter ${name}=…`);
    }
    let value = given ? this.source.parameters[name] : defaultValue;
    if (value === undefined) {
      const legacy = LEGACY_ASSET_PARAMETER.exec(name);
      // Legacy asset parameters carry no default: CDK's CLI fills them in at deploy time. Locally they
      // name the asset by hash, so the code lookup can find `asset.{hash}` in the assembly.
      if (legacy) value = legacy[2] === 'S3Bucket' ? 'cdk-local-assets' : legacy[2] === 'S3VersionKey' ? `assets/||${legacy[1]}.zip` : legacy[1];
    }
    if (value === undefined) throw new UnresolvedValueError(`parameter ${name} has no Default and no value was given (--parameter ${name}=…)`);
    if (typeof type === 'string' && (type === 'CommaDelimitedList' || type.startsWith('List<')) && typeof value === 'string') {
      return value.split(',').map((item) => item.trim());
    }
    return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
  }
}
