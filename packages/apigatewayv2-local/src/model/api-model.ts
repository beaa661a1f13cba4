import type { AuthorizerModel } from './authorizer-model.js';
import type { InvokeDenials, Protocol, ResourceRef } from './gateway-model.js';
import type { IntegrationModel } from './integration-model.js';

/** APIs as the gateway serves them: routes, stages, CORS, API keys and usage plans. */

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
