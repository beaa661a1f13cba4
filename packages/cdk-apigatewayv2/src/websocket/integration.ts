import { Resource } from 'aws-cdk-lib';
import { CfnIntegration } from 'aws-cdk-lib/aws-apigatewayv2';
import { Construct } from 'constructs';
import type { IIntegration } from '../common/integration';
import type { IWebSocketApi } from './api';
import type { IWebSocketRoute } from './route';

/**
 * Integration types supported by WebSocket routes.
 */
export enum WebSocketIntegrationType {
  /**
   * Lambda proxy integration: the function receives the WebSocket event and, on two-way routes,
   * its result is sent back to the client.
   */
  AWS_PROXY = 'AWS_PROXY',
}

/**
 * An integration resource of a WebSocket API.
 */
export interface IWebSocketIntegration extends IIntegration {
  /**
   * The API the integration belongs to.
   */
  readonly webSocketApi: IWebSocketApi;
}

/**
 * Properties of a WebSocketIntegration.
 */
export interface WebSocketIntegrationProps {
  /**
   * The API the integration belongs to.
   */
  readonly webSocketApi: IWebSocketApi;

  /**
   * The integration type.
   */
  readonly integrationType: WebSocketIntegrationType;

  /**
   * The integration target; for `AWS_PROXY`, the Lambda invocation URI
   * (`arn:{partition}:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations`).
   */
  readonly integrationUri: string;
}

/**
 * An `AWS::ApiGatewayV2::Integration` of a WebSocket API.
 *
 * Routes create these for you, one per distinct configuration per API; create one yourself only to manage it
 * outside of a route.
 *
 * @resource AWS::ApiGatewayV2::Integration
 */
export class WebSocketIntegration extends Resource implements IWebSocketIntegration {
  /**
   * Id of the integration.
   *
   * @attribute
   */
  public readonly integrationId: string;

  /**
   * The API the integration belongs to.
   */
  public readonly webSocketApi: IWebSocketApi;

  constructor(scope: Construct, id: string, props: WebSocketIntegrationProps) {
    super(scope, id);
    this.webSocketApi = props.webSocketApi;
    const resource = new CfnIntegration(this, 'Resource', {
      apiId: props.webSocketApi.apiId,
      integrationType: props.integrationType,
      integrationUri: props.integrationUri,
    });
    this.integrationId = resource.ref;
  }
}

/**
 * What a route passes to `IWebSocketRouteIntegration.bind()`.
 */
export interface WebSocketRouteIntegrationBindOptions {
  /**
   * The route that binds the integration.
   */
  readonly route: IWebSocketRoute;

  /**
   * The scope for resources the integration creates for this route (e.g. a Lambda permission).
   */
  readonly scope: Construct;
}

/**
 * The integration a route binds to, as data: it becomes an `AWS::ApiGatewayV2::Integration`.
 */
export interface WebSocketRouteIntegrationConfig {
  /**
   * The integration type.
   */
  readonly type: WebSocketIntegrationType;

  /**
   * The integration target (for `AWS_PROXY`, the Lambda invocation URI).
   */
  readonly uri: string;
}

/**
 * A backend that WebSocket routes can send messages to. Implementations live in
 * `cdk-apigatewayv2/integrations`.
 *
 * Each route calls `bind()` once, so per-route side effects (such as permission to invoke a function for that
 * route) belong in `bind()`. Routes of one API that return an equal configuration share one integration
 * resource.
 */
export interface IWebSocketRouteIntegration {
  /**
   * Called by each route that uses this integration.
   */
  bind(options: WebSocketRouteIntegrationBindOptions): WebSocketRouteIntegrationConfig;
}
