import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { describe, test } from 'vitest';
import { expectError } from '../../test/support/expect-error';
import { UrlIntegration } from '../../test/support/fake-route-integrations';
import { HttpApi } from '../http';
import { HttpUserPoolAuthorizer } from './http-user-pool-authorizer';

const integration = new UrlIntegration('https://backend.example.com');

function userPoolStack(): { stack: Stack; userPool: cognito.UserPool; userPoolClient: cognito.UserPoolClient } {
  const stack = new Stack(new App(), 'Stack');
  const userPool = new cognito.UserPool(stack, 'Pool');
  const userPoolClient = userPool.addClient('Client');
  return { stack, userPool, userPoolClient };
}

describe('HttpUserPoolAuthorizer', () => {
  test('uses the pool as issuer in the stack region and the client id as audience', () => {
    const { stack, userPool, userPoolClient } = userPoolStack();
    const api = new HttpApi(stack, 'Api', { defaultAuthorizer: new HttpUserPoolAuthorizer({ userPool, userPoolClient }) });
    api.addRoutes({ path: '/books', integration });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      Name: 'UserPoolAuthorizer',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: Match.stringLikeRegexp('^PoolClient') }],
        Issuer: {
          'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', { Ref: Match.stringLikeRegexp('^Pool') }]],
        },
      },
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { AuthorizationType: 'JWT', AuthorizerId: Match.anyValue() });
  });

  test('uses an explicit user pool region in the issuer URL', () => {
    const { stack, userPool, userPoolClient } = userPoolStack();
    const authorizer = new HttpUserPoolAuthorizer({ userPool, userPoolClient, userPoolRegion: 'eu-west-1', authorizerName: 'Members' });
    new HttpApi(stack, 'Api').addRoutes({ path: '/books', integration, authorizer, authorizationScopes: ['aws.cognito.signin.user.admin'] });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      Name: 'Members',
      JwtConfiguration: {
        Issuer: { 'Fn::Join': ['', ['https://cognito-idp.eu-west-1.amazonaws.com/', { Ref: Match.stringLikeRegexp('^Pool') }]] },
      },
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { AuthorizationScopes: ['aws.cognito.signin.user.admin'] });
  });

  test('uses the region of a stack with an explicit environment', () => {
    const stack = new Stack(new App(), 'Stack', { env: { region: 'ap-southeast-2', account: '123456789012' } });
    const userPool = new cognito.UserPool(stack, 'Pool');
    const authorizer = new HttpUserPoolAuthorizer({ userPool, userPoolClient: userPool.addClient('Client') });
    new HttpApi(stack, 'Api').addRoutes({ path: '/books', integration, authorizer });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      JwtConfiguration: {
        Issuer: { 'Fn::Join': ['', ['https://cognito-idp.ap-southeast-2.amazonaws.com/', { Ref: Match.stringLikeRegexp('^Pool') }]] },
      },
    });
  });

  test('creates one authorizer per API', () => {
    const { stack, userPool, userPoolClient } = userPoolStack();
    const authorizer = new HttpUserPoolAuthorizer({ userPool, userPoolClient });
    new HttpApi(stack, 'First', { defaultAuthorizer: authorizer }).addRoutes({ path: '/a', integration });
    const second = new HttpApi(stack, 'Second', { defaultAuthorizer: authorizer });
    second.addRoutes({ path: '/b', integration });
    second.addRoutes({ path: '/c', integration });
    Template.fromStack(stack).resourceCountIs('AWS::ApiGatewayV2::Authorizer', 2);
  });

  test.each([
    ['an invalid region', { userPoolRegion: 'Ireland' }, "HttpUserPoolAuthorizer userPoolRegion must be an AWS region such as 'us-east-1', got 'Ireland'"],
    ['two identity sources', { identitySource: ['$request.header.A', '$request.querystring.b'] },
      "HttpUserPoolAuthorizer identitySource must have exactly one entry for a JWT authorizer, got 2 (['$request.header.A', '$request.querystring.b'])"],
    ['a stage variable identity source', { identitySource: ['$stageVariables.token'] },
      "HttpUserPoolAuthorizer identitySource of a JWT authorizer must be a header ('$request.header.Name') or a query string parameter ('$request.querystring.name'), got '$stageVariables.token'"],
    ['a name over 128 characters', { authorizerName: 'x'.repeat(130) },
      `HttpUserPoolAuthorizer authorizerName must be 1 to 128 characters long, got '${'x'.repeat(130)}' (130 characters)`],
  ])('rejects %s', (_name, props, message) => {
    const { userPool, userPoolClient } = userPoolStack();
    expectError(() => new HttpUserPoolAuthorizer({ userPool, userPoolClient, ...props }), message);
  });
});
