import { Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { HttpConnectionType, HttpIntegrationType } from './http-integration';
import { HttpIntegrationSubtype } from './http-integration-subtype';
import { HttpMethod } from './http-method';
import { IHttpRoute } from './http-route';
import { IntegrationCredentials } from './integration-credentials';
import { ParameterMapping } from './parameter-mapping';
import { PayloadFormatVersion } from './payload-format-version';

/**
 * A backend that routes of HTTP APIs can send requests to. Implementations live in
 * `cdk-apigatewayv2/integrations`.
 *
 * A route calls `bind()` once; the returned configuration is turned into an `AWS::ApiGatewayV2::Integration`
 * by the route, and routes of the same API that bind an equal configuration share one integration resource.
 */
export interface IHttpRouteIntegration {
  /**
   * Called by each route that uses this integration.
   * @param options the route and the scope for any resources the integration needs (e.g. a Lambda permission)
   */
  bind(options: HttpRouteIntegrationBindOptions): HttpRouteIntegrationConfig;
}

/**
 * What a route passes to `IHttpRouteIntegration.bind()`.
 */
export interface HttpRouteIntegrationBindOptions {
  /** The route that binds the integration. */
  readonly route: IHttpRoute;

  /**
   * The scope for resources the integration creates for this route. Resources that belong to the API rather
   * than the route should go under `route.httpApi`.
   */
  readonly scope: Construct;
}

/**
 * The integration a route binds to, as data: it becomes an `AWS::ApiGatewayV2::Integration`.
 */
export interface HttpRouteIntegrationConfig {
  /** The integration type. */
  readonly type: HttpIntegrationType;

  /**
   * The integration target: a Lambda function ARN (LAMBDA_PROXY), a URL (HTTP_PROXY over the internet),
   * or a load balancer listener / Cloud Map service ARN (HTTP_PROXY over a VPC link).
   * @default - none, required if no `subtype` is defined.
   */
  readonly uri?: string;

  /**
   * Integration subtype, for AWS service integrations.
   * @default - none, required if no `uri` is defined.
   */
  readonly subtype?: HttpIntegrationSubtype;

  /**
   * The HTTP method used to call the backend.
   * @default - none; required for HTTP_PROXY
   */
  readonly method?: HttpMethod;

  /**
   * The VPC link id, for private integrations.
   * @default - none; required when connectionType is VPC_LINK
   */
  readonly connectionId?: string;

  /**
   * How API Gateway reaches the backend.
   * @default HttpConnectionType.INTERNET
   */
  readonly connectionType?: HttpConnectionType;

  /**
   * The payload format version of the integration.
   */
  readonly payloadFormatVersion: PayloadFormatVersion;

  /**
   * The server name used to verify the backend's TLS certificate on a private integration; setting it
   * makes API Gateway use HTTPS to the backend.
   * @default - private integration traffic uses HTTP
   */
  readonly secureServerName?: string;

  /**
   * The maximum amount of time an integration will run before it returns without a response
   * (50 milliseconds to 30 seconds).
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
