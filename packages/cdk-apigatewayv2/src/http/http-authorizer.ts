import { Duration, Resource } from 'aws-cdk-lib';
import { CfnAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { IAuthorizer } from '../common/authorizer';
import {
  checkAuthorizerName, checkIdentitySources, checkJwtAudience, checkJwtIssuer, checkLambdaAuthorizerCache,
} from '../private/authorizer-rules';
import { throwInvalid } from '../private/invalid';
import { routeTypeOfAuthorizer } from '../private/route-authorization';
import { IHttpApi } from './http-api';
import { HttpRouteAuthorizerBindOptions, HttpRouteAuthorizerConfig, IHttpRouteAuthorizer } from './http-route-authorizer';

/**
 * The kind of an HTTP API authorizer.
 */
export enum HttpAuthorizerType {
  /** Validates a JSON Web Token (OpenID Connect / OAuth 2.0 issuer). */
  JWT = 'JWT',
  /** Calls a Lambda function (CloudFormation `REQUEST`). */
  LAMBDA = 'REQUEST',
}

/**
 * The version of the event sent to a Lambda authorizer.
 */
export enum AuthorizerPayloadVersion {
  /** Version 1.0 event; the function returns an IAM policy. */
  VERSION_1_0 = '1.0',
  /** Version 2.0 event; the function returns an IAM policy or, with simple responses, `{ isAuthorized }`. */
  VERSION_2_0 = '2.0',
}

/**
 * An authorizer of an HTTP API.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- a named HTTP flavour of IAuthorizer, as in the v1.123 API
export interface IHttpAuthorizer extends IAuthorizer {}

/**
 * Properties of an {@link HttpAuthorizer}.
 */
export interface HttpAuthorizerProps {
  /** The API the authorizer belongs to. */
  readonly httpApi: IHttpApi;

  /** The authorizer type. */
  readonly type: HttpAuthorizerType;

  /**
   * Where the identity comes from, e.g. `$request.header.Authorization`. A JWT authorizer takes exactly one.
   */
  readonly identitySource: string[];

  /**
   * The name of the authorizer.
   * @default - id of the HttpAuthorizer construct.
   */
  readonly authorizerName?: string;

  /**
   * The issuer of accepted tokens (the `iss` claim).
   * @default - required for JWT authorizer types.
   */
  readonly jwtIssuer?: string;

  /**
   * The accepted audiences (the `aud` or `client_id` claim); at least one.
   * @default - required for JWT authorizer types.
   */
  readonly jwtAudience?: string[];

  /**
   * The invocation URI of the Lambda authorizer function.
   * @default - required for Lambda authorizer types
   */
  readonly authorizerUri?: string;

  /**
   * Whether the Lambda authorizer returns `{ isAuthorized, context }` instead of an IAM policy.
   * Requires payload format version 2.0.
   * @default - The lambda authorizer must return an IAM policy as its response
   */
  readonly enableSimpleResponses?: boolean;

  /**
   * The event format sent to the Lambda authorizer.
   * @default AuthorizerPayloadVersion.VERSION_2_0 if the authorizer type is HttpAuthorizerType.LAMBDA
   */
  readonly payloadFormatVersion?: AuthorizerPayloadVersion;

  /**
   * How long API Gateway caches a Lambda authorizer's response, at most 1 hour.
   * @default - API Gateway will not cache authorizer responses
   */
  readonly resultsCacheTtl?: Duration;

  /**
   * The IAM role that the API Gateway service assumes while invoking the authorizer (Lambda authorizers); it must
   * be allowed `lambda:InvokeFunction` on the function.
   * @default - No role
   */
  readonly role?: iam.IRoleRef;
}

/**
 * Reference to an authorizer created outside this construct tree.
 */
export interface HttpAuthorizerAttributes {
  /** The id of the authorizer. */
  readonly authorizerId: string;

  /**
   * The type of the authorizer: `JWT`, or `REQUEST` (its `AuthorizerType`) or `CUSTOM` (the route's authorization
   * type, as aws-cdk-lib's attributes name it) for a Lambda authorizer.
   */
  readonly authorizerType: string;
}

const SUBJECT = 'HttpAuthorizer';
/** @aws-cdk 1.123's message when a JWT authorizer lacks its issuer or audience. */
const JWT_V1 = 'jwtAudience and jwtIssuer are mandatory for JWT authorizers';

/**
 * An `AWS::ApiGatewayV2::Authorizer` of an HTTP API.
 *
 * The authorizers in `cdk-apigatewayv2/authorizers` create one of these per API; use the class directly only
 * to manage an authorizer yourself, and attach it to routes with `HttpAuthorizer.fromHttpAuthorizerAttributes`.
 *
 * @resource AWS::ApiGatewayV2::Authorizer
 */
export class HttpAuthorizer extends Resource implements IHttpAuthorizer {
  /**
   * Imports an existing authorizer, to be used as a route authorizer.
   */
  public static fromHttpAuthorizerAttributes(scope: Construct, id: string, attrs: HttpAuthorizerAttributes): IHttpRouteAuthorizer {
    return new ImportedHttpAuthorizer(scope, id, attrs);
  }

  public readonly authorizerId: string;

  constructor(scope: Construct, id: string, props: HttpAuthorizerProps) {
    super(scope, id);
    validateAuthorizer(props);
    const isLambda = props.type === HttpAuthorizerType.LAMBDA;
    const resource = new CfnAuthorizer(this, 'Resource', {
      apiId: props.httpApi.apiId,
      name: props.authorizerName ?? id,
      authorizerType: props.type,
      identitySource: props.identitySource,
      jwtConfiguration: props.type === HttpAuthorizerType.JWT
        ? { issuer: props.jwtIssuer, audience: props.jwtAudience }
        : undefined,
      authorizerUri: props.authorizerUri,
      authorizerPayloadFormatVersion: isLambda ? props.payloadFormatVersion ?? AuthorizerPayloadVersion.VERSION_2_0 : undefined,
      enableSimpleResponses: props.enableSimpleResponses,
      authorizerResultTtlInSeconds: props.resultsCacheTtl?.toSeconds(),
      authorizerCredentialsArn: props.role?.roleRef.roleArn,
    });
    this.authorizerId = resource.ref;
  }
}

class ImportedHttpAuthorizer extends Resource implements IHttpAuthorizer, IHttpRouteAuthorizer {
  public readonly authorizerId: string;
  private readonly authorizationType: string;

  constructor(scope: Construct, id: string, attrs: HttpAuthorizerAttributes) {
    super(scope, id);
    this.authorizerId = attrs.authorizerId;
    this.authorizationType = routeAuthorizationType(attrs.authorizerType);
  }

  public bind(_options: HttpRouteAuthorizerBindOptions): HttpRouteAuthorizerConfig {
    return { authorizationType: this.authorizationType, authorizerId: this.authorizerId };
  }
}

/** The route authorization type of an imported authorizer (`JWT`, or `CUSTOM` for `REQUEST`). */
function routeAuthorizationType(authorizerType: string): string {
  return routeTypeOfAuthorizer(authorizerType, 'http')
    ?? throwInvalid(undefined, { subject: 'HttpAuthorizer', prop: 'authorizerType', rule: "must be 'JWT' or 'REQUEST'", value: authorizerType });
}

/** The rules shared with the authorizers of `cdk-apigatewayv2/authorizers` live in `private/authorizer-rules`. */
function validateAuthorizer(props: HttpAuthorizerProps): void {
  if (props.authorizerName !== undefined) {
    checkAuthorizerName(SUBJECT, props.authorizerName);
  }
  if (props.type === HttpAuthorizerType.JWT) {
    validateJwt(props);
  } else {
    validateLambda(props);
  }
}

function validateJwt(props: HttpAuthorizerProps): void {
  checkIdentitySources({ subject: SUBJECT, identitySource: props.identitySource, syntax: 'http', jwt: true });
  if (props.jwtIssuer === undefined) {
    throwInvalid(undefined, { legacyMessage: JWT_V1, subject: SUBJECT, prop: 'jwtIssuer', rule: 'is required for a JWT authorizer', value: undefined });
  }
  checkJwtIssuer(SUBJECT, props.jwtIssuer);
  if (props.jwtAudience === undefined || props.jwtAudience.length === 0) {
    throwInvalid(undefined, { legacyMessage: JWT_V1, subject: SUBJECT, prop: 'jwtAudience', rule: 'must have at least one audience', value: props.jwtAudience });
  }
  checkJwtAudience(SUBJECT, props.jwtAudience);
  const lambdaOnly = (['authorizerUri', 'enableSimpleResponses', 'payloadFormatVersion', 'resultsCacheTtl'] as const)
    .filter((prop) => props[prop] !== undefined);
  if (lambdaOnly.length > 0) {
    throwInvalid(undefined, { subject: SUBJECT, prop: lambdaOnly.join(', '), rule: 'only apply to Lambda authorizers', got: 'them on a JWT authorizer' });
  }
}

function validateLambda(props: HttpAuthorizerProps): void {
  if (props.authorizerUri === undefined) {
    throwInvalid(undefined, { legacyMessage: 'authorizerUri is mandatory for Lambda authorizers', subject: SUBJECT, prop: 'authorizerUri', rule: 'is required for a Lambda authorizer', value: undefined });
  }
  if (props.jwtIssuer !== undefined || props.jwtAudience !== undefined) {
    throwInvalid(undefined, { subject: SUBJECT, prop: 'jwtIssuer and jwtAudience', rule: 'only apply to JWT authorizers', got: 'them on a Lambda authorizer' });
  }
  if (props.enableSimpleResponses && props.payloadFormatVersion === AuthorizerPayloadVersion.VERSION_1_0) {
    throwInvalid(undefined, { subject: SUBJECT, prop: 'enableSimpleResponses', rule: 'requires payloadFormatVersion 2.0', value: props.payloadFormatVersion });
  }
  checkLambdaAuthorizerCache(SUBJECT, props.resultsCacheTtl, props.identitySource);
}
