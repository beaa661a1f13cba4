import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { executeApiArn } from '../private/execute-api-arn';
import {
  IWebSocketRouteIntegration,
  WebSocketIntegrationType,
  WebSocketRouteIntegrationBindOptions,
  WebSocketRouteIntegrationConfig,
} from '../websocket/integration';

/**
 * Properties of a LambdaWebSocketIntegration.
 */
export interface LambdaWebSocketIntegrationProps {
  /**
   * The function that receives the route's events (`$connect`, `$disconnect` and messages).
   */
  readonly handler: lambda.IFunction;
}

/**
 * Sends a WebSocket route's events to a Lambda function (proxy integration).
 *
 * One instance can serve many routes: the routes of one API share one integration resource, and the function
 * gets one invoke permission per route, scoped to that route's key.
 */
export class LambdaWebSocketIntegration implements IWebSocketRouteIntegration {
  private readonly handler: lambda.IFunction;

  constructor(props: LambdaWebSocketIntegrationProps) {
    if (props?.handler === undefined) {
      throw new Error('LambdaWebSocketIntegration handler is required, got undefined');
    }
    this.handler = props.handler;
  }

  public bind(options: WebSocketRouteIntegrationBindOptions): WebSocketRouteIntegrationConfig {
    const { route, scope } = options;
    // Called once per route, so every route that shares this integration gets its own permission
    // (granting only on the first bind would leave later routes unable to invoke the function).
    this.handler.addPermission('LambdaWebSocketIntegrationPermission', {
      scope,
      principal: new iam.ServicePrincipal('apigateway.amazonaws.com'),
      sourceArn: executeApiArn(route, route.webSocketApi.apiId, `*/${route.routeKey}`),
    });
    return {
      type: WebSocketIntegrationType.AWS_PROXY,
      // WebSocket APIs need the Lambda invocation URI; a bare function ARN is only accepted by HTTP APIs.
      uri: Stack.of(scope).formatArn({
        service: 'apigateway',
        account: 'lambda',
        resource: 'path/2015-03-31/functions',
        resourceName: `${this.handler.functionArn}/invocations`,
        arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
      }),
    };
  }
}
