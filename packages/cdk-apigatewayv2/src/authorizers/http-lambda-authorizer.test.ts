import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { describe, expect, test } from 'vitest';
import { expectError } from '../../test/support/expect-error';
import { UrlIntegration } from '../../test/support/fake-route-integrations';
import { HttpApi, HttpMethod } from '../http';
import { HttpLambdaAuthorizer, HttpLambdaAuthorizerProps } from './http-lambda-authorizer';
import { HttpLambdaResponseType } from './http-lambda-response-type';

const integration = new UrlIntegration('https://backend.example.com');

function newFunction(stack: Stack, id = 'AuthFn'): lambda.Function {
  return new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ isAuthorized: true });'),
  });
}

function lambdaStack(): { stack: Stack; handler: lambda.Function } {
  const stack = new Stack(new App(), 'Stack');
  return { stack, handler: newFunction(stack) };
}

/** The logical id of the only resource of `type`. */
function onlyLogicalId(template: Template, type: string): string {
  const ids = Object.keys(template.findResources(type));
  expect(ids).toHaveLength(1);
  return ids[0];
}

describe('HttpLambdaAuthorizer', () => {
  test('creates a REQUEST authorizer with IAM responses, payload 1.0, a 5 minute cache and the Authorization header', () => {
    const { stack, handler } = lambdaStack();
    new HttpApi(stack, 'Api', { defaultAuthorizer: new HttpLambdaAuthorizer({ handler }) }).addRoutes({ path: '/books', integration });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'REQUEST',
      Name: 'LambdaAuthorizer',
      IdentitySource: ['$request.header.Authorization'],
      AuthorizerPayloadFormatVersion: '1.0',
      EnableSimpleResponses: Match.absent(),
      AuthorizerResultTtlInSeconds: 300,
      AuthorizerUri: {
        'Fn::Join': ['', [
          'arn:', { Ref: 'AWS::Partition' }, ':apigateway:', { Ref: 'AWS::Region' }, ':lambda:path/2015-03-31/functions/',
          { 'Fn::GetAtt': [Match.stringLikeRegexp('^AuthFn'), 'Arn'] }, '/invocations',
        ]],
      },
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      AuthorizationType: 'CUSTOM',
      AuthorizerId: { Ref: onlyLogicalId(template, 'AWS::ApiGatewayV2::Authorizer') },
    });
  });

  test('lets API Gateway invoke the function with the authorizer as source ARN', () => {
    const { stack, handler } = lambdaStack();
    new HttpApi(stack, 'Api', { defaultAuthorizer: new HttpLambdaAuthorizer({ handler }) }).addRoutes({ path: '/books', integration });

    const template = Template.fromStack(stack);
    const apiId = onlyLogicalId(template, 'AWS::ApiGatewayV2::Api');
    const authorizerId = onlyLogicalId(template, 'AWS::ApiGatewayV2::Authorizer');
    template.resourceCountIs('AWS::Lambda::Permission', 1);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AuthFn'), 'Arn'] },
      SourceArn: {
        'Fn::Join': ['', [
          'arn:', { Ref: 'AWS::Partition' }, ':execute-api:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':',
          { Ref: apiId }, '/authorizers/', { Ref: authorizerId },
        ]],
      },
    });
  });

  test('uses payload 2.0 with simple responses when SIMPLE is among the response types', () => {
    const { stack, handler } = lambdaStack();
    const authorizer = new HttpLambdaAuthorizer({ handler, responseTypes: [HttpLambdaResponseType.SIMPLE, HttpLambdaResponseType.IAM] });
    new HttpApi(stack, 'Api').addRoutes({ path: '/books', integration, authorizer });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerPayloadFormatVersion: '2.0',
      EnableSimpleResponses: true,
    });
  });

  test('turns caching off with a zero TTL, which allows no identity source', () => {
    const { stack, handler } = lambdaStack();
    const authorizer = new HttpLambdaAuthorizer({ handler, resultsCacheTtl: Duration.seconds(0), identitySource: [] });
    new HttpApi(stack, 'Api').addRoutes({ path: '/books', integration, authorizer });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerResultTtlInSeconds: 0,
      IdentitySource: [],
    });
  });

  test('accepts header, query string, context and stage variable identity sources', () => {
    const { stack, handler } = lambdaStack();
    const identitySource = ['$request.header.X-Api-Key', '$request.querystring.tenant', '$context.routeKey', '$context.identity.sourceIp', '$stageVariables.realm'];
    const authorizer = new HttpLambdaAuthorizer({ handler, identitySource, resultsCacheTtl: Duration.hours(1), authorizerName: 'Keys' });
    new HttpApi(stack, 'Api').addRoutes({ path: '/books', integration, authorizer });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      Name: 'Keys', IdentitySource: identitySource, AuthorizerResultTtlInSeconds: 3600,
    });
  });

  test('creates one authorizer and one permission per API, however many routes use it', () => {
    const { stack, handler } = lambdaStack();
    const authorizer = new HttpLambdaAuthorizer({ handler });
    const first = new HttpApi(stack, 'First', { defaultAuthorizer: authorizer });
    first.addRoutes({ path: '/books', methods: [HttpMethod.GET, HttpMethod.POST], integration });
    first.addRoutes({ path: '/authors', integration, authorizer });
    new HttpApi(stack, 'Second').addRoutes({ path: '/books', integration, authorizer });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 2);
    template.resourceCountIs('AWS::Lambda::Permission', 2);
  });

  test('puts the permission in the API stack when the function lives in another stack', () => {
    const app = new App();
    const functions = new Stack(app, 'Functions');
    const handler = newFunction(functions);
    const apis = new Stack(app, 'Apis');
    new HttpApi(apis, 'Api', { defaultAuthorizer: new HttpLambdaAuthorizer({ handler }) }).addRoutes({ path: '/books', integration });

    Template.fromStack(functions).resourceCountIs('AWS::Lambda::Permission', 0);
    Template.fromStack(apis).resourceCountIs('AWS::Lambda::Permission', 1);
  });
});

describe('HttpLambdaAuthorizer validation', () => {
  const cases: Array<[string, Omit<HttpLambdaAuthorizerProps, 'handler'>, string]> = [
    ['caching without an identity source', { identitySource: [] },
      'HttpLambdaAuthorizer identitySource must have at least one entry while results are cached (resultsCacheTtl 300 seconds; Duration.seconds(0) turns caching off), got []'],
    ['a TTL over one hour', { resultsCacheTtl: Duration.minutes(61) },
      'HttpLambdaAuthorizer resultsCacheTtl must be at most 3600 seconds (1 hour), got 3660 seconds'],
    ['a TTL that is not whole seconds', { resultsCacheTtl: Duration.millis(1500) },
      'HttpLambdaAuthorizer resultsCacheTtl must be a whole number of seconds, got 1 second 500 millis'],
    ['no response types', { responseTypes: [] },
      'HttpLambdaAuthorizer responseTypes must list at least one response type (SIMPLE, IAM), got []'],
    ['an identity source without a prefix', { identitySource: ['Authorization'] },
      "HttpLambdaAuthorizer identitySource entries must look like one of '$request.header.Name', '$request.querystring.name', '$context.name', '$stageVariables.name', got 'Authorization'"],
    ['an identity source with an empty name', { identitySource: ['$request.header.'] },
      "HttpLambdaAuthorizer identitySource entries must look like one of '$request.header.Name', '$request.querystring.name', '$context.name', '$stageVariables.name', got '$request.header.'"],
    ['a header name with a space', { identitySource: ['$request.header.X Key'] },
      "HttpLambdaAuthorizer identitySource entries must look like one of '$request.header.Name', '$request.querystring.name', '$context.name', '$stageVariables.name', got '$request.header.X Key'"],
    ['a stage variable name with a dash', { identitySource: ['$stageVariables.my-var'] },
      "HttpLambdaAuthorizer identitySource entries must look like one of '$request.header.Name', '$request.querystring.name', '$context.name', '$stageVariables.name', got '$stageVariables.my-var'"],
    ['an empty name', { authorizerName: '' },
      "HttpLambdaAuthorizer authorizerName must be 1 to 128 characters long, got '' (0 characters)"],
  ];

  test.each(cases)('rejects %s', (_name, props, message) => {
    const { handler } = lambdaStack();
    expectError(() => new HttpLambdaAuthorizer({ handler, ...props }), message);
  });

  test('accepts exactly one hour', () => {
    const { handler } = lambdaStack();
    expect(() => new HttpLambdaAuthorizer({ handler, resultsCacheTtl: Duration.seconds(3600) })).not.toThrow();
  });

  test('rejects two Lambda authorizers with the same name on one API', () => {
    const { stack, handler } = lambdaStack();
    const api = new HttpApi(stack, 'Api');
    api.addRoutes({ path: '/a', integration, authorizer: new HttpLambdaAuthorizer({ handler, authorizerName: 'Keys' }) });
    expectError(() => api.addRoutes({ path: '/b', integration, authorizer: new HttpLambdaAuthorizer({ handler, authorizerName: 'Keys' }) }),
      "There is already a Construct with name 'Keys' in HttpApi [Api]: HttpLambdaAuthorizer authorizerName must be unique within an API, got 'Keys', which the API at 'Stack/Api' already uses for Stack/Api/Keys (at 'Stack/Api')");
  });
});
