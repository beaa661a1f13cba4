import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, test } from 'vitest';
import { expectError } from '../../test/support/expect-error';
import { executeApiArnJoin, invocationUriJoin, logicalId, newFunction, newStack } from '../../test/support/websocket-fixtures';
import { WebSocketApi, WebSocketRoute } from '../index';
import { LambdaWebSocketIntegration, LambdaWebSocketIntegrationProps } from './index';





describe('LambdaWebSocketIntegration', () => {
  test('integrates the route with the function\'s invocation URI as AWS_PROXY', () => {
    const stack = newStack();
    const handler = newFunction(stack, 'Handler');
    const api = new WebSocketApi(stack, 'Api');
    api.addRoute('sendmessage', { integration: new LambdaWebSocketIntegration({ handler }) });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      ApiId: { Ref: logicalId(api) },
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: invocationUriJoin(logicalId(handler)),
    });
  });

  test('lets API Gateway invoke the function for the route it serves', () => {
    const stack = newStack();
    const handler = newFunction(stack, 'Handler');
    const api = new WebSocketApi(stack, 'Api');
    api.addRoute('sendmessage', { integration: new LambdaWebSocketIntegration({ handler }) });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::Permission', 1);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [logicalId(handler), 'Arn'] },
      Principal: 'apigateway.amazonaws.com',
      SourceArn: executeApiArnJoin(logicalId(api), `*/*${'sendmessage'}`),
    });
  });

  test('one instance on several routes: one integration, and a permission for every route', () => {
    const stack = newStack();
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
      template.hasResourceProperties('AWS::Lambda::Permission', { SourceArn: executeApiArnJoin(logicalId(api), `*/*${routeKey}`) });
    }
  });

  test('two instances for one function share the integration but each route gets its permission', () => {
    const stack = newStack();
    const handler = newFunction(stack, 'Handler');
    const api = new WebSocketApi(stack, 'Api');
    api.addRoute('a', { integration: new LambdaWebSocketIntegration({ handler }) });
    api.addRoute('b', { integration: new LambdaWebSocketIntegration({ handler }) });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', 1);
    template.hasResourceProperties('AWS::Lambda::Permission', { SourceArn: executeApiArnJoin(logicalId(api), `*/*${'a'}`) });
    template.hasResourceProperties('AWS::Lambda::Permission', { SourceArn: executeApiArnJoin(logicalId(api), `*/*${'b'}`) });
  });

  test('different functions get different integrations', () => {
    const stack = newStack();
    const api = new WebSocketApi(stack, 'Api');
    const first = newFunction(stack, 'First');
    const second = newFunction(stack, 'Second');
    api.addRoute('a', { integration: new LambdaWebSocketIntegration({ handler: first }) });
    api.addRoute('b', { integration: new LambdaWebSocketIntegration({ handler: second }) });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', 2);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', { IntegrationUri: invocationUriJoin(logicalId(second)) });
  });

  test('the same route key on two APIs gets a permission per API', () => {
    const stack = newStack();
    const handler = newFunction(stack, 'Handler');
    const integration = new LambdaWebSocketIntegration({ handler });
    const one = new WebSocketApi(stack, 'One');
    const two = new WebSocketApi(stack, 'Two');
    new WebSocketRoute(stack, 'OneDefault', { webSocketApi: one, routeKey: '$default', integration });
    new WebSocketRoute(stack, 'TwoDefault', { webSocketApi: two, routeKey: '$default', integration });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::Permission', 2);
    template.hasResourceProperties('AWS::Lambda::Permission', { SourceArn: executeApiArnJoin(logicalId(one), `*/*${'$default'}`) });
    template.hasResourceProperties('AWS::Lambda::Permission', { SourceArn: executeApiArnJoin(logicalId(two), `*/*${'$default'}`) });
  });

  test('a route in another stack than its API keeps the integration and permission in the route\'s stack', () => {
    const app = new App();
    const apiStack = new Stack(app, 'ApiStack');
    const routeStack = new Stack(app, 'RouteStack');
    const api = new WebSocketApi(apiStack, 'Api');
    const handler = newFunction(routeStack, 'Handler');
    new WebSocketRoute(routeStack, 'Route', {
      webSocketApi: api,
      routeKey: 'sendmessage',
      integration: new LambdaWebSocketIntegration({ handler }),
    });

    const routeTemplate = Template.fromStack(routeStack);
    routeTemplate.resourceCountIs('AWS::ApiGatewayV2::Route', 1);
    routeTemplate.resourceCountIs('AWS::ApiGatewayV2::Integration', 1);
    routeTemplate.resourceCountIs('AWS::Lambda::Permission', 1);
    Template.fromStack(apiStack).resourceCountIs('AWS::ApiGatewayV2::Integration', 0);
    expect(() => app.synth()).not.toThrow();
  });

  test('requires a handler', () => {
    expectError(() => new LambdaWebSocketIntegration({} as LambdaWebSocketIntegrationProps), 'LambdaWebSocketIntegration handler is required, got undefined',
    );
  });
});
