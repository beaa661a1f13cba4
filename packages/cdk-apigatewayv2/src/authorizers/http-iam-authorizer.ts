import { HttpRouteAuthorizerBindOptions, HttpRouteAuthorizerConfig, IHttpRouteAuthorizer } from '../http/http-route-authorizer';

/**
 * Authorizes HTTP API routes with IAM: callers sign requests with Signature Version 4 (service `execute-api`) and
 * need `execute-api:Invoke` on the route's ARN (see `HttpRoute.routeArn`, and `grantInvoke` style policies).
 *
 * Routes get authorization type `AWS_IAM`; no authorizer resource is created.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-access-control-iam.html
 */
export class HttpIamAuthorizer implements IHttpRouteAuthorizer {
  public bind(_options: HttpRouteAuthorizerBindOptions): HttpRouteAuthorizerConfig {
    return { authorizationType: 'AWS_IAM' };
  }
}
