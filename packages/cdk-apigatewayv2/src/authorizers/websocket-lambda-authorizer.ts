import * as iam from 'aws-cdk-lib/aws-iam';
import { IFunction } from 'aws-cdk-lib/aws-lambda';
import { AuthorizerPerApi } from '../private/authorizer-per-api';
import { checkAuthorizerName, checkIdentitySources } from '../private/authorizer-rules';
import { allowAuthorizerInvoke } from '../private/lambda-authorizer-function';
import { lambdaInvocationUri } from '../private/lambda-invocation-uri';
import {
  IWebSocketRouteAuthorizer, WebSocketAuthorizer, WebSocketAuthorizerType, WebSocketRouteAuthorizationType,
  WebSocketRouteAuthorizerBindOptions, WebSocketRouteAuthorizerConfig,
} from '../websocket/authorizer';

const SUBJECT = 'WebSocketLambdaAuthorizer';

/**
 * Properties of a {@link WebSocketLambdaAuthorizer}.
 */
export interface WebSocketLambdaAuthorizerProps {
  /**
   * The function that decides whether a connection is allowed; it returns an IAM policy.
   */
  readonly handler: IFunction;

  /**
   * The connection request values the function needs, in `route.request.header.Name`,
   * `route.request.querystring.name`, `stageVariables.name` or `context.name` form. A connection request that
   * lacks any of them is rejected with 401 without calling the function. At least one.
   * @default ['route.request.header.Authorization']
   */
  readonly identitySource?: string[];

  /**
   * The name of the authorizer; unique within each API it is used on.
   * @default 'LambdaAuthorizer'
   */
  readonly authorizerName?: string;
  /**
   * The IAM role that API Gateway assumes to invoke the function (CloudFormation's `AuthorizerCredentialsArn`, which
   * WebSocket authorizers take too); with a role, no resource-based permission is added to the function.
   * aws-cdk-lib 2.x offers this on its HTTP Lambda authorizer only.
   * @default - No role
   */
  readonly role?: iam.IRoleRef;
}

/**
 * Authorizes the `$connect` route of a WebSocket API by calling a Lambda function (a `REQUEST` authorizer; the
 * route gets authorization type `CUSTOM`). WebSocket APIs authorize only when a client connects.
 *
 * Binding it creates the `AWS::ApiGatewayV2::Authorizer` once per API and allows `apigateway.amazonaws.com` to
 * invoke the function for that authorizer only
 * (source ARN `arn:{partition}:execute-api:{region}:{account}:{apiId}/authorizers/{authorizerId}`).
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-lambda-auth.html
 */
export class WebSocketLambdaAuthorizer implements IWebSocketRouteAuthorizer {
  private readonly handler: IFunction;
  private readonly authorizerName: string;
  private readonly identitySource: string[];
  private readonly role?: iam.IRoleRef;
  private readonly resources = new AuthorizerPerApi<WebSocketAuthorizer>(SUBJECT);

  constructor(props: WebSocketLambdaAuthorizerProps) {
    this.handler = props.handler;
    this.role = props.role;
    this.authorizerName = props.authorizerName ?? 'LambdaAuthorizer';
    this.identitySource = props.identitySource ?? ['route.request.header.Authorization'];
    checkAuthorizerName(SUBJECT, this.authorizerName);
    checkIdentitySources({
      subject: SUBJECT,
      identitySource: this.identitySource,
      syntax: 'websocket',
      required: { reason: 'for a Lambda REQUEST authorizer' },
    });
  }

  public bind(options: WebSocketRouteAuthorizerBindOptions): WebSocketRouteAuthorizerConfig {
    const webSocketApi = options.route.webSocketApi;
    const authorizer = this.resources.bind({
      api: webSocketApi,
      scope: options.scope,
      authorizerName: this.authorizerName,
      pinnedTo: [this.handler],
      create: (scope, id) => {
        const resource = new WebSocketAuthorizer(scope, id, {
          webSocketApi,
          type: WebSocketAuthorizerType.LAMBDA,
          authorizerName: this.authorizerName,
          identitySource: this.identitySource,
          authorizerUri: lambdaInvocationUri(scope, this.handler),
          role: this.role,
        });
        if (this.role === undefined) {
          allowAuthorizerInvoke({ handler: this.handler, authorizer: resource, apiId: webSocketApi.apiId, authorizerId: resource.authorizerId });
        }
        return resource;
      },
    });
    return { authorizationType: WebSocketRouteAuthorizationType.CUSTOM, authorizerId: authorizer.authorizerId };
  }
}
