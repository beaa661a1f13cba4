import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { describe, expect, test } from 'vitest';
import { expectError } from '../../test/support/expect-error';
import { invocationUriJoin, newFunction, newStack, RecordingWebSocketIntegration } from '../../test/support/websocket-fixtures';
import { WebSocketApi } from '../websocket';
import { WebSocketIamAuthorizer } from './websocket-iam-authorizer';
import { WebSocketLambdaAuthorizer } from './websocket-lambda-authorizer';

const integration = new RecordingWebSocketIntegration('arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:chat/invocations');

function lambdaStack(): { stack: Stack; handler: lambda.Function } {
  const stack = newStack();
  return { stack, handler: newFunction(stack, 'AuthFn') };
}

function onlyLogicalId(template: Template, type: string): string {
  const ids = Object.keys(template.findResources(type));
  expect(ids).toHaveLength(1);
  return ids[0];
}

describe('WebSocketLambdaAuthorizer', () => {
  test('authorizes $connect with a REQUEST authorizer reading the Authorization header', () => {
    const { stack, handler } = lambdaStack();
    new WebSocketApi(stack, 'Chat', {
      connectRouteOptions: { integration, authorizer: new WebSocketLambdaAuthorizer({ handler }) },
    });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      ApiId: { Ref: onlyLogicalId(template, 'AWS::ApiGatewayV2::Api') },
      AuthorizerType: 'REQUEST',
      Name: 'LambdaAuthorizer',
      IdentitySource: ['route.request.header.Authorization'],
      AuthorizerUri: invocationUriJoin(onlyLogicalId(template, 'AWS::Lambda::Function')),
      AuthorizerPayloadFormatVersion: Match.absent(),
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: '$connect',
      AuthorizationType: 'CUSTOM',
      AuthorizerId: { Ref: onlyLogicalId(template, 'AWS::ApiGatewayV2::Authorizer') },
    });
  });

  test('lets API Gateway invoke the function with the authorizer as source ARN', () => {
    const { stack, handler } = lambdaStack();
    new WebSocketApi(stack, 'Chat', {
      connectRouteOptions: { integration, authorizer: new WebSocketLambdaAuthorizer({ handler, identitySource: ['route.request.querystring.token'] }) },
    });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'apigateway.amazonaws.com',
      SourceArn: {
        'Fn::Join': ['', [
          'arn:', { Ref: 'AWS::Partition' }, ':execute-api:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':',
          { Ref: onlyLogicalId(template, 'AWS::ApiGatewayV2::Api') }, '/authorizers/', { Ref: onlyLogicalId(template, 'AWS::ApiGatewayV2::Authorizer') },
        ]],
      },
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', { IdentitySource: ['route.request.querystring.token'] });
  });

  test('creates one authorizer on each API when the same object is used on two APIs', () => {
    const { stack, handler } = lambdaStack();
    const authorizer = new WebSocketLambdaAuthorizer({ handler, authorizerName: 'Tickets' });
    new WebSocketApi(stack, 'First', { connectRouteOptions: { integration, authorizer } });
    new WebSocketApi(stack, 'Second', { connectRouteOptions: { integration, authorizer } });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 2);
    template.resourceCountIs('AWS::Lambda::Permission', 2);
    template.allResourcesProperties('AWS::ApiGatewayV2::Authorizer', { Name: 'Tickets' });
  });

  test.each([
    ['no identity source', [], 'WebSocketLambdaAuthorizer identitySource must have at least one entry for a Lambda REQUEST authorizer, got []'],
    ['an HTTP API identity source', ['$request.header.Authorization'],
      "WebSocketLambdaAuthorizer identitySource entries must look like one of 'route.request.header.Name', 'route.request.querystring.name', 'stageVariables.name', 'context.name', got '$request.header.Authorization'"],
    ['a header name with a colon', ['route.request.header.Auth:x'],
      "WebSocketLambdaAuthorizer identitySource entries must look like one of 'route.request.header.Name', 'route.request.querystring.name', 'stageVariables.name', 'context.name', got 'route.request.header.Auth:x'"],
  ])('rejects %s', (_name, identitySource, message) => {
    const { handler } = lambdaStack();
    expectError(() => new WebSocketLambdaAuthorizer({ handler, identitySource }), message);
  });

  test('accepts stage variable and context identity sources', () => {
    const { handler } = lambdaStack();
    expect(() => new WebSocketLambdaAuthorizer({ handler, identitySource: ['stageVariables.realm', 'context.identity.sourceIp'] })).not.toThrow();
  });
});

describe('WebSocketIamAuthorizer', () => {
  test('marks $connect AWS_IAM without creating an authorizer resource', () => {
    const stack = newStack();
    new WebSocketApi(stack, 'Chat', { connectRouteOptions: { integration, authorizer: new WebSocketIamAuthorizer() } });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 0);
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$connect', AuthorizationType: 'AWS_IAM', AuthorizerId: Match.absent() });
  });
});
