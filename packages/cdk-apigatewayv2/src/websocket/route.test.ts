import { CfnParameter, Stack } from 'aws-cdk-lib';
import { JsonSchemaType, JsonSchemaVersion } from 'aws-cdk-lib/aws-apigateway';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, test } from 'vitest';
import { expectError } from '../../test/support/expect-error';
import { RecordingWebSocketIntegration, logicalId, newStack } from '../../test/support/websocket-fixtures';
import { WebSocketApi, WebSocketNoneAuthorizer, WebSocketRoute, WebSocketStage } from '../index';


function setup(): { stack: Stack; api: WebSocketApi; integration: RecordingWebSocketIntegration } {
  const stack = newStack();
  return { stack, api: new WebSocketApi(stack, 'Api'), integration: new RecordingWebSocketIntegration('urn:backend') };
}


describe('WebSocketRoute', () => {
  test('targets an integration of the API with the bound type and uri', () => {
    const { stack, api, integration } = setup();
    const route = new WebSocketRoute(stack, 'Route', { webSocketApi: api, routeKey: 'join', integration });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      ApiId: { Ref: logicalId(api) },
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: 'urn:backend',
    });
    const integrations = template.findResources('AWS::ApiGatewayV2::Integration');
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'join',
      Target: { 'Fn::Join': ['', ['integrations/', { Ref: Object.keys(integrations)[0] }]] },
      AuthorizationType: Match.absent(),
      ApiKeyRequired: Match.absent(),
      RouteResponseSelectionExpression: Match.absent(),
    });
    expect(stack.resolve(route.routeId)).toEqual({ Ref: logicalId(route) });
    expect(integration.boundRouteKeys).toEqual(['join']);
  });

  test('creates one integration for routes that bind an equal configuration, and binds once per route', () => {
    const { stack, api, integration } = setup();
    api.addRoute('$connect', { integration });
    api.addRoute('$default', { integration });
    api.addRoute('other', { integration: new RecordingWebSocketIntegration('urn:backend') });

    Template.fromStack(stack).resourceCountIs('AWS::ApiGatewayV2::Integration', 1);
    expect(integration.boundRouteKeys).toEqual(['$connect', '$default']);
  });

  test('creates one integration per distinct configuration', () => {
    const { stack, api } = setup();
    api.addRoute('a', { integration: new RecordingWebSocketIntegration('urn:one') });
    api.addRoute('b', { integration: new RecordingWebSocketIntegration('urn:two') });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', 2);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', { IntegrationUri: 'urn:two' });
  });

  test('creates one integration on each API that uses the same route integration', () => {
    const { stack, api, integration } = setup();
    const other = new WebSocketApi(stack, 'Other');
    api.addRoute('a', { integration });
    other.addRoute('a', { integration });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', 2);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', { ApiId: { Ref: logicalId(other) } });
  });

  test.each([
    ['', "WebSocketRoute routeKey must not be empty or blank, got ''"],
    ['  ', "WebSocketRoute routeKey must not be empty or blank, got '  '"],
    ['$join', "WebSocketRoute routeKey must be '$connect', '$disconnect', '$default' or a custom key that does not start with '$', got '$join'"],
  ])('rejects the route key %j', (routeKey, message) => {
    const { stack, api, integration } = setup();
    expectError(() => new WebSocketRoute(stack, 'Route', { webSocketApi: api, routeKey, integration }), message);
    expectError(() => api.addRoute(routeKey, { integration }), message);
  });

  test('skips checking a route key that is a token', () => {
    const { stack, api, integration } = setup();
    const routeKey = new CfnParameter(stack, 'RouteKey').valueAsString;
    new WebSocketRoute(stack, 'Route', { webSocketApi: api, routeKey, integration });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: { Ref: 'RouteKey' } });
  });

  test('rejects two WebSocketRoute constructs with one key on one API', () => {
    const { stack, api, integration } = setup();
    new WebSocketRoute(stack, 'First', { webSocketApi: api, routeKey: 'join', integration });

    expectError(() => new WebSocketRoute(stack, 'Second', { webSocketApi: api, routeKey: 'join', integration }), "WebSocketRoute routeKey must be unique within its API, got 'join', already used by 'Stack/First' (at 'Stack/Second')",
    );
  });

  test('a route key that looks like another kind of claim does not clash with it', () => {
    const { stack, api, integration } = setup();
    new WebSocketStage(stack, 'Stage', { webSocketApi: api, stageName: 'dev' });
    expect(() => api.addRoute('stage:dev', { integration })).not.toThrow();
  });

  test('allows the same key on two APIs', () => {
    const { stack, api, integration } = setup();
    api.addRoute('join', { integration });
    expect(() => new WebSocketApi(stack, 'Other').addRoute('join', { integration })).not.toThrow();
  });

  test('sets ApiKeyRequired on $connect', () => {
    const { stack, api, integration } = setup();
    api.addRoute('$connect', { integration, apiKeyRequired: true });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$connect', ApiKeyRequired: true });
  });

  test('sets ApiKeyRequired on a route other than $connect, as aws-cdk-lib does', () => {
    const { stack, api, integration } = setup();
    api.addRoute('join', { integration, apiKeyRequired: true });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'join', ApiKeyRequired: true });
  });

  test('rejects an authorizer on a route other than $connect', () => {
    const { api, integration } = setup();
    expectError(() => api.addRoute('$default', { integration, authorizer: new WebSocketNoneAuthorizer() }), "WebSocketRoute authorizer is only allowed on the '$connect' route, got route key '$default' (at 'Stack/Api/$default-Route')",
    );
  });

  test('returnResponse makes the route two-way with a $default route response', () => {
    const { stack, api, integration } = setup();
    const route = api.addRoute('echo', { integration, returnResponse: true });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'echo', RouteResponseSelectionExpression: '$default' });
    template.resourceCountIs('AWS::ApiGatewayV2::RouteResponse', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::RouteResponse', {
      ApiId: { Ref: logicalId(api) },
      RouteId: { Ref: logicalId(route) },
      RouteResponseKey: '$default',
    });
  });

  test('a one-way route has no route response', () => {
    const { stack, api, integration } = setup();
    api.addRoute('echo', { integration, returnResponse: false });

    Template.fromStack(stack).resourceCountIs('AWS::ApiGatewayV2::RouteResponse', 0);
  });

  describe('request models', () => {
    const schema = {
      schema: JsonSchemaVersion.DRAFT4,
      type: JsonSchemaType.OBJECT,
      properties: { action: { type: JsonSchemaType.STRING } },
    };

    test('refer to models by name and depend on them', () => {
      const { stack, api, integration } = setup();
      const join = api.addModel('Join', { schema, modelName: 'join' });
      const leave = api.addModel('Leave', { schema, modelName: 'leave' });
      api.addRoute('membership', {
        integration,
        modelSelectionExpression: '$request.body.kind',
        requestModels: { join, leave, $default: join },
      });

      const template = Template.fromStack(stack);
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: 'membership',
        ModelSelectionExpression: '$request.body.kind',
        RequestModels: { join: 'join', leave: 'leave', $default: 'join' },
      });
      template.hasResource('AWS::ApiGatewayV2::Route', {
        DependsOn: Match.arrayWith([logicalId(join), logicalId(leave)]),
      });
    });

    test('only a $default model needs no modelSelectionExpression', () => {
      const { stack, api, integration } = setup();
      const model = api.addModel('Message', { schema, modelName: 'message' });
      api.addRoute('send', { integration, requestModels: { $default: model } });

      Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RequestModels: { $default: 'message' },
        ModelSelectionExpression: Match.absent(),
      });
    });

    test('other keys need a modelSelectionExpression', () => {
      const { api, integration } = setup();
      const model = api.addModel('Message', { schema });
      expectError(() => api.addRoute('send', { integration, requestModels: { v1: model, v2: model } }), "WebSocketRoute requestModels keys other than '$default' need a modelSelectionExpression, got ['v1', 'v2'] (at 'Stack/Api/send-Route')",
      );
    });

    test('a modelSelectionExpression needs requestModels', () => {
      const { api, integration } = setup();
      expectError(() => api.addRoute('send', { integration, modelSelectionExpression: '$request.body.v' }), "WebSocketRoute modelSelectionExpression needs requestModels to select from, got '$request.body.v' (at 'Stack/Api/send-Route')",
      );
    });

    test('requestModels must not be empty', () => {
      const { api, integration } = setup();
      expectError(() => api.addRoute('send', { integration, requestModels: {} }), "WebSocketRoute requestModels must have at least one entry, got {} (at 'Stack/Api/send-Route')",
      );
    });

    test('models must belong to the route\'s API', () => {
      const { stack, api, integration } = setup();
      const foreign = new WebSocketApi(stack, 'Other').addModel('Message', { schema });
      expectError(() => api.addRoute('send', { integration, requestModels: { $default: foreign } }), "WebSocketRoute requestModels must be models of the route's own API, got 'Stack/Other/Message' for key '$default' (at 'Stack/Api/send-Route')",
      );
    });
  });
});
