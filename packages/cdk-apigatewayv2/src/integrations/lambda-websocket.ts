import { Duration, Names } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { executeApiArn } from '../private/execute-api-arn';
import { grantApiGatewayInvoke } from '../private/grant-api-gateway-invoke';
import { throwInvalid } from '../private/invalid';
import { lambdaInvocationUri } from '../private/lambda-invocation-uri';
import { estimateExecuteApiArnBytes } from '../private/lambda-policy-budget';
import {
  ContentHandling,
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

  /**
   * How long API Gateway waits for the function: 50 milliseconds to 29 seconds.
   *
   * @default Duration.seconds(29)
   */
  readonly timeout?: Duration;

  /**
   * How the payload is converted between text and binary.
   *
   * @default - passed through unchanged
   */
  readonly contentHandling?: ContentHandling;
}

/**
 * Sends a WebSocket route's events to a Lambda function (proxy integration).
 *
 * One instance can serve many routes: the routes of one API share one integration resource, and the function
 * gets one invoke permission per route, scoped to that route's key.
 */
export class LambdaWebSocketIntegration implements IWebSocketRouteIntegration {
  private readonly handler: lambda.IFunction;
  private readonly timeout?: Duration;
  private readonly contentHandling?: ContentHandling;

  constructor(props: LambdaWebSocketIntegrationProps) {
    if (props?.handler === undefined) {
      throwInvalid(undefined, { subject: 'LambdaWebSocketIntegration', prop: 'handler', rule: 'is required', value: undefined });
    }
    this.handler = props.handler;
    this.timeout = props.timeout;
    this.contentHandling = props.contentHandling;
  }

  public bind(options: WebSocketRouteIntegrationBindOptions): WebSocketRouteIntegrationConfig {
    const { route, scope } = options;
    // Called once per route, so every route that shares this integration gets its own permission
    // (granting only on the first bind would leave later routes unable to invoke the function).
    grantApiGatewayInvoke({
      handler: this.handler,
      scope,
      // @aws-cdk 1.123's construct id and source ARN (`{api}/*/*{routeKey}`), so migrated permissions are kept.
      id: `${Names.nodeUniqueId(route.node)}-Permission`,
      sourceArn: () => executeApiArn(route, route.webSocketApi.apiId, `*/*${route.routeKey}`),
      sourceArnBytes: estimateExecuteApiArnBytes(`/*/*${route.routeKey}`),
    });
    return {
      type: WebSocketIntegrationType.AWS_PROXY,
      // WebSocket APIs need the Lambda invocation URI; a bare function ARN is only accepted by HTTP APIs.
      uri: lambdaInvocationUri(scope, this.handler),
      // Left out unless set, so 1.123 code shares (and names) its integrations as before.
      timeout: this.timeout,
      contentHandling: this.contentHandling,
    };
  }
}
