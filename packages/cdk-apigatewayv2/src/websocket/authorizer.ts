import { Resource } from 'aws-cdk-lib';
import { CfnAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { IAuthorizer } from '../common/authorizer';
import { checkAuthorizerName, checkIdentitySources } from '../private/authorizer-rules';
import { throwInvalid } from '../private/invalid';
import { routeTypeOfAuthorizer } from '../private/route-authorization';
import type { IWebSocketApi } from './api';
import type { IWebSocketRoute } from './route';

/**
 * Kinds of authorizer resource a WebSocket API can hold.
 *
 * IAM authorization is a route setting (`AuthorizationType: AWS_IAM`), not an authorizer resource.
 */
export enum WebSocketAuthorizerType {
  /** A Lambda function that receives the `$connect` request (`AuthorizerType: REQUEST`). */
  LAMBDA = 'REQUEST',
}

/**
 * Route authorization types a WebSocket route can carry (`AWS::ApiGatewayV2::Route.AuthorizationType`).
 */
export enum WebSocketRouteAuthorizationType {
  /** No authorization. */
  NONE = 'NONE',
  /** Callers sign the upgrade request with SigV4 and need `execute-api:Invoke`. */
  AWS_IAM = 'AWS_IAM',
  /** A Lambda REQUEST authorizer decides; the route then needs an `authorizerId`. */
  CUSTOM = 'CUSTOM',
}

/**
 * Properties of a WebSocketAuthorizer.
 */
export interface WebSocketAuthorizerProps {
  /**
   * The API the authorizer belongs to.
   */
  readonly webSocketApi: IWebSocketApi;

  /**
   * The kind of authorizer.
   */
  readonly type: WebSocketAuthorizerType;

  /**
   * Where the caller's identity is read from, in WebSocket syntax, e.g. `route.request.header.Auth`,
   * `route.request.querystring.token`. A connection missing any of them is rejected with 401 before
   * the authorizer runs.
   */
  readonly identitySource: string[];

  /**
   * The invocation URI of the authorizer's Lambda function
   * (`arn:{partition}:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations`).
   */
  readonly authorizerUri: string;

  /**
   * Name of the authorizer.
   *
   * @default - the id of the WebSocketAuthorizer construct
   */
  readonly authorizerName?: string;

  /**
   * The IAM role that API Gateway assumes to invoke the authorizer's function.
   * @default - No role
   */
  readonly role?: iam.IRoleRef;
}

/**
 * An authorizer resource of a WebSocket API.
 */
export interface IWebSocketAuthorizer extends IAuthorizer {} // eslint-disable-line @typescript-eslint/no-empty-object-type -- jsii languages type this nominally

/**
 * What identifies an existing WebSocket authorizer.
 */
export interface WebSocketAuthorizerAttributes {
  /**
   * Id of the authorizer.
   */
  readonly authorizerId: string;

  /**
   * The type of the authorizer: `REQUEST` (its `AuthorizerType`) or `CUSTOM` (the route's authorization type),
   * both meaning a Lambda authorizer.
   */
  readonly authorizerType: string;
}

/**
 * What an authorizer receives when a route attaches it.
 */
export interface WebSocketRouteAuthorizerBindOptions {
  /**
   * The route being authorized.
   */
  readonly route: IWebSocketRoute;

  /**
   * The scope in which to create any resource the authorizer needs (usually the route).
   */
  readonly scope: Construct;
}

/**
 * How a route is authorized, as an authorizer reports it to the route.
 */
export interface WebSocketRouteAuthorizerConfig {
  /**
   * The route's `AuthorizationType`: `NONE`, `AWS_IAM` or `CUSTOM`
   * (see `WebSocketRouteAuthorizationType`).
   */
  readonly authorizationType: string;

  /**
   * Id of the authorizer resource; required when `authorizationType` is `CUSTOM`.
   *
   * @default - no authorizer resource
   */
  readonly authorizerId?: string;
}

/**
 * Something that can authorize the `$connect` route of a WebSocket API.
 */
export interface IWebSocketRouteAuthorizer {
  /**
   * Called once by each route that uses this authorizer.
   */
  bind(options: WebSocketRouteAuthorizerBindOptions): WebSocketRouteAuthorizerConfig;
}

/**
 * A Lambda REQUEST authorizer resource of a WebSocket API.
 *
 * It can be passed as a route's `authorizer` itself; it does not grant API Gateway permission to invoke the
 * function (`WebSocketLambdaAuthorizer` in the `authorizers` submodule does both).
 *
 * @resource AWS::ApiGatewayV2::Authorizer
 */
export class WebSocketAuthorizer extends Resource implements IWebSocketAuthorizer, IWebSocketRouteAuthorizer {
  /**
   * Uses an authorizer that exists outside this app.
   */
  public static fromWebSocketAuthorizerAttributes(
    scope: Construct,
    id: string,
    attrs: WebSocketAuthorizerAttributes,
  ): IWebSocketRouteAuthorizer {
    return new ImportedWebSocketAuthorizer(scope, id, attrs);
  }

  /**
   * Id of the authorizer.
   *
   * @attribute
   */
  public readonly authorizerId: string;

  /**
   * The API the authorizer belongs to.
   */
  public readonly webSocketApi: IWebSocketApi;

  constructor(scope: Construct, id: string, props: WebSocketAuthorizerProps) {
    super(scope, id);
    const name = props.authorizerName ?? id;
    checkAuthorizerName('WebSocketAuthorizer', name);
    // API Gateway answers 401 without calling the function when a source is missing, so a REQUEST authorizer
    // needs at least one (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-lambda-auth.html).
    checkIdentitySources({
      subject: 'WebSocketAuthorizer',
      identitySource: props.identitySource,
      syntax: 'websocket',
      required: { reason: 'for a Lambda REQUEST authorizer' },
    });
    this.webSocketApi = props.webSocketApi;
    const resource = new CfnAuthorizer(this, 'Resource', {
      apiId: props.webSocketApi.apiId,
      name,
      authorizerType: props.type,
      identitySource: props.identitySource,
      authorizerUri: props.authorizerUri,
      authorizerCredentialsArn: props.role?.roleRef.roleArn,
    });
    this.authorizerId = resource.ref;
  }

  /**
   * Attaches this authorizer to a route of the same API.
   */
  public bind(options: WebSocketRouteAuthorizerBindOptions): WebSocketRouteAuthorizerConfig {
    if (options.route.webSocketApi !== this.webSocketApi) {
      throwInvalid(this, { subject: 'WebSocketAuthorizer', prop: 'webSocketApi', rule: 'must be the API of the route it authorizes', got: `another API than route '${options.route.node.path}'` });
    }
    return { authorizationType: WebSocketRouteAuthorizationType.CUSTOM, authorizerId: this.authorizerId };
  }
}

class ImportedWebSocketAuthorizer extends Resource implements IWebSocketAuthorizer, IWebSocketRouteAuthorizer {
  public readonly authorizerId: string;
  private readonly authorizationType: string;

  constructor(scope: Construct, id: string, attrs: WebSocketAuthorizerAttributes) {
    super(scope, id);
    this.authorizerId = attrs.authorizerId;
    // `REQUEST` (the authorizer's type) and `CUSTOM` (the route's) both mean a Lambda authorizer; anything else is
    // passed on and refused when a route binds it.
    this.authorizationType = routeTypeOfAuthorizer(attrs.authorizerType, 'websocket') ?? attrs.authorizerType;
  }

  public bind(_options: WebSocketRouteAuthorizerBindOptions): WebSocketRouteAuthorizerConfig {
    return { authorizationType: this.authorizationType, authorizerId: this.authorizerId };
  }
}

/**
 * Explicitly leaves a route without authorization.
 */
export class WebSocketNoneAuthorizer implements IWebSocketRouteAuthorizer {
  public bind(_options: WebSocketRouteAuthorizerBindOptions): WebSocketRouteAuthorizerConfig {
    return { authorizationType: WebSocketRouteAuthorizationType.NONE };
  }
}
