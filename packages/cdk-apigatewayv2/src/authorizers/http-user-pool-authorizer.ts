import { Stack } from 'aws-cdk-lib';
import { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { HttpAuthorizer } from '../http/http-authorizer';
import { HttpRouteAuthorizerBindOptions, HttpRouteAuthorizerConfig, IHttpRouteAuthorizer } from '../http/http-route-authorizer';
import { AuthorizerPerApi } from '../private/authorizer-per-api';
import { checkAuthorizerName, checkIdentitySources, checkRegion } from '../private/authorizer-rules';
import { bindJwtAuthorizer } from '../private/jwt-authorizer-binding';

const SUBJECT = 'HttpUserPoolAuthorizer';

/**
 * Properties of an {@link HttpUserPoolAuthorizer}.
 */
export interface UserPoolAuthorizerProps {
  /**
   * The Cognito user pool whose tokens are accepted; it is the tokens' issuer.
   */
  readonly userPool: IUserPool;

  /**
   * The app client the tokens must be issued to (the token's `aud`, or `client_id` for access tokens): @aws-cdk
   * 1.123's prop. `userPoolClients` takes several; both may be given.
   * @default - the clients of `userPoolClients`
   */
  readonly userPoolClient?: IUserPoolClient;

  /**
   * The app clients the tokens may be issued to, as aws-cdk-lib 2.x names it.
   * @default - a new client 'UserPoolAuthorizerClient' of the pool, when `userPoolClient` is not given either
   */
  readonly userPoolClients?: IUserPoolClient[];

  /**
   * The region of the user pool, which is part of the issuer URL.
   * @default - the region of the stack of the route the authorizer is attached to
   */
  readonly userPoolRegion?: string;

  /**
   * The name of the authorizer; unique within each API it is used on.
   * @default 'UserPoolAuthorizer'
   */
  readonly authorizerName?: string;

  /**
   * Where the token is read from: exactly one header (`$request.header.Name`) or query string parameter
   * (`$request.querystring.name`).
   * @default ['$request.header.Authorization']
   */
  readonly identitySource?: string[];
}

/**
 * Authorizes HTTP API routes with tokens issued by an Amazon Cognito user pool to one app client.
 *
 * This is a JWT authorizer whose issuer is `https://cognito-idp.{region}.amazonaws.com/{userPoolId}` and whose
 * audience is the app client's id. Like every authorizer of this module it creates one
 * `AWS::ApiGatewayV2::Authorizer` per API it is used on.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html
 */
export class HttpUserPoolAuthorizer implements IHttpRouteAuthorizer {
  private readonly props: UserPoolAuthorizerProps;
  private readonly authorizerName: string;
  private readonly identitySource: string[];
  private readonly resources = new AuthorizerPerApi<HttpAuthorizer>(SUBJECT, 'UserPoolAuthorizer');
  private defaultClient?: IUserPoolClient;

  constructor(props: UserPoolAuthorizerProps) {
    this.props = props;
    this.authorizerName = props.authorizerName ?? 'UserPoolAuthorizer';
    this.identitySource = props.identitySource ?? ['$request.header.Authorization'];
    checkAuthorizerName(SUBJECT, this.authorizerName);
    checkIdentitySources({ subject: SUBJECT, identitySource: this.identitySource, syntax: 'http', jwt: true });
    if (props.userPoolRegion !== undefined) {
      checkRegion(SUBJECT, 'userPoolRegion', props.userPoolRegion);
    }
  }

  /**
   * The id of the `AWS::ApiGatewayV2::Authorizer`, once a route uses this authorizer. Throws before that, and when
   * the authorizer serves several APIs (it then has one resource, and one id, per API).
   */
  public get authorizerId(): string {
    return this.resources.authorizerId();
  }

  public bind(options: HttpRouteAuthorizerBindOptions): HttpRouteAuthorizerConfig {
    const region = this.props.userPoolRegion ?? Stack.of(options.route).region;
    return bindJwtAuthorizer(this.resources, options, {
      authorizerName: this.authorizerName,
      identitySource: this.identitySource,
      jwtIssuer: `https://cognito-idp.${region}.amazonaws.com/${this.props.userPool.userPoolId}`,
      jwtAudience: this.clients().map((client) => client.userPoolClientId),
      pinnedTo: [this.props.userPool],
    });
  }

  /** 1.123's client first, then aws-cdk-lib's list; with neither, a client of the pool made once (as aws-cdk-lib). */
  private clients(): IUserPoolClient[] {
    const given = [...this.props.userPoolClient !== undefined ? [this.props.userPoolClient] : [], ...this.props.userPoolClients ?? []];
    if (given.length > 0) {
      return given;
    }
    this.defaultClient ??= this.props.userPool.addClient('UserPoolAuthorizerClient');
    return [this.defaultClient];
  }
}
