import type { DiagnosticCode } from '../errors.js';

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

export interface ApiModel {
  readonly ref: ResourceRef;
  /** A stable, AWS-shaped id (10 lower-case alphanumerics) derived from the stack name and logical id. */
  readonly apiId: string;
  readonly name: string;
  readonly protocol: Protocol;
  readonly description?: string;
  readonly disableExecuteApiEndpoint: boolean;
  /** HTTP: always `$request.method $request.path`. WebSocket: e.g. `$request.body.action`. */
  readonly routeSelectionExpression: string;
  readonly apiKeySelectionExpression?: string;
  readonly cors?: CorsModel;
  readonly routes: readonly RouteModel[];
  /** By integration id (`RouteModel.integrationId` points here). */
  readonly integrations: ReadonlyMap<string, IntegrationModel>;
  /** By authorizer id (`RouteModel.authorizerId` points here). */
  readonly authorizers: ReadonlyMap<string, AuthorizerModel>;
  readonly stages: readonly StageModel[];
  /** WebSocket request models by model name. */
  readonly models: ReadonlyMap<string, RequestModelSchema>;
  /** Usage plans whose `ApiStages` name this API, with the keys attached to them. Undefined when none. */
  readonly usagePlans?: readonly UsagePlanModel[];
}

/** `AWS::ApiGateway::ApiKey` (WebSocket APIs use API Gateway's v1 keys and usage plans). */
export interface ApiKeyModel {
  readonly ref: ResourceRef;
  /** The key's id (`Ref`), which `AWS::ApiGateway::UsagePlanKey` names. */
  readonly keyId: string;
  /** `Value`, or a stable generated one when the template has none (`generated`). */
  readonly value: string;
  readonly generated: boolean;
  /** `Enabled` (CloudFormation's default is false: a disabled key is refused). */
  readonly enabled: boolean;
}

/**
 * `AWS::ApiGateway::UsagePlan`: the stages of this API it covers, its throttle and quota (applied per key),
 * and the keys attached through `AWS::ApiGateway::UsagePlanKey`.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html
 */
export interface UsagePlanModel {
  readonly ref: ResourceRef;
  /**
   * The API stages the plan covers (`ApiStages`), of every API: one plan object is shared by the APIs it
   * names, so its quota and throttle count calls to all of them.
   */
  readonly apiStages: readonly { readonly apiId: string; readonly stage: string }[];
  readonly throttle?: { readonly rateLimit?: number; readonly burstLimit?: number };
  readonly quota?: { readonly limit: number; readonly period: 'DAY' | 'WEEK' | 'MONTH'; readonly offset: number };
  readonly keys: readonly ApiKeyModel[];
}

export interface CorsModel {
  readonly allowOrigins: readonly string[];
  readonly allowMethods: readonly string[];
  readonly allowHeaders: readonly string[];
  readonly exposeHeaders: readonly string[];
  readonly allowCredentials: boolean;
  /** Seconds; undefined when not configured. */
  readonly maxAgeSeconds?: number;
}

export type AuthorizationType = 'NONE' | 'JWT' | 'CUSTOM' | 'AWS_IAM';

/** One segment of an HTTP route's path template: `pets`, `{id}` or `{proxy+}`. */
export type PathSegmentPattern =
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'variable'; readonly name: string }
  | { readonly kind: 'greedy'; readonly name: string };

/** An HTTP route key, parsed once by the template reader: `$default`, or a method and a path template. */
export type HttpRouteKey =
  | { readonly kind: 'default' }
  | {
      readonly kind: 'method-path';
      /** Upper-case method, or `ANY`. */
      readonly method: string;
      /** The path template, e.g. `/pets/{id}`. */
      readonly path: string;
      readonly segments: readonly PathSegmentPattern[];
    };

export interface RouteModel {
  readonly ref: ResourceRef;
  readonly routeId: string;
  /** As in the template: `$default`, `GET /pets/{id}`, `ANY /{proxy+}`, `$connect`, `sendmessage` … */
  readonly routeKey: string;
  /** HTTP routes: the route key parsed (routing never reads `routeKey`'s text). Undefined for WebSocket routes. */
  readonly httpKey?: HttpRouteKey;
  /** Undefined when the route has no `Target` (AWS answers such routes with an error). */
  readonly integrationId?: string;
  readonly authorizationType: AuthorizationType;
  readonly authorizerId?: string;
  readonly authorizationScopes: readonly string[];
  readonly apiKeyRequired: boolean;
  /** WebSocket two-way routes: `$default` when the route has a route response. */
  readonly routeResponseSelectionExpression?: string;
  readonly modelSelectionExpression?: string;
  /** WebSocket: model key → model name. */
  readonly requestModels: Readonly<Record<string, string>>;
  /**
   * WebSocket: the keys of the route's `AWS::ApiGatewayV2::RouteResponse`s (e.g. `$default`); a route is
   * two-way only when it has one. Undefined when the reader did not look (treat as none).
   */
  readonly routeResponseKeys?: readonly string[];
  /** Stages on which API Gateway may not invoke the route's Lambda integration, with why; undefined when it may. */
  readonly invokeDenied?: InvokeDenials;
}

/** Request/response parameter mapping, as in `RequestParameters` / `ResponseParameters`. */
export type ParameterMapping = Readonly<Record<string, string>>;

interface IntegrationBase {
  readonly ref: ResourceRef;
  readonly integrationId: string;
  /** `TimeoutInMillis`, defaulted (HTTP APIs: 30000; WebSocket: 29000). */
  readonly timeoutMs: number;
  readonly requestParameters: ParameterMapping;
  /** Keyed by integration status code. */
  readonly responseParameters: Readonly<Record<string, ParameterMapping>>;
  /**
   * WebSocket `RequestTemplates` by template key (`$default`, or a value of the template selection
   * expression). Read for MOCK and non-proxy HTTP integrations; undefined when there are none.
   */
  readonly requestTemplates?: Readonly<Record<string, string>>;
  /** WebSocket `TemplateSelectionExpression`, e.g. `\$default` or `$request.body.action`. */
  readonly templateSelectionExpression?: string;
  /** WebSocket `AWS::ApiGatewayV2::IntegrationResponse`s of a MOCK or non-proxy HTTP integration. */
  readonly integrationResponses?: readonly IntegrationResponseModel[];
}

/**
 * `AWS::ApiGatewayV2::IntegrationResponse`: what a WebSocket non-proxy integration's answer becomes
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-integration-responses.html).
 */
export interface IntegrationResponseModel {
  readonly ref: ResourceRef;
  /** `$default`, or `/regex/` matched against the integration's status code. */
  readonly key: string;
  /** By template key; the one chosen renders the reply. */
  readonly responseTemplates: Readonly<Record<string, string>>;
  readonly templateSelectionExpression?: string;
}

/** `AWS_PROXY` to a Lambda function. */
export interface LambdaIntegrationModel extends IntegrationBase {
  readonly kind: 'lambda';
  /**
   * The function ARN from the integration URI (the `…/functions/{arn}/invocations` form is unwrapped).
   * May hold `${stageVariables.x}`; resolve it with `findFunction`.
   */
  readonly functionArn: string;
  readonly payloadFormatVersion: '1.0' | '2.0';
  /**
   * `CredentialsArn`: the role API Gateway invokes the function as; then the function's resource policy is
   * not what decides (no invoke-permission check locally).
   */
  readonly credentialsArn?: string;
  /**
   * Set only on the view of one route (`routeIntegration`): the stages on which its route may not invoke the
   * function (`RouteModel.invokeDenied`).
   */
  readonly invokeDenied?: InvokeDenials;
}

/** `HTTP_PROXY` to a URL, or through a VPC link to a private resource. */
export interface HttpProxyIntegrationModel extends IntegrationBase {
  readonly kind: 'http-proxy';
  /** A URL for `INTERNET`; for `VPC_LINK` the listener/service ARN (served through `--backend`). */
  readonly uri: string;
  /** `IntegrationMethod`; `ANY` forwards the client's method. */
  readonly method: string;
  readonly connectionType: 'INTERNET' | 'VPC_LINK';
  readonly connectionId?: string;
  /** `TlsConfig.ServerNameToVerify`, for private integrations. */
  readonly serverNameToVerify?: string;
  /**
   * WebSocket `HTTP` (non-proxy) integrations: request templates shape the body sent and integration
   * responses the reply. Undefined for `HTTP_PROXY`.
   */
  readonly templated?: true;
  /**
   * WebSocket `AWS` (service) integrations: the service its URI names (`sqs`, `dynamodb` …). `uri` is the
   * service's regional URL with the URI's path or action; it is served only through `--backend` (a local
   * endpoint such as LocalStack), never sent to AWS.
   */
  readonly awsService?: string;
}

/** WebSocket `MOCK` integrations (answered from integration responses / templates). */
export interface MockIntegrationModel extends IntegrationBase {
  readonly kind: 'mock';
}

/**
 * The AWS service actions an HTTP API integration may call (`IntegrationSubtype`,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services-reference.html).
 */
export type AwsServiceSubtype =
  | 'SQS-SendMessage'
  | 'SQS-ReceiveMessage'
  | 'SQS-DeleteMessage'
  | 'SQS-PurgeQueue'
  | 'EventBridge-PutEvents'
  | 'StepFunctions-StartExecution'
  | 'StepFunctions-StartSyncExecution'
  | 'StepFunctions-StopExecution';

/** `AWS_PROXY` with an `IntegrationSubtype`: an AWS service action, its parameters from `RequestParameters`. */
export interface AwsServiceIntegrationModel extends IntegrationBase {
  readonly kind: 'aws-service';
  readonly subtype: AwsServiceSubtype;
  /** `CredentialsArn`: the role API Gateway assumes; locally the call uses local credentials. */
  readonly credentialsArn?: string;
}

export type IntegrationModel = LambdaIntegrationModel | HttpProxyIntegrationModel | MockIntegrationModel | AwsServiceIntegrationModel;

export interface JwtAuthorizerModel {
  readonly kind: 'jwt';
  readonly ref: ResourceRef;
  readonly authorizerId: string;
  readonly name: string;
  readonly identitySource: readonly string[];
  readonly issuer: string;
  readonly audience: readonly string[];
}

export interface LambdaAuthorizerModel {
  readonly kind: 'lambda';
  readonly ref: ResourceRef;
  readonly authorizerId: string;
  readonly name: string;
  /** Empty when caching is off and no identity source is configured. */
  readonly identitySource: readonly string[];
  readonly functionArn: string;
  /** HTTP APIs: `1.0` or `2.0`. WebSocket authorizers use the 1.0-style REQUEST event. */
  readonly payloadFormatVersion: '1.0' | '2.0';
  readonly enableSimpleResponses: boolean;
  readonly resultTtlSeconds: number;
  /** `AuthorizerCredentialsArn`: the role API Gateway invokes the function as (no invoke-permission check locally). */
  readonly credentialsArn?: string;
  /** Why API Gateway may not invoke the authorizer's function (no permission covers it); undefined when it may. */
  readonly invokeDenied?: string;
  /** How long the authorizer may take; set only when its function runs under a debugger. @default AUTHORIZER_TIMEOUT_MS */
  readonly timeoutMs?: number;
}

export type AuthorizerModel = JwtAuthorizerModel | LambdaAuthorizerModel;

export interface StageModel {
  readonly ref: ResourceRef;
  /** `$default` or a name. */
  readonly name: string;
  readonly autoDeploy: boolean;
  readonly stageVariables: Readonly<Record<string, string>>;
  readonly defaultRouteSettings?: RouteSettingsModel;
  /** Keyed by route key. */
  readonly routeSettings: Readonly<Record<string, RouteSettingsModel>>;
  /** `AccessLogSettings`: one line per request in `format` (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging.html). */
  readonly accessLog?: AccessLogModel;
}

export interface AccessLogModel {
  /** Where AWS sends the lines (a CloudWatch Logs or Firehose ARN); locally the terminal or `--access-log`. */
  readonly destinationArn?: string;
  /** The line, with `$context.*` variables. */
  readonly format: string;
}

export interface RouteSettingsModel {
  readonly throttlingBurstLimit?: number;
  readonly throttlingRateLimit?: number;
}

export interface RequestModelSchema {
  readonly name: string;
  readonly contentType: string;
  /** The JSON schema, parsed. */
  readonly schema: unknown;
}

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
