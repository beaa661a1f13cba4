import type { DiagnosticCode } from '../errors.js';
import type { ApiKeyModel, ApiModel } from './api-model.js';
import type { FunctionModel } from './function-model.js';

/**
 * The typed gateway model: what the runtime serves, parsed once from a template or cloud assembly.
 * Nothing after `readGatewayModel` reads raw template JSON; every other module works on these types.
 *
 * Values are resolved (intrinsics evaluated) except `${stageVariables.x}` references, which stay in
 * strings because they are resolved per stage at request time, as AWS does.
 */

/** Where a model element came from: the stack and the logical id of its CloudFormation resource. */
export interface ResourceRef {
  readonly stackName: string;
  readonly logicalId: string;
}

export type Protocol = 'HTTP' | 'WEBSOCKET';

export interface GatewayModel {
  /** APIs in a stable order: by stack name, then logical id. */
  readonly apis: readonly ApiModel[];
  /** Every Lambda function the APIs may invoke, whether or not a route references it. */
  readonly functions: readonly FunctionModel[];
  /** Everything the runtime does not support, or had to guess, reported at start-up. */
  readonly diagnostics: readonly Diagnostic[];
  /** The account and region the template was resolved in (pseudo parameters, ARNs). */
  readonly environment: ModelEnvironment;
  /**
   * Custom domain names (`AWS::ApiGatewayV2::DomainName`) with their API mappings, by stack name then
   * logical id. Undefined or empty when the template has none.
   */
  readonly domains?: readonly DomainModel[];
  /**
   * API keys (`AWS::ApiGateway::ApiKey`), by stack name then logical id: what the start-up report lists
   * (generated values included). Undefined or empty when the template has none.
   */
  readonly apiKeys?: readonly ApiKeyModel[];
  /**
   * The stacks read, in the order read, with the names of their template `Parameters`: for messages that
   * list what exists (an unknown `--parameter`, a source with no API). Undefined for hand-built models.
   */
  readonly stacks?: readonly StackSummary[];
  /**
   * Every `AWS::Lambda::Permission` of the stacks read, for the invoke-permission check. Undefined for
   * hand-built models (nothing is checked then).
   */
  readonly permissions?: readonly PermissionModel[];
}

/**
 * `AWS::Lambda::Permission`: a statement of a function's resource policy
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-permission.html).
 * A value that could not be resolved is undefined and listed in `unresolved`.
 */
export interface PermissionModel {
  readonly ref: ResourceRef;
  /** `FunctionName` resolved: an ARN (maybe qualified), a partial ARN or a name. */
  readonly functionName?: string;
  readonly action?: string;
  readonly principal?: string;
  /** Undefined when the permission names no `SourceArn` (any source of the principal may invoke). */
  readonly sourceArn?: string;
  readonly sourceAccount?: string;
  /** Properties whose value could not be resolved locally: such a permission is taken to allow nothing. */
  readonly unresolved: readonly string[];
}

/**
 * Why API Gateway may not invoke a function, by stage name (the execute-api ARN names the stage, so a
 * permission may cover one stage and not another). Set by the invoke-permission check (app/); a request on
 * such a stage answers 500 without invoking the function, as AWS does.
 */
export type InvokeDenials = Readonly<Record<string, string>>;

/** One stack the model was read from. */
export interface StackSummary {
  readonly stackName: string;
  readonly parameterNames: readonly string[];
}

/** An API's identity across reloads and the key of its port: `stackName/logicalId`. */
export function resourceKey(ref: ResourceRef): string {
  return `${ref.stackName}/${ref.logicalId}`;
}

/** A custom domain name and the APIs mapped onto it (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-mappings.html). */
export interface DomainModel {
  readonly ref: ResourceRef;
  /** e.g. `api.example.com` or `*.example.com`. */
  readonly domainName: string;
  readonly mappings: readonly ApiMappingModel[];
}

/** `AWS::ApiGatewayV2::ApiMapping`: one API stage served under a key of a custom domain. */
export interface ApiMappingModel {
  readonly ref: ResourceRef;
  readonly apiId: string;
  /** The stage name the mapping serves, e.g. `$default` or `prod`. */
  readonly stage: string;
  /** The mapping key without leading or trailing `/`; `''` for the root (empty) mapping. */
  readonly apiMappingKey: string;
}

export interface ModelEnvironment {
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
  readonly urlSuffix: string;
}

export type DiagnosticSeverity = 'error' | 'warning' | 'info';

/** One finding about the template, reported at start-up by stack, logical id and property. */
export interface Diagnostic {
  readonly severity: DiagnosticSeverity;
  /** From the package's catalogue (`errors.ts`), e.g. `UNSUPPORTED_PROPERTY`. */
  readonly code: DiagnosticCode;
  readonly stackName: string;
  readonly logicalId: string;
  readonly property?: string;
  readonly message: string;
}
