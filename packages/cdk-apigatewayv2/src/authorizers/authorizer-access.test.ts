import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { describe, expect, test } from 'vitest';
import { expectError } from '../../test/support/expect-error';
import { UrlIntegration } from '../../test/support/fake-route-integrations';
import { LambdaWebSocketIntegration } from '../integrations';
import { HttpApi, WebSocketApi } from '../index';
import { HttpJwtAuthorizer, HttpLambdaAuthorizer, HttpUserPoolAuthorizer, WebSocketLambdaAuthorizer } from './index';

function newStack(): Stack {
  return new Stack(new App(), 'Stack');
}

function handler(stack: Stack): lambda.Function {
  return new lambda.Function(stack, 'AuthFn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({})') });
}

const integration = new UrlIntegration('https://example.com');

describe('authorizerId (aws-cdk-lib 2.x behaviour)', () => {
  test('throws before the authorizer is attached to a route, then is the authorizer resource id', () => {
    const stack = newStack();
    const authorizer = new HttpJwtAuthorizer({ jwtIssuer: 'https://issuer.example.com', jwtAudience: ['app'] });
    expectError(() => authorizer.authorizerId,
      'Cannot access authorizerId until authorizer is attached to a HttpRoute: HttpJwtAuthorizer authorizerId is known once a route uses the authorizer, got no route yet');
    new HttpApi(stack, 'Api').addRoutes({ path: '/x', integration, authorizer });
    expect((stack.resolve(authorizer.authorizerId) as { Ref: string }).Ref).toMatch(/^ApiJwtAuthorizer/);
  });

  test('is refused once the authorizer serves two APIs, each with its own resource', () => {
    const stack = newStack();
    const authorizer = new HttpLambdaAuthorizer({ authorizerName: 'Auth', handler: handler(stack) });
    new HttpApi(stack, 'A').addRoutes({ path: '/x', integration, authorizer });
    new HttpApi(stack, 'B').addRoutes({ path: '/x', integration, authorizer });
    expectError(() => authorizer.authorizerId,
      'HttpLambdaAuthorizer authorizerId names one authorizer resource, but this authorizer has one per API it is used on, got 2 APIs (Stack/A/Auth, Stack/B/Auth)');
  });
});

describe('HttpLambdaAuthorizer role', () => {
  test('should use the role and add no Lambda permission', () => {
    const stack = newStack();
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com') });
    const authorizer = new HttpLambdaAuthorizer({ authorizerName: 'BooksAuthorizer', handler: handler(stack), role });
    new HttpApi(stack, 'Api').addRoutes({ path: '/books', integration, authorizer });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'REQUEST',
      AuthorizerCredentialsArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Role'), 'Arn'] },
    });
    template.resourceCountIs('AWS::Lambda::Permission', 0);
  });

  test('without a role, API Gateway gets a permission and no credentials are set', () => {
    const stack = newStack();
    new HttpApi(stack, 'Api').addRoutes({ path: '/books', integration, authorizer: new HttpLambdaAuthorizer({ authorizerName: 'A', handler: handler(stack) }) });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', { AuthorizerCredentialsArn: Match.absent() });
    template.resourceCountIs('AWS::Lambda::Permission', 1);
  });
});

describe('HttpUserPoolAuthorizer clients', () => {
  test('multiple userPoolClients become the audience, after 1.123\'s userPoolClient', () => {
    const stack = newStack();
    const userPool = new cognito.UserPool(stack, 'Pool');
    const first = userPool.addClient('First');
    const second = userPool.addClient('Second');
    const third = userPool.addClient('Third');
    const authorizer = new HttpUserPoolAuthorizer({ userPool, userPoolClient: first, userPoolClients: [second, third] });
    new HttpApi(stack, 'Api').addRoutes({ path: '/x', integration, authorizer });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      JwtConfiguration: { Audience: [{ Ref: Match.stringLikeRegexp('^PoolFirst') }, { Ref: Match.stringLikeRegexp('^PoolSecond') }, { Ref: Match.stringLikeRegexp('^PoolThird') }] },
    });
  });

  test('with no client given, a client of the pool is created, once', () => {
    const stack = newStack();
    const userPool = new cognito.UserPool(stack, 'Pool');
    const authorizer = new HttpUserPoolAuthorizer({ userPool });
    new HttpApi(stack, 'A').addRoutes({ path: '/x', integration, authorizer });
    new HttpApi(stack, 'B').addRoutes({ path: '/x', integration, authorizer });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      JwtConfiguration: { Audience: [{ Ref: Match.stringLikeRegexp('^PoolUserPoolAuthorizerClient') }] },
    });
  });
});

describe('WebSocketLambdaAuthorizer role', () => {
  test('API Gateway assumes the role; no Lambda permission for the authorizer', () => {
    const stack = newStack();
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com') });
    const fn = handler(stack);
    const authorizer = new WebSocketLambdaAuthorizer({ authorizerName: 'Auth', handler: fn, role });
    new WebSocketApi(stack, 'Api', { connectRouteOptions: { integration: new LambdaWebSocketIntegration({ handler: fn }), authorizer } });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', { AuthorizerCredentialsArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Role'), 'Arn'] } });
    // The one permission left is the $connect integration's.
    template.resourceCountIs('AWS::Lambda::Permission', 1);
  });
});

