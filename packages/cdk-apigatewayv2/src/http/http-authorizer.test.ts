import { App, Duration, Lazy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, test } from 'vitest';
import { expectError } from '../../test/support/expect-error';
import { UrlIntegration } from '../../test/support/fake-route-integrations';
import { AuthorizerPayloadVersion, HttpApi, HttpAuthorizer, HttpAuthorizerProps, HttpAuthorizerType } from '../index';

function newStack(): Stack {
  return new Stack(new App(), 'Stack');
}

describe('HttpAuthorizer', () => {
  test('creates a JWT authorizer named after its id', () => {
    const stack = newStack();
    const httpApi = new HttpApi(stack, 'Api');
    new HttpAuthorizer(stack, 'Jwt', { httpApi, type: HttpAuthorizerType.JWT, identitySource: ['$request.header.Authorization'], jwtIssuer: 'https://issuer.example.com', jwtAudience: ['books'] });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      Name: 'Jwt', AuthorizerType: 'JWT', IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Issuer: 'https://issuer.example.com', Audience: ['books'] },
      AuthorizerPayloadFormatVersion: Match.absent(),
    });
  });

  test('creates a Lambda authorizer with payload version 2.0 by default', () => {
    const stack = newStack();
    const httpApi = new HttpApi(stack, 'Api');
    new HttpAuthorizer(stack, 'Lambda', {
      httpApi, type: HttpAuthorizerType.LAMBDA, identitySource: ['$request.header.Authorization'], authorizerUri: 'arn:uri',
      enableSimpleResponses: true, resultsCacheTtl: Duration.minutes(5), authorizerName: 'books-authorizer',
    });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      Name: 'books-authorizer', AuthorizerType: 'REQUEST', AuthorizerUri: 'arn:uri', AuthorizerPayloadFormatVersion: '2.0',
      EnableSimpleResponses: true, AuthorizerResultTtlInSeconds: 300,
    });
  });

  test('imports an authorizer that routes bind with the matching authorization type', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    const authorizer = HttpAuthorizer.fromHttpAuthorizerAttributes(stack, 'Imported', { authorizerId: 'abc', authorizerType: 'REQUEST' });
    api.addRoutes({ path: '/x', integration: new UrlIntegration('https://example.com'), authorizer });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Route', { AuthorizationType: 'CUSTOM', AuthorizerId: 'abc' });
  });
});

describe('HttpAuthorizer validation', () => {
  const jwtBase = { type: HttpAuthorizerType.JWT, identitySource: ['$request.header.Authorization'], jwtIssuer: 'https://i', jwtAudience: ['a'] };
  const lambdaBase = { type: HttpAuthorizerType.LAMBDA, identitySource: ['$request.header.Authorization'], authorizerUri: 'arn:uri' };
  const cases: [string, Omit<HttpAuthorizerProps, 'httpApi'>, string][] = [
    ['a JWT authorizer without issuer', { ...jwtBase, jwtIssuer: undefined }, 'jwtAudience and jwtIssuer are mandatory for JWT authorizers: HttpAuthorizer jwtIssuer is required for a JWT authorizer, got undefined'],
    ['a JWT authorizer without audience', { ...jwtBase, jwtAudience: [] }, 'jwtAudience and jwtIssuer are mandatory for JWT authorizers: HttpAuthorizer jwtAudience must have at least one audience, got []'],
    ['a JWT authorizer with two identity sources', { ...jwtBase, identitySource: ['$request.header.A', '$request.header.B'] }, "HttpAuthorizer identitySource must have exactly one entry for a JWT authorizer, got 2 (['$request.header.A', '$request.header.B'])"],
    ['a JWT authorizer with Lambda settings', { ...jwtBase, authorizerUri: 'arn:uri', resultsCacheTtl: Duration.minutes(1) }, 'HttpAuthorizer authorizerUri, resultsCacheTtl only apply to Lambda authorizers, got them on a JWT authorizer'],
    ['a Lambda authorizer without uri', { ...lambdaBase, authorizerUri: undefined }, 'authorizerUri is mandatory for Lambda authorizers: HttpAuthorizer authorizerUri is required for a Lambda authorizer, got undefined'],
    ['a Lambda authorizer with JWT settings', { ...lambdaBase, jwtIssuer: 'https://i' }, 'HttpAuthorizer jwtIssuer and jwtAudience only apply to JWT authorizers, got them on a Lambda authorizer'],
    ['simple responses with payload 1.0', { ...lambdaBase, enableSimpleResponses: true, payloadFormatVersion: AuthorizerPayloadVersion.VERSION_1_0 }, `HttpAuthorizer enableSimpleResponses requires payloadFormatVersion 2.0, got '1.0'`],
    ['a cache TTL above one hour', { ...lambdaBase, resultsCacheTtl: Duration.hours(2) }, 'HttpAuthorizer resultsCacheTtl must be at most 3600 seconds (1 hour), got 7200 seconds'],
    ['caching without identity source', { ...lambdaBase, identitySource: [], resultsCacheTtl: Duration.minutes(1) }, 'HttpAuthorizer identitySource must have at least one entry while results are cached (resultsCacheTtl 60 seconds; Duration.seconds(0) turns caching off), got []'],
    ['a malformed identity source', { ...lambdaBase, identitySource: ['Authorization'] }, `HttpAuthorizer identitySource entries must look like one of '$request.header.Name', '$request.querystring.name', '$context.name', '$stageVariables.name', got 'Authorization'`],
    ['a JWT authorizer with an http:// issuer', { ...jwtBase, jwtIssuer: 'http://issuer.example.com' }, `HttpAuthorizer jwtIssuer must be an https:// URL, got 'http://issuer.example.com'`],
    ['a JWT token read from the context', { ...jwtBase, identitySource: ['$context.authorizer.token'] }, `HttpAuthorizer identitySource of a JWT authorizer must be a header ('$request.header.Name') or a query string parameter ('$request.querystring.name'), got '$context.authorizer.token'`],
    ['a cache TTL in fractions of a second', { ...lambdaBase, resultsCacheTtl: Duration.millis(2500) }, 'HttpAuthorizer resultsCacheTtl must be a whole number of seconds, got 2 seconds 500 millis'],
    ['an empty name', { ...jwtBase, authorizerName: '' }, `HttpAuthorizer authorizerName must be 1 to 128 characters long, got '' (0 characters)`],
  ];

  test.each(cases)('rejects %s', (_name, props, message) => {
    const stack = newStack();
    const httpApi = new HttpApi(stack, 'Api');
    expectError(() => new HttpAuthorizer(stack, 'Authorizer', { httpApi, ...props }), message);
  });

  test('rejects importing an authorizer of an unknown type', () => {
    expectError(() => HttpAuthorizer.fromHttpAuthorizerAttributes(newStack(), 'A', { authorizerId: 'a', authorizerType: 'COGNITO' }), `HttpAuthorizer authorizerType must be 'JWT' or 'REQUEST', got 'COGNITO'`);
  });

  test('accepts an unresolved identity source', () => {
    const stack = newStack();
    const httpApi = new HttpApi(stack, 'Api');
    expect(() => new HttpAuthorizer(stack, 'A', { ...lambdaBase, httpApi, identitySource: [Lazy.string({ produce: () => '$request.header.X' })] })).not.toThrow();
  });
});
