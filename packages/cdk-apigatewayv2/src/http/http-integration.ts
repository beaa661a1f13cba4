import { Annotations, Duration, Resource } from 'aws-cdk-lib';
import { CfnIntegration } from 'aws-cdk-lib/aws-apigatewayv2';
import { Construct } from 'constructs';
import { IIntegration } from '../common/integration';
import { throwInvalid } from '../private/invalid';
import { isConcrete } from '../private/tokens';
import { IHttpApi } from './http-api';
import { HttpIntegrationSubtype } from './http-integration-subtype';
import { HttpMethod } from './http-method';
import { IntegrationCredentials } from './integration-credentials';
import { ParameterMapping } from './parameter-mapping';
import { PayloadFormatVersion } from './payload-format-version';

/**
 * The kind of backend of an HTTP API integration.
 */
export enum HttpIntegrationType {
  /**
   * A Lambda function, invoked with the request as event, or an AWS service action (with `integrationSubtype`):
   * CloudFormation `AWS_PROXY`. aws-cdk-lib 2.x renamed this member `AWS_PROXY`; this library keeps 1.123's name,
   * because jsii refuses two members with one value.
   */
  LAMBDA_PROXY = 'AWS_PROXY',
  /** An HTTP endpoint the request is forwarded to (CloudFormation `HTTP_PROXY`). */
  HTTP_PROXY = 'HTTP_PROXY',
}

/**
 * How API Gateway reaches the backend of an integration.
 */
export enum HttpConnectionType {
  /** Through a VPC link, to a private load balancer or Cloud Map service. */
  VPC_LINK = 'VPC_LINK',
  /** Over the internet. */
  INTERNET = 'INTERNET',
}

/**
 * An integration of an HTTP API.
 */
export interface IHttpIntegration extends IIntegration {
  /** The API this integration belongs to. */
  readonly httpApi: IHttpApi;
}

/**
 * Properties of an {@link HttpIntegration}.
 */
export interface HttpIntegrationProps {
  /** The API the integration belongs to. */
  readonly httpApi: IHttpApi;

  /** The integration type. */
  readonly integrationType: HttpIntegrationType;

  /**
   * Integration subtype: for AWS service integrations, the service action (the target comes from
   * `parameterMapping`).
   * @default - none, required if no `integrationUri` is defined.
   */
  readonly integrationSubtype?: HttpIntegrationSubtype;

  /**
   * The integration target: a Lambda function ARN, a URL, or a listener / Cloud Map service ARN.
   * @default - none, required if no `integrationSubtype` is defined.
   */
  readonly integrationUri?: string;

  /**
   * The HTTP method used to call the backend.
   * @default - none; required if the integration type is HTTP_PROXY
   */
  readonly method?: HttpMethod;

  /**
   * The VPC link id of a private integration.
   * @default - undefined; required when connectionType is VPC_LINK
   */
  readonly connectionId?: string;

  /**
   * How API Gateway reaches the backend.
   * @default HttpConnectionType.INTERNET
   */
  readonly connectionType?: HttpConnectionType;

  /**
   * The payload format version.
   * @default - 2.0 for LAMBDA_PROXY, 1.0 for HTTP_PROXY (the only version it accepts)
   */
  readonly payloadFormatVersion?: PayloadFormatVersion;

  /**
   * The server name that API Gateway verifies the backend's certificate against; only for private (VPC_LINK)
   * integrations, and it makes API Gateway use HTTPS.
   * @default undefined private integration traffic will use HTTP protocol
   */
  readonly secureServerName?: string;

  /**
   * The maximum amount of time an integration will run before it returns without a response.
   * Must be between 50 milliseconds and 30 seconds (29 seconds in aws-cdk-lib, which predates AWS raising the
   * limit for HTTP APIs).
   * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-integration.html#cfn-apigatewayv2-integration-timeoutinmillis
   * @default - API Gateway's default, 30 seconds for HTTP APIs
   */
  readonly timeout?: Duration;

  /**
   * Specifies how to transform HTTP requests before sending them to the backend.
   * @default undefined requests are sent to the backend unmodified
   */
  readonly parameterMapping?: ParameterMapping;

  /**
   * How API Gateway changes the backend's response before the client gets it, per backend status code (200 to
   * 599): headers appended, overwritten or removed (`appendHeader`, `overwriteHeader`, `removeHeader`) and the
   * status code overwritten (`overwriteStatusCode`). aws-cdk-lib 2.x has no such prop; it is CloudFormation's
   * `ResponseParameters`.
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html
   * @default - responses are returned unmodified
   */
  readonly responseParameterMappings?: { [statusCode: string]: ParameterMapping };

  /**
   * The credentials with which to invoke the integration.
   * @default - no credentials, use resource-based permissions on supported AWS services
   */
  readonly credentials?: IntegrationCredentials;
}

/**
 * An `AWS::ApiGatewayV2::Integration` of an HTTP API.
 *
 * Routes create these for you from `IHttpRouteIntegration` objects (one per API and distinct configuration);
 * use this class directly only to manage an integration yourself.
 *
 * @resource AWS::ApiGatewayV2::Integration
 */
export class HttpIntegration extends Resource implements IHttpIntegration {
  public readonly integrationId: string;
  public readonly httpApi: IHttpApi;

  constructor(scope: Construct, id: string, props: HttpIntegrationProps) {
    super(scope, id);
    validateIntegration(this, props);
    this.httpApi = props.httpApi;
    // AWS service integrations (with a subtype) only take payload format 1.0.
    const payloadFormatVersion = props.payloadFormatVersion
      ?? (props.integrationType === HttpIntegrationType.LAMBDA_PROXY && props.integrationSubtype === undefined
        ? PayloadFormatVersion.VERSION_2_0 : PayloadFormatVersion.VERSION_1_0);
    const resource = new CfnIntegration(this, 'Resource', {
      apiId: props.httpApi.apiId,
      integrationType: props.integrationType,
      integrationUri: props.integrationUri,
      integrationMethod: props.method,
      connectionId: props.connectionId,
      connectionType: props.connectionType,
      payloadFormatVersion: payloadFormatVersion.version,
      tlsConfig: props.secureServerName !== undefined ? { serverNameToVerify: props.secureServerName } : undefined,
      integrationSubtype: props.integrationSubtype,
      requestParameters: props.parameterMapping?.mappings,
      responseParameters: renderResponseParameters(this, props.responseParameterMappings),
      credentialsArn: props.credentials?.credentialsArn,
      timeoutInMillis: props.timeout?.toMilliseconds(),
    });
    this.integrationId = resource.ref;
  }
}

/** Combinations that CloudFormation rejects (or that make no sense) are refused at synth. */
function validateIntegration(scope: Construct, props: HttpIntegrationProps): void {
  if (props.integrationSubtype === undefined && props.integrationUri === undefined) {
    throwInvalid(scope, {
      legacyMessage: 'Either `integrationSubtype` or `integrationUri` must be specified.',
      subject: 'HttpIntegration', prop: 'integrationUri', rule: 'is required when there is no integrationSubtype', value: undefined,
    });
  }
  checkIntegrationTimeout(scope, props.timeout);
  const viaVpcLink = props.connectionType === HttpConnectionType.VPC_LINK;
  if (props.integrationType === HttpIntegrationType.HTTP_PROXY) {
    if (props.method === undefined) {
      // @aws-cdk 1.123 accepted it, and the IntegrationMethod page does not say the deploy is refused:
      // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-integration.html
      Annotations.of(scope).addWarningV2('cdk-apigatewayv2:httpProxyWithoutMethod',
        `HttpIntegration method should be set for an HTTP_PROXY integration (HttpMethod.ANY forwards the client's method), got undefined (uri '${props.integrationUri}')`);
    }
    const version = props.payloadFormatVersion?.version;
    if (version !== undefined && version !== PayloadFormatVersion.VERSION_1_0.version) {
      throwInvalid(scope, { subject: 'HttpIntegration', prop: 'payloadFormatVersion', rule: "must be '1.0' for HTTP_PROXY integrations", value: version });
    }
    if (!viaVpcLink && isConcrete(props.integrationUri) && !props.integrationUri.includes('${') && !/^https?:\/\/[^\s/]+/.test(props.integrationUri)) {
      throwInvalid(scope, { subject: 'HttpIntegration', prop: 'integrationUri', rule: 'must be an http:// or https:// URL for an HTTP_PROXY integration over the internet', value: props.integrationUri });
    }
  }
  if (props.integrationType === HttpIntegrationType.LAMBDA_PROXY && viaVpcLink) {
    throwInvalid(scope, { subject: 'HttpIntegration', prop: 'connectionType VPC_LINK', rule: 'is only valid for HTTP_PROXY integrations', got: 'integrationType LAMBDA_PROXY' });
  }
  if (viaVpcLink && props.connectionId === undefined) {
    throwInvalid(scope, { subject: 'HttpIntegration', prop: 'connectionId', rule: '(a VPC link id) is required when connectionType is VPC_LINK', value: undefined });
  }
  if (!viaVpcLink && props.connectionId !== undefined) {
    throwInvalid(scope, { subject: 'HttpIntegration', prop: 'connectionId', rule: 'is only valid when connectionType is VPC_LINK', got: `connectionType ${props.connectionType ?? 'INTERNET (default)'}` });
  }
  if (!viaVpcLink && props.secureServerName !== undefined) {
    throwInvalid(scope, { subject: 'HttpIntegration', prop: 'secureServerName', rule: 'is only valid for private integrations (connectionType VPC_LINK)', value: props.secureServerName });
  }
}

/** HTTP API integrations time out after 50 ms to 30 s. */
const MIN_TIMEOUT_MS = 50;
const MAX_TIMEOUT_MS = 30_000;

/**
 * "The default timeout is 29 seconds for WebSocket APIs and 30 seconds for HTTP APIs", between 50 and 30,000 ms.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-integration.html#cfn-apigatewayv2-integration-timeoutinmillis
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html
 */
function checkIntegrationTimeout(scope: Construct, timeout: Duration | undefined): void {
  if (timeout === undefined || timeout.isUnresolved()) {
    return;
  }
  const ms = timeout.toMilliseconds();
  if (ms < MIN_TIMEOUT_MS || ms > MAX_TIMEOUT_MS) {
    throwInvalid(scope, { subject: 'HttpIntegration', prop: 'timeout', rule: 'must be between 50 milliseconds and 30 seconds', value: timeout });
  }
}

/** What a response mapping may change: headers, and the status code. */
const RESPONSE_DESTINATION = /^((append|overwrite|remove):header\.\S+|overwrite:statuscode)$/;

/**
 * CloudFormation's `ResponseParameters` (a JSON property, so written with CloudFormation's key names): per status
 * code 200 to 599, a list of destination/source pairs.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-integration.html#cfn-apigatewayv2-integration-responseparameters
 */
function renderResponseParameters(scope: Construct, mappings: { [statusCode: string]: ParameterMapping } | undefined): Record<string, unknown> | undefined {
  if (mappings === undefined) {
    return undefined;
  }
  const rendered: Record<string, unknown> = {};
  for (const [statusCode, mapping] of Object.entries(mappings)) {
    const code = Number(statusCode);
    if (!/^\d{3}$/.test(statusCode) || code < 200 || code > 599) {
      throwInvalid(scope, { subject: 'HttpIntegration', prop: 'responseParameterMappings', rule: 'keys must be status codes from 200 to 599', value: statusCode });
    }
    for (const destination of Object.keys(mapping.mappings)) {
      if (!RESPONSE_DESTINATION.test(destination)) {
        throwInvalid(scope, {
          subject: 'HttpIntegration', prop: `responseParameterMappings.${statusCode}`,
          rule: "may only change headers ('append:header.x', 'overwrite:header.x', 'remove:header.x') and 'overwrite:statuscode'", value: destination,
        });
      }
    }
    rendered[statusCode] = {
      ResponseParameters: Object.entries(mapping.mappings).map(([destination, source]) => ({ Destination: destination, Source: source })),
    };
  }
  return rendered;
}
