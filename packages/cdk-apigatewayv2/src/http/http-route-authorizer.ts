import { Construct } from 'constructs';
import { IHttpRoute } from './http-route';

/**
 * Something that controls access to routes of an HTTP API. Implementations live in
 * `cdk-apigatewayv2/authorizers`; {@link HttpNoneAuthorizer} makes a route public.
 */
export interface IHttpRouteAuthorizer {
  /**
   * Called by each route that uses this authorizer.
   * @param options the route and the scope for resources that belong to the route's API
   */
  bind(options: HttpRouteAuthorizerBindOptions): HttpRouteAuthorizerConfig;
}

/**
 * What a route passes to `IHttpRouteAuthorizer.bind()`.
 */
export interface HttpRouteAuthorizerBindOptions {
  /** The route being authorized. */
  readonly route: IHttpRoute;

  /**
   * The scope for resources that belong to the route's API, such as the `AWS::ApiGatewayV2::Authorizer`
   * (create one per API, not one per route). This is the API construct when it is in the route's stack.
   */
  readonly scope: Construct;
}

/**
 * How a route is authorized.
 */
export interface HttpRouteAuthorizerConfig {
  /**
   * The route's authorization type: `NONE`, `JWT`, `CUSTOM` (Lambda authorizer) or `AWS_IAM`.
   */
  readonly authorizationType: string;

  /**
   * The id of the authorizer.
   * @default - No authorizer id (useful for AWS_IAM route authorizer)
   */
  readonly authorizerId?: string;

  /**
   * Scopes that this authorizer always requires; merged with the route's scopes. JWT authorizers only.
   * @default - no authorization scopes
   */
  readonly authorizationScopes?: string[];
}
