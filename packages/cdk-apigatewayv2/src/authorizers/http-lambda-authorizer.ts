import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IFunction } from 'aws-cdk-lib/aws-lambda';
import { AuthorizerPayloadVersion, HttpAuthorizer, HttpAuthorizerType } from '../http/http-authorizer';
import { HttpRouteAuthorizerBindOptions, HttpRouteAuthorizerConfig, IHttpRouteAuthorizer } from '../http/http-route-authorizer';
import { AuthorizerPerApi } from '../private/authorizer-per-api';
import { checkAuthorizerName, checkLambdaAuthorizerCache } from '../private/authorizer-rules';
import { throwInvalid } from '../private/invalid';
import { allowAuthorizerInvoke } from '../private/lambda-authorizer-function';
import { lambdaInvocationUri } from '../private/lambda-invocation-uri';
import { HttpLambdaResponseType } from './http-lambda-response-type';

const SUBJECT = 'HttpLambdaAuthorizer';

/**
 * Properties of an {@link HttpLambdaAuthorizer}.
 */
export interface HttpLambdaAuthorizerProps {
  /**
   * The function that decides whether a request is allowed.
   */
  readonly handler: IFunction;

  /**
   * The name of the authorizer; unique within each API it is used on.
   * @default 'LambdaAuthorizer'
   */
  readonly authorizerName?: string;

  /**
   * The request values the function needs, in `$request.header.Name`, `$request.querystring.name`,
   * `$context.name` or `$stageVariables.name` form. A request that lacks any of them is rejected with 401 without
   * calling the function, and together they are the cache key. May be empty only when caching is off.
   * @default ['$request.header.Authorization']
   */
  readonly identitySource?: string[];

  /**
   * What the function returns. Listing `SIMPLE` turns on simple responses and payload format 2.0; `IAM` alone
   * selects payload format 1.0 and IAM policy responses.
   * @default [HttpLambdaResponseType.IAM]
   */
  readonly responseTypes?: HttpLambdaResponseType[];

  /**
   * How long API Gateway caches the function's decision per identity, in whole seconds up to one hour.
   * `Duration.seconds(0)` turns caching off.
   * @default Duration.minutes(5)
   */
  readonly resultsCacheTtl?: Duration;

  /**
   * The IAM role that the API Gateway service assumes while invoking the authorizer. With a role, API Gateway calls
   * the function as that role, so no resource-based permission is added to the function.
   * @default - No role
   */
  readonly role?: iam.IRoleRef;
}

/**
 * Authorizes HTTP API routes by calling a Lambda function (a `REQUEST` authorizer; routes get authorization type
 * `CUSTOM`).
 *
 * The first route of an API that uses this object creates the `AWS::ApiGatewayV2::Authorizer` and allows
 * `apigateway.amazonaws.com` to invoke the function for that authorizer only
 * (source ARN `arn:{partition}:execute-api:{region}:{account}:{apiId}/authorizers/{authorizerId}`); the other
 * routes of that API reuse both.
 *
 * Payload format: AWS requires format 2.0 for simple responses, and accepts IAM policies with 1.0 and 2.0. This
 * class uses 2.0 with simple responses whenever `SIMPLE` is among `responseTypes`, and 1.0 when only `IAM` is.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html
 */
export class HttpLambdaAuthorizer implements IHttpRouteAuthorizer {
  private readonly props: HttpLambdaAuthorizerProps;
  private readonly authorizerName: string;
  private readonly identitySource: string[];
  private readonly resultsCacheTtl: Duration;
  private readonly simpleResponses: boolean;
  private readonly resources = new AuthorizerPerApi<HttpAuthorizer>(SUBJECT);

  constructor(props: HttpLambdaAuthorizerProps) {
    this.props = props;
    this.authorizerName = props.authorizerName ?? 'LambdaAuthorizer';
    this.identitySource = props.identitySource ?? ['$request.header.Authorization'];
    this.resultsCacheTtl = props.resultsCacheTtl ?? Duration.minutes(5);
    const responseTypes = props.responseTypes ?? [HttpLambdaResponseType.IAM];
    if (responseTypes.length === 0) {
      throwInvalid(undefined, { subject: SUBJECT, prop: 'responseTypes', rule: 'must list at least one response type (SIMPLE, IAM)', value: [] });
    }
    this.simpleResponses = responseTypes.includes(HttpLambdaResponseType.SIMPLE);

    checkAuthorizerName(SUBJECT, this.authorizerName);
    checkLambdaAuthorizerCache(SUBJECT, this.resultsCacheTtl, this.identitySource);
  }

  /**
   * The id of the `AWS::ApiGatewayV2::Authorizer`, once a route uses this authorizer. Throws before that, and when
   * the authorizer serves several APIs (it then has one resource, and one id, per API).
   */
  public get authorizerId(): string {
    return this.resources.authorizerId();
  }

  public bind(options: HttpRouteAuthorizerBindOptions): HttpRouteAuthorizerConfig {
    const httpApi = options.route.httpApi;
    const authorizer = this.resources.bind({
      api: httpApi,
      scope: options.scope,
      authorizerName: this.authorizerName,
      pinnedTo: [this.props.handler],
      create: (scope, id) => {
        const resource = new HttpAuthorizer(scope, id, {
          httpApi,
          type: HttpAuthorizerType.LAMBDA,
          authorizerName: this.authorizerName,
          identitySource: this.identitySource,
          authorizerUri: lambdaInvocationUri(scope, this.props.handler),
          enableSimpleResponses: this.simpleResponses ? true : undefined,
          payloadFormatVersion: this.simpleResponses ? AuthorizerPayloadVersion.VERSION_2_0 : AuthorizerPayloadVersion.VERSION_1_0,
          resultsCacheTtl: this.resultsCacheTtl,
          role: this.props.role,
        });
        if (this.props.role === undefined) {
          allowAuthorizerInvoke({ handler: this.props.handler, authorizer: resource, apiId: httpApi.apiId, authorizerId: resource.authorizerId });
        }
        return resource;
      },
    });
    return { authorizationType: 'CUSTOM', authorizerId: authorizer.authorizerId };
  }
}
