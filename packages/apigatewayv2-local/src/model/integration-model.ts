import type { InvokeDenials, ResourceRef } from './gateway-model.js';

/** Integrations: what a route calls (Lambda, HTTP, MOCK, AWS services) and how its request and response are mapped. */

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
