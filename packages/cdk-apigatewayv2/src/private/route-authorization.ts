import { IConstruct } from 'constructs';
import { throwInvalid } from './invalid';

/**
 * How a route is authorized, one representation for HTTP and WebSocket routes.
 *
 * Two different vocabularies meet here, and this module is the one place that translates between them:
 * - the **route's authorization type** (`AWS::ApiGatewayV2::Route.AuthorizationType`): `NONE`, `AWS_IAM`,
 *   `CUSTOM` (a Lambda authorizer) and, for HTTP APIs only, `JWT`;
 * - the **authorizer's type** (`AWS::ApiGatewayV2::Authorizer.AuthorizerType`): `REQUEST` (Lambda) or `JWT`.
 *   A Lambda authorizer is `REQUEST` on the authorizer and `CUSTOM` on the route.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-route.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-authorizer.html
 */
export type RouteAuthorizationType = 'NONE' | 'AWS_IAM' | 'CUSTOM' | 'JWT';

/** The protocol of the route's API; WebSocket APIs have no JWT authorizers. */
export type RouteProtocol = 'http' | 'websocket';

/** The route authorization types each protocol accepts, in the order messages list them. */
const ROUTE_TYPES: Record<RouteProtocol, readonly RouteAuthorizationType[]> = {
  http: ['NONE', 'JWT', 'CUSTOM', 'AWS_IAM'],
  websocket: ['NONE', 'AWS_IAM', 'CUSTOM'],
};

/** A route's authorization. */
export interface RouteAuthorization {
  readonly type: RouteAuthorizationType;
  /** The authorizer resource; present exactly when `type` is `CUSTOM` or `JWT`. */
  readonly authorizerId?: string;
  /** OAuth scopes (JWT only; HTTP routes merge the authorizer's and the route's). */
  readonly scopes?: readonly string[];
}

/** What an authorizer's `bind()` returns, on either protocol. */
export interface BoundAuthorizerConfig {
  readonly authorizationType: string;
  readonly authorizerId?: string;
  readonly authorizationScopes?: string[];
}

/** Who reads the config, for the messages of {@link readRouteAuthorization}. */
export interface AuthorizationReader {
  readonly protocol: RouteProtocol;
  /** The route, for the construct path. */
  readonly route: IConstruct;
  /** How the config is named in messages, e.g. `HttpRouteAuthorizerConfig`. */
  readonly subject: string;
  /** The prefix of the prop in messages, e.g. `authorizer ` for WebSocket routes. */
  readonly propPrefix?: string;
  /** @aws-cdk 1.123's message for an unknown authorization type, where 1.123 threw. */
  readonly unknownTypeLegacyMessage?: string;
}

/** Turns what an authorizer's `bind()` returned into a {@link RouteAuthorization}, refusing what the protocol does not know. */
export function readRouteAuthorization(config: BoundAuthorizerConfig, reader: AuthorizationReader): RouteAuthorization {
  const allowed = ROUTE_TYPES[reader.protocol];
  const type = allowed.find((candidate) => candidate === config.authorizationType);
  const prefix = reader.propPrefix ?? '';
  if (type === undefined) {
    return throwInvalid(reader.route, {
      legacyMessage: reader.unknownTypeLegacyMessage,
      subject: reader.subject, prop: `${prefix}authorizationType`, rule: `must be one of ${allowed.join(', ')}`, value: config.authorizationType,
    });
  }
  if (needsAuthorizerId(type) && config.authorizerId === undefined) {
    throwInvalid(reader.route, { subject: reader.subject, prop: `${prefix}authorizerId`, rule: `is required for authorizationType '${type}'`, value: undefined });
  }
  return { type, authorizerId: config.authorizerId, scopes: config.authorizationScopes };
}

/** `CUSTOM` and `JWT` routes point at an authorizer resource; `NONE` and `AWS_IAM` routes do not. */
function needsAuthorizerId(type: RouteAuthorizationType): boolean {
  return type === 'CUSTOM' || type === 'JWT';
}

/**
 * The route authorization type for an imported authorizer, from its `authorizerType` attribute. Both
 * vocabularies are accepted on both protocols: the authorizer's type (`REQUEST`, `JWT`), which is what
 * CloudFormation and the API Gateway console show, and the route's (`CUSTOM`), which aws-cdk-lib's attributes use.
 * @returns undefined when the value names no type the protocol's authorizers can have
 */
export function routeTypeOfAuthorizer(authorizerType: string, protocol: RouteProtocol): RouteAuthorizationType | undefined {
  const type = authorizerType === 'REQUEST' ? 'CUSTOM' : authorizerType;
  return ROUTE_TYPES[protocol].filter(needsAuthorizerId).find((candidate) => candidate === type);
}

/** The authorization properties of an `AWS::ApiGatewayV2::Route`; no authorization leaves them out. */
export function routeAuthorizationProps(authorization: RouteAuthorization | undefined): {
  authorizationType?: string;
  authorizerId?: string;
  authorizationScopes?: string[];
} {
  if (authorization === undefined) {
    return {};
  }
  return {
    authorizationType: authorization.type,
    authorizerId: authorization.authorizerId,
    authorizationScopes: authorization.scopes !== undefined && authorization.scopes.length > 0 ? [...authorization.scopes] : undefined,
  };
}
