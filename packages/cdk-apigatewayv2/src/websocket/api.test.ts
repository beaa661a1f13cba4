import { CfnParameter } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { describe, expect, test } from 'vitest';
import { expectError } from '../../test/support/expect-error';
import { RecordingWebSocketIntegration, executeApiArnJoin, logicalId, newStack } from '../../test/support/websocket-fixtures';
import { WebSocketApi, WebSocketApiKeySelectionExpression, WebSocketRoute, WebSocketStage } from '../index';




describe('WebSocketApi', () => {
  test('creates a WEBSOCKET api named after its id that selects routes by $request.body.action', () => {
    const stack = newStack();
    const api = new WebSocketApi(stack, 'ChatApi');

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Api', {
      Name: 'ChatApi',
      ProtocolType: 'WEBSOCKET',
      RouteSelectionExpression: '$request.body.action',
      Description: Match.absent(),
      ApiKeySelectionExpression: Match.absent(),
    });
    expect(api.webSocketApiName).toBe('ChatApi');
    Template.fromStack(stack).resourceCountIs('AWS::ApiGatewayV2::Route', 0);
  });

  test('passes apiName, description and routeSelectionExpression through', () => {
    const stack = newStack();
    const api = new WebSocketApi(stack, 'Api', {
      apiName: 'chat',
      description: 'chat room',
      routeSelectionExpression: '${request.body.type}-${request.body.version}',
    });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Api', {
      Name: 'chat',
      Description: 'chat room',
      RouteSelectionExpression: '${request.body.type}-${request.body.version}',
    });
    expect(api.webSocketApiName).toBe('chat');
  });

  test('exposes apiId as the Ref and apiEndpoint as the ApiEndpoint attribute', () => {
    const stack = newStack();
    const api = new WebSocketApi(stack, 'Api');
    const id = logicalId(api);

    expect(stack.resolve(api.apiId)).toEqual({ Ref: id });
    expect(stack.resolve(api.apiEndpoint)).toEqual({ 'Fn::GetAtt': [id, 'ApiEndpoint'] });
  });

  test.each([
    ['HEADER_X_API_KEY', WebSocketApiKeySelectionExpression.HEADER_X_API_KEY, '$request.header.x-api-key'],
    [
      'AUTHORIZER_USAGE_IDENTIFIER_KEY',
      WebSocketApiKeySelectionExpression.AUTHORIZER_USAGE_IDENTIFIER_KEY,
      '$context.authorizer.usageIdentifierKey',
    ],
    ['custom', WebSocketApiKeySelectionExpression.custom('$request.header.x-key'), '$request.header.x-key'],
  ])('sets ApiKeySelectionExpression from %s', (_name, expression, expected) => {
    const stack = newStack();
    new WebSocketApi(stack, 'Api', { apiKeySelectionExpression: expression });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Api', { ApiKeySelectionExpression: expected });
  });

  test('rejects a custom api key selection expression that is not a $request or $context expression', () => {
    expectError(() => WebSocketApiKeySelectionExpression.custom('x-api-key'), "WebSocketApiKeySelectionExpression expression must be a '$request.…' or '$context.…' expression, got 'x-api-key'",
    );
  });

  test('creates the $connect, $disconnect and $default routes given as props', () => {
    const stack = newStack();
    const integration = new RecordingWebSocketIntegration('arn:aws:lambda:us-east-1:123456789012:function:f');
    new WebSocketApi(stack, 'Api', {
      connectRouteOptions: { integration },
      disconnectRouteOptions: { integration },
      defaultRouteOptions: { integration },
    });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Route', 3);
    for (const routeKey of ['$connect', '$disconnect', '$default']) {
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: routeKey });
    }
  });

  test('addRoute returns a route of this API with the given key', () => {
    const stack = newStack();
    const api = new WebSocketApi(stack, 'Api');
    const route = api.addRoute('sendmessage', { integration: new RecordingWebSocketIntegration('urn:a') });

    expect(route.routeKey).toBe('sendmessage');
    expect(route.webSocketApi).toBe(api);
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Route', {
      ApiId: { Ref: logicalId(api) },
      RouteKey: 'sendmessage',
    });
  });

  test('rejects a second route with the same key', () => {
    const stack = newStack();
    const api = new WebSocketApi(stack, 'Api', { defaultRouteOptions: { integration: new RecordingWebSocketIntegration('urn:a') } });

    expectError(() => api.addRoute('$default', { integration: new RecordingWebSocketIntegration('urn:b') }), "WebSocketRoute routeKey must be unique within its API, got '$default', already used by 'Stack/Api/$default-Route' (at 'Stack/Api')",
    );
  });

  test.each([
    ['', "WebSocketApi routeSelectionExpression must not be empty, got ''"],
    ['$request.header.action', "WebSocketApi routeSelectionExpression may only use '$request.body.{path}' variables, got '$request.header.action'"],
    ['${context.routeKey}', "WebSocketApi routeSelectionExpression may only use '$request.body.{path}' variables, got '${context.routeKey}'"],
    ['$request.body', "WebSocketApi routeSelectionExpression may only use '$request.body.{path}' variables, got '$request.body'"],
  ])('rejects the route selection expression %j', (expression, message) => {
    expectError(() => new WebSocketApi(newStack(), 'Api', { routeSelectionExpression: expression }), message);
  });

  test.each(['$request.body.message.type', '${request.body.a}-${request.body.b}', 'static', '\\$default'])(
    'accepts the route selection expression %j',
    (expression) => {
      expect(() => new WebSocketApi(newStack(), 'Api', { routeSelectionExpression: expression })).not.toThrow();
    },
  );

  test('skips checking a route selection expression that is a token', () => {
    const stack = newStack();
    const expression = new CfnParameter(stack, 'Expression').valueAsString;
    new WebSocketApi(stack, 'Api', { routeSelectionExpression: expression });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Api', { RouteSelectionExpression: { Ref: 'Expression' } });
  });

  test('metric reads AWS/ApiGateway with the ApiId dimension', () => {
    const stack = newStack();
    const api = new WebSocketApi(stack, 'Api');
    const metric = api.metric('MessageCount', { statistic: 'Sum' });

    expect(metric.namespace).toBe('AWS/ApiGateway');
    expect(metric.metricName).toBe('MessageCount');
    expect(metric.statistic).toBe('Sum');
    expect(stack.resolve(metric.dimensions)).toEqual({ ApiId: { Ref: logicalId(api) } });
  });

  test('grantManageConnections allows execute-api:ManageConnections on @connections of every stage', () => {
    const stack = newStack();
    const api = new WebSocketApi(stack, 'Api');
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    api.grantManageConnections(role);

    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          {
            Action: 'execute-api:ManageConnections',
            Effect: 'Allow',
            Resource: executeApiArnJoin(logicalId(api), '*/*/@connections/*'),
          },
        ],
      },
    });
  });

  describe('fromWebSocketApiAttributes', () => {
    test('gives the id and endpoint it was given, and stages, routes and grants can use it', () => {
      const stack = newStack();
      const api = WebSocketApi.fromWebSocketApiAttributes(stack, 'Imported', {
        webSocketId: 'abc123',
        apiEndpoint: 'wss://abc123.execute-api.us-east-1.amazonaws.com',
      });
      const stage = new WebSocketStage(stack, 'Stage', { webSocketApi: api, stageName: 'dev' });
      new WebSocketRoute(stack, 'Route', { webSocketApi: api, routeKey: 'join', integration: new RecordingWebSocketIntegration('urn:a') });
      const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      stage.grantManageConnections(role);

      expect(api.apiId).toBe('abc123');
      expect(api.apiEndpoint).toBe('wss://abc123.execute-api.us-east-1.amazonaws.com');
      expect(stack.resolve(api.metric('ConnectCount').dimensions)).toEqual({ ApiId: 'abc123' });
      const template = Template.fromStack(stack);
      template.resourceCountIs('AWS::ApiGatewayV2::Api', 0);
      template.hasResourceProperties('AWS::ApiGatewayV2::Stage', { ApiId: 'abc123', StageName: 'dev' });
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', { ApiId: 'abc123', RouteKey: 'join' });
      template.hasResourceProperties('AWS::ApiGatewayV2::Integration', { ApiId: 'abc123' });
      template.hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: { Statement: [Match.objectLike({ Resource: { 'Fn::Join': ['', Match.arrayWith([':abc123/dev/*/@connections/*'])] } })] },
      });
    });

    test('reading apiEndpoint without it throws', () => {
      const api = WebSocketApi.fromWebSocketApiAttributes(newStack(), 'Imported', { webSocketId: 'abc123' });
      expectError(
        () => api.apiEndpoint,
        "apiEndpoint is not configured on the imported WebSocketApi. WebSocketApi apiEndpoint of an imported API is known only when passed to WebSocketApi.fromWebSocketApiAttributes, got undefined (at 'Stack/Imported')",
      );
    });
  });
});
