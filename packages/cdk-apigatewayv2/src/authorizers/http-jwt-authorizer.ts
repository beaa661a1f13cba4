import { HttpAuthorizer } from '../http/http-authorizer';
import { HttpRouteAuthorizerBindOptions, HttpRouteAuthorizerConfig, IHttpRouteAuthorizer } from '../http/http-route-authorizer';
import { AuthorizerPerApi } from '../private/authorizer-per-api';
import { checkAuthorizerName, checkIdentitySources, checkJwtAudience, checkJwtIssuer } from '../private/authorizer-rules';
import { bindJwtAuthorizer } from '../private/jwt-authorizer-binding';

const SUBJECT = 'HttpJwtAuthorizer';

/**
 * Properties of an {@link HttpJwtAuthorizer}.
 */
export interface HttpJwtAuthorizerProps {
  /**
   * The audiences a token may be issued for: API Gateway accepts a token whose `aud` claim (or, without `aud`, its
   * `client_id` claim) matches one of them. 1 to 50 entries.
   */
  readonly jwtAudience: string[];

  /**
   * The issuer of accepted tokens: an `https://` URL that must equal the token's `iss` claim. API Gateway reads the
   * signing keys from `{jwtIssuer}/.well-known/openid-configuration`.
   */
  readonly jwtIssuer: string;

  /**
   * The name of the authorizer; unique within each API it is used on.
   * @default 'JwtAuthorizer'
   */
  readonly authorizerName?: string;

  /**
   * Where the token is read from: exactly one header (`$request.header.Name`) or query string parameter
   * (`$request.querystring.name`). The value may be the bare token or `Bearer <token>`.
   * @default ['$request.header.Authorization']
   */
  readonly identitySource?: string[];
}

/**
 * Authorizes HTTP API routes with JSON Web Tokens from an OpenID Connect or OAuth 2.0 issuer.
 *
 * API Gateway validates the token's signature, issuer, audience and lifetime; a route's `authorizationScopes`
 * additionally require one of the scopes in the token's `scope` or `scp` claim.
 *
 * The first route of an API that uses this object creates its `AWS::ApiGatewayV2::Authorizer` (type `JWT`);
 * every other route of that API, and the API's default authorizer, reuse it.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html
 */
export class HttpJwtAuthorizer implements IHttpRouteAuthorizer {
  private readonly props: HttpJwtAuthorizerProps;
  private readonly authorizerName: string;
  private readonly identitySource: string[];
  private readonly resources = new AuthorizerPerApi<HttpAuthorizer>(SUBJECT, 'JwtAuthorizer');

  constructor(props: HttpJwtAuthorizerProps) {
    this.props = props;
    this.authorizerName = props.authorizerName ?? 'JwtAuthorizer';
    this.identitySource = props.identitySource ?? ['$request.header.Authorization'];
    checkAuthorizerName(SUBJECT, this.authorizerName);
    checkIdentitySources({ subject: SUBJECT, identitySource: this.identitySource, syntax: 'http', jwt: true });
    checkJwtIssuer(SUBJECT, props.jwtIssuer);
    checkJwtAudience(SUBJECT, props.jwtAudience);
  }

  /**
   * The id of the `AWS::ApiGatewayV2::Authorizer`, once a route uses this authorizer. Throws before that, and when
   * the authorizer serves several APIs (it then has one resource, and one id, per API).
   */
  public get authorizerId(): string {
    return this.resources.authorizerId();
  }

  public bind(options: HttpRouteAuthorizerBindOptions): HttpRouteAuthorizerConfig {
    return bindJwtAuthorizer(this.resources, options, {
      authorizerName: this.authorizerName,
      identitySource: this.identitySource,
      jwtIssuer: this.props.jwtIssuer,
      jwtAudience: this.props.jwtAudience,
    });
  }
}
