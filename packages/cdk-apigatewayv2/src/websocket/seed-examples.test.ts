// The WebSocket examples of the seed documents (seeds 004 and 001), written in TypeScript, as tests.

import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { describe, expect, test } from 'vitest';
import { LambdaWebSocketIntegration } from '../integrations';
import { WebSocketApi, WebSocketStage } from '../index';
import { executeApiArnJoin, invocationUriJoin, logicalId, newFunction, newStack } from '../../test/support/websocket-fixtures';




function integrationFor(template: Template, handlerLogicalId: string): string {
  const found = template.findResources('AWS::ApiGatewayV2::Integration', {
    Properties: { IntegrationUri: invocationUriJoin(handlerLogicalId) },
  });
  const ids = Object.keys(found);
  expect(ids).toHaveLength(1);
  return ids[0];
}

describe('seed 004: WebSocket API', () => {
  test('the default routes, a dev stage with its URLs, and a sendmessage route', () => {
    const stack = newStack();
    const connectHandler = newFunction(stack, 'ConnectHandler');
    const disconnetHandler = newFunction(stack, 'DisconnectHandler');
    const defaultHandler = newFunction(stack, 'DefaultHandler');
    const messageHandler = newFunction(stack, 'MessageHandler');

    // "To add the default WebSocket routes supported by API Gateway"
    const webSocketApi = new WebSocketApi(stack, 'mywsapi', {
      connectRouteOptions: { integration: new LambdaWebSocketIntegration({ handler: connectHandler }) },
      disconnectRouteOptions: { integration: new LambdaWebSocketIntegration({ handler: disconnetHandler }) },
      defaultRouteOptions: { integration: new LambdaWebSocketIntegration({ handler: defaultHandler }) },
    });
    const webSocketStage = new WebSocketStage(stack, 'mystage', {
      webSocketApi,
      stageName: 'dev',
      autoDeploy: true,
    });

    // "To retrieve a websocket URL and a callback URL"
    const webSocketURL = webSocketStage.url;
    const callbackURL = webSocketStage.callbackUrl;

    // "To add any other route"
    webSocketApi.addRoute('sendmessage', {
      integration: new LambdaWebSocketIntegration({ handler: messageHandler }),
    });

    const template = Template.fromStack(stack);
    const api = logicalId(webSocketApi);
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      Name: 'mywsapi',
      ProtocolType: 'WEBSOCKET',
      RouteSelectionExpression: '$request.body.action',
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', { ApiId: { Ref: api }, StageName: 'dev', AutoDeploy: true });

    template.resourceCountIs('AWS::ApiGatewayV2::Integration', 4);
    template.resourceCountIs('AWS::ApiGatewayV2::Route', 4);
    template.resourceCountIs('AWS::Lambda::Permission', 4);
    const handlers: [string, lambda.Function][] = [
      ['$connect', connectHandler],
      ['$disconnect', disconnetHandler],
      ['$default', defaultHandler],
      ['sendmessage', messageHandler],
    ];
    for (const [routeKey, handler] of handlers) {
      const integration = integrationFor(template, logicalId(handler));
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        ApiId: { Ref: api },
        RouteKey: routeKey,
        Target: { 'Fn::Join': ['', ['integrations/', { Ref: integration }]] },
      });
      template.hasResourceProperties('AWS::Lambda::Permission', {
        FunctionName: { 'Fn::GetAtt': [logicalId(handler), 'Arn'] },
        Principal: 'apigateway.amazonaws.com',
        SourceArn: executeApiArnJoin(api, `*/*${routeKey}`),
      });
    }

    const host = [{ Ref: api }, '.execute-api.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/dev'];
    expect(stack.resolve(webSocketURL)).toEqual({ 'Fn::Join': ['', ['wss://', ...host]] });
    expect(stack.resolve(callbackURL)).toEqual({ 'Fn::Join': ['', ['https://', ...host]] });
  });
});

describe('seed 001: Lambda WebSocket integration', () => {
  test('a dev stage and a sendmessage route backed by a Lambda function', () => {
    const stack = newStack();
    const connectHandler = newFunction(stack, 'ConnectHandler');

    const webSocketApi = new WebSocketApi(stack, 'mywsapi');
    new WebSocketStage(stack, 'mystage', {
      webSocketApi,
      stageName: 'dev',
      autoDeploy: true,
    });

    newFunction(stack, 'MessageHandler');
    webSocketApi.addRoute('sendmessage', {
      integration: new LambdaWebSocketIntegration({
        handler: connectHandler,
      }),
    });

    const template = Template.fromStack(stack);
    const api = logicalId(webSocketApi);
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', { ApiId: { Ref: api }, StageName: 'dev', AutoDeploy: true });
    template.resourceCountIs('AWS::ApiGatewayV2::Route', 1);
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', 1);
    const integration = integrationFor(template, logicalId(connectHandler));
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'sendmessage',
      Target: { 'Fn::Join': ['', ['integrations/', { Ref: integration }]] },
    });
    template.resourceCountIs('AWS::Lambda::Permission', 1);
    template.hasResourceProperties('AWS::Lambda::Permission', { SourceArn: executeApiArnJoin(api, '*/*sendmessage') });
  });
});
