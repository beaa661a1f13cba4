import { App, CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { describe, expect, test } from 'vitest';
import { WebSocketApi, WebSocketRoute } from '../index';
import { LambdaWebSocketIntegration, LambdaWebSocketIntegrationProps } from './index';

function newFunction(stack: Stack, id: string): lambda.Function {
  return new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
  });
}

function logicalId(stack: Stack, construct: { node: { defaultChild?: unknown } }): string {
  return stack.getLogicalId(construct.node.defaultChild as CfnElement);
}

function routeSourceArn(apiLogicalId: string, routeKey: string): unknown {
  return {
    'Fn::Join': [
      '',
      [
        'arn:',
        { Ref: 'AWS::Partition' },
        ':execute-api:',
        { Ref: 'AWS::Region' },
        ':',
        { Ref: 'AWS::AccountId' },
        ':',
        { Ref: apiLogicalId },
        `/*/${routeKey}`,
      ],
    ],
  };
}

function invocationUri(functionLogicalId: string): unknown {
  return {
    'Fn::Join': [
      '',
      [
        'arn:',
        { Ref: 'AWS::Partition' },
        ':apigateway:',
        { Ref: 'AWS::Region' },
        ':lambda:path/2015-03-31/functions/',
        { 'Fn::GetAtt': [functionLogicalId, 'Arn'] },
        '/invocations',
      ],
    ],
  };
}

describe('LambdaWebSocketIntegration', () => {
  test('integrates the route with the function\'s invocation URI as AWS_PROXY', () => {
    const stack = new Stack(new App(), 'Stack');
    const handler = newFunction(stack, 'Handler');
    const api = new WebSocketApi(stack, 'Api');
    api.addRoute('sendmessage', { integration: new LambdaWebSocketIntegration({ handler }) });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      ApiId: { Ref: logicalId(stack, api) },
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: invocationUri(logicalId(stack, handler)),
    });
  });

  test('lets API Gateway invoke the function for the route it serves', () => {
    const stack = new Stack(new App(), 'Stack');
    const handler = newFunction(stack, 'Handler');
    const api = new WebSocketApi(stack, 'Api');
    api.addRoute('sendmessage', { integration: new LambdaWebSocketIntegration({ handler }) });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::Permission', 1);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [logicalId(stack, handler), 'Arn'] },
      Principal: 'apigateway.amazonaws.com',
      SourceArn: routeSourceArn(logicalId(stack, api), 'sendmessage'),
    });
  });

  test('one instance on several routes: one integration, and a permission for every route', () => {
    const stack = new Stack(new App(), 'Stack');
    const handler = newFunction(stack, 'Handler');
    const integration = new LambdaWebSocketIntegration({ handler });
    const api = new WebSocketApi(stack, 'Api', {
      connectRouteOptions: { integration },
      disconnectRouteOptions: { integration },
      defaultRouteOptions: { integration },
    });
    api.addRoute('sendmessage', { integration });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', 1);
    template.resourceCountIs('AWS::Lambda::Permission', 4);
    for (const routeKey of ['$connect', '$disconnect', '$default', 'sendmessage']) {
      template.hasResourceProperties('AWS::Lambda::Permission', { SourceArn: routeSourceArn(logicalId(stack, api), routeKey) });
    }
  });

  test('two instances for one function share the integration but each route gets its permission', () => {
    const stack = new Stack(new App(), 'Stack');
    const handler = newFunction(stack, 'Handler');
    const api = new WebSocketApi(stack, 'Api');
    api.addRoute('a', { integration: new LambdaWebSocketIntegration({ handler }) });
    api.addRoute('b', { integration: new LambdaWebSocketIntegration({ handler }) });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', 1);
    template.hasResourceProperties('AWS::Lambda::Permission', { SourceArn: routeSourceArn(logicalId(stack, api), 'a') });
    template.hasResourceProperties('AWS::Lambda::Permission', { SourceArn: routeSourceArn(logicalId(stack, api), 'b') });
  });

  test('different functions get different integrations', () => {
    const stack = new Stack(new App(), 'Stack');
    const api = new WebSocketApi(stack, 'Api');
    const first = newFunction(stack, 'First');
    const second = newFunction(stack, 'Second');
    api.addRoute('a', { integration: new LambdaWebSocketIntegration({ handler: first }) });
    api.addRoute('b', { integration: new LambdaWebSocketIntegration({ handler: second }) });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', 2);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', { IntegrationUri: invocationUri(logicalId(stack, second)) });
  });

  test('the same route key on two APIs gets a permission per API', () => {
    const stack = new Stack(new App(), 'Stack');
    const handler = newFunction(stack, 'Handler');
    const integration = new LambdaWebSocketIntegration({ handler });
    const one = new WebSocketApi(stack, 'One');
    const two = new WebSocketApi(stack, 'Two');
    new WebSocketRoute(stack, 'OneDefault', { webSocketApi: one, routeKey: '$default', integration });
    new WebSocketRoute(stack, 'TwoDefault', { webSocketApi: two, routeKey: '$default', integration });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::Permission', 2);
    template.hasResourceProperties('AWS::Lambda::Permission', { SourceArn: routeSourceArn(logicalId(stack, one), '$default') });
    template.hasResourceProperties('AWS::Lambda::Permission', { SourceArn: routeSourceArn(logicalId(stack, two), '$default') });
  });

  test('requires a handler', () => {
    expect(() => new LambdaWebSocketIntegration({} as LambdaWebSocketIntegrationProps)).toThrow(
      'LambdaWebSocketIntegration handler is required, got undefined',
    );
  });
});
