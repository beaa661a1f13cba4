import { IConstruct } from 'constructs';
import { HttpAuthorizer, HttpAuthorizerType } from '../http/http-authorizer';
import { HttpRouteAuthorizerBindOptions, HttpRouteAuthorizerConfig } from '../http/http-route-authorizer';
import { AuthorizerPerApi } from './authorizer-per-api';

/** The settings of a JWT authorizer resource, as the JWT and user pool authorizers compute them. */
export interface JwtAuthorizerSettings {
  readonly authorizerName: string;
  readonly identitySource: string[];
  readonly jwtIssuer: string;
  readonly jwtAudience: string[];
  /** Constructs the authorizer refers to (the user pool). @default - none */
  readonly pinnedTo?: IConstruct[];
}

/**
 * Binds a JWT authorizer to a route: one `AWS::ApiGatewayV2::Authorizer` of type `JWT` per API, and the route
 * gets authorization type `JWT` with that authorizer's id. Scopes are the route's business (the route merges
 * its own or the API's default scopes), so none are returned here.
 */
export function bindJwtAuthorizer(
  resources: AuthorizerPerApi<HttpAuthorizer>,
  options: HttpRouteAuthorizerBindOptions,
  settings: JwtAuthorizerSettings,
): HttpRouteAuthorizerConfig {
  const httpApi = options.route.httpApi;
  const authorizer = resources.bind({
    api: httpApi,
    scope: options.scope,
    authorizerName: settings.authorizerName,
    pinnedTo: settings.pinnedTo,
    create: (scope, id) => new HttpAuthorizer(scope, id, {
      httpApi,
      type: HttpAuthorizerType.JWT,
      authorizerName: settings.authorizerName,
      identitySource: settings.identitySource,
      jwtIssuer: settings.jwtIssuer,
      jwtAudience: settings.jwtAudience,
    }),
  });
  return { authorizationType: 'JWT', authorizerId: authorizer.authorizerId };
}
