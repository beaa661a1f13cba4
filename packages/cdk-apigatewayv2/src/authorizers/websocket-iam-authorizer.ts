import {
  IWebSocketRouteAuthorizer, WebSocketRouteAuthorizationType, WebSocketRouteAuthorizerBindOptions, WebSocketRouteAuthorizerConfig,
} from '../websocket/authorizer';

/**
 * Authorizes the `$connect` route of a WebSocket API with IAM: the client signs the connection request with
 * Signature Version 4 (service `execute-api`) and needs `execute-api:Invoke` on the `$connect` route's ARN.
 *
 * The route gets authorization type `AWS_IAM`; no authorizer resource is created.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-control-access-iam.html
 */
export class WebSocketIamAuthorizer implements IWebSocketRouteAuthorizer {
  public bind(_options: WebSocketRouteAuthorizerBindOptions): WebSocketRouteAuthorizerConfig {
    return { authorizationType: WebSocketRouteAuthorizationType.AWS_IAM };
  }
}
