import { HttpRouteAuthorizerBindOptions, HttpRouteAuthorizerConfig, IHttpRouteAuthorizer } from './http-route-authorizer';

/**
 * Makes a route public: no authorization, even when the API has a default authorizer.
 */
export class HttpNoneAuthorizer implements IHttpRouteAuthorizer {
  public bind(_options: HttpRouteAuthorizerBindOptions): HttpRouteAuthorizerConfig {
    return { authorizationType: 'NONE' };
  }
}
