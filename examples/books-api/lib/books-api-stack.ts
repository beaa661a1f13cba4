import * as path from 'node:path';
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { CorsHttpMethod, DomainName, HttpApi, HttpMethod } from 'cdk-apigatewayv2';
import { HttpJwtAuthorizer } from 'cdk-apigatewayv2/authorizers';
import { HttpProxyIntegration, LambdaProxyIntegration } from 'cdk-apigatewayv2/integrations';

/** Where `GET /books` is proxied to when the app is deployed (the seed's example endpoint). */
export const DEFAULT_BOOKS_BACKEND_URL = 'https://get-books-proxy.myproxy.internal';

/** The custom domain the API is mapped to when none is given. */
export const DEFAULT_DOMAIN_NAME = 'books.example.com';

/**
 * The ACM certificate of the custom domain when none is given: a placeholder that synthesizes and serves
 * locally; pass your own certificate's ARN to deploy.
 */
export const DEFAULT_CERTIFICATE_ARN = 'arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-0000-0000-000000000000';

/** The web pages allowed to call the API from a browser when none are given. */
export const DEFAULT_ALLOWED_ORIGINS = ['https://www.example.com', 'http://localhost:8080'];

/**
 * The issuer of the tokens `DELETE /admin/books` accepts when none is given: a placeholder (no OpenID
 * discovery answers there). Pass your Cognito user pool's or Auth0 tenant's issuer URL to deploy; `npm start`
 * signs tokens for it with a key pair of its own.
 */
export const DEFAULT_JWT_ISSUER = 'https://auth.books.example.com';

/** The audience (`aud`, or `client_id` for Cognito access tokens) accepted when none are given. */
export const DEFAULT_JWT_AUDIENCE = 'books-api';

/** The OAuth scope `DELETE /admin/books` requires when none is given. */
export const DEFAULT_ADMIN_SCOPE = 'books:admin';

export interface BooksApiStackProps extends StackProps {
  /**
   * The endpoint `GET /books` is proxied to. `npm start` passes a local books backend through the
   * `booksBackendUrl` context value instead.
   * @default DEFAULT_BOOKS_BACKEND_URL
   */
  readonly booksBackendUrl?: string;
  /**
   * The custom domain: `https://{domainName}/` serves the `$default` stage, `https://{domainName}/beta/`
   * the `beta` stage.
   * @default DEFAULT_DOMAIN_NAME
   */
  readonly domainName?: string;
  /**
   * The ARN of the domain's ACM certificate.
   * @default DEFAULT_CERTIFICATE_ARN (a placeholder)
   */
  readonly certificateArn?: string;
  /**
   * The origins browsers may call the API from (CORS).
   * @default DEFAULT_ALLOWED_ORIGINS
   */
  readonly allowedOrigins?: string[];
  /**
   * The issuer of the JSON Web Tokens the admin route accepts (an `https://` URL equal to the tokens' `iss`),
   * e.g. `https://cognito-idp.{region}.amazonaws.com/{userPoolId}` or `https://{tenant}.auth0.com/`.
   * @default DEFAULT_JWT_ISSUER (a placeholder)
   */
  readonly jwtIssuer?: string;
  /**
   * The audiences the admin route's tokens may be issued for (a Cognito app client id, an Auth0 API identifier).
   * @default [DEFAULT_JWT_AUDIENCE]
   */
  readonly jwtAudience?: string[];
  /**
   * The scope a token needs in its `scope` (or `scp`) claim to call the admin route.
   * @default DEFAULT_ADMIN_SCOPE
   */
  readonly adminScope?: string;
}

/**
 * The seed's books API: `GET /books` goes to an HTTP endpoint, every other method on `/books` to a
 * Lambda function. `DELETE /admin/books` empties the catalogue for callers with a token of the issuer that
 * carries the admin scope. Browsers on the allowed origins may call it (CORS); it is published in two stages,
 * `$default` and `beta`, both mapped to a custom domain.
 */
export class BooksApiStack extends Stack {
  constructor(scope: Construct, id: string, props: BooksApiStackProps = {}) {
    super(scope, id, props);

    const getBooksIntegration = new HttpProxyIntegration({
      url: props.booksBackendUrl ?? DEFAULT_BOOKS_BACKEND_URL,
    });

    const booksDefaultFn = new lambda.Function(this, 'BooksDefaultFn', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'books.handler',
      code: lambda.Code.fromAsset(path.join(__dirname, '..', 'lambda')),
    });
    const booksDefaultIntegration = new LambdaProxyIntegration({ handler: booksDefaultFn });

    const domainName = new DomainName(this, 'DomainName', {
      domainName: props.domainName ?? DEFAULT_DOMAIN_NAME,
      certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn ?? DEFAULT_CERTIFICATE_ARN),
    });

    const httpApi = new HttpApi(this, 'HttpApi', {
      // API Gateway answers the preflight OPTIONS requests itself and adds the CORS headers to every response.
      corsPreflight: {
        allowOrigins: props.allowedOrigins ?? DEFAULT_ALLOWED_ORIGINS,
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.DELETE],
        allowHeaders: ['content-type', 'authorization'],
        maxAge: Duration.days(1),
      },
      // https://{domainName}/ goes to the $default stage.
      defaultDomainMapping: { domainName },
    });
    httpApi.addRoutes({ path: '/books', methods: [HttpMethod.GET], integration: getBooksIntegration });
    httpApi.addRoutes({ path: '/books', methods: [HttpMethod.ANY], integration: booksDefaultIntegration });

    // Only librarians empty the catalogue: API Gateway checks the token (signature, issuer, audience, lifetime)
    // before the function runs, answers 401 without a valid one and 403 without the scope, and hands the
    // token's claims to the function (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html).
    const librarians = new HttpJwtAuthorizer({
      authorizerName: 'LibrariansAuthorizer',
      jwtIssuer: props.jwtIssuer ?? DEFAULT_JWT_ISSUER,
      jwtAudience: props.jwtAudience ?? [DEFAULT_JWT_AUDIENCE],
    });
    httpApi.addRoutes({
      path: '/admin/books',
      methods: [HttpMethod.DELETE],
      integration: booksDefaultIntegration,
      authorizer: librarians,
      authorizationScopes: [props.adminScope ?? DEFAULT_ADMIN_SCOPE],
    });

    // https://{domainName}/beta goes to the beta stage, also served at {apiEndpoint}/beta.
    const beta = httpApi.addStage('BetaStage', {
      stageName: 'beta',
      autoDeploy: true,
      domainMapping: { domainName, mappingKey: 'beta' },
    });

    new CfnOutput(this, 'ApiEndpoint', { value: httpApi.apiEndpoint });
    new CfnOutput(this, 'BetaUrl', { value: beta.url });
    new CfnOutput(this, 'BetaDomainUrl', { value: beta.domainUrl });
  }
}
