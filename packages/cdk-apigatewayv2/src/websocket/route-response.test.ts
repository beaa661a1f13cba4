import { Annotations as CoreAnnotations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { JsonSchemaType } from 'aws-cdk-lib/aws-apigateway';
import { describe, expect, test } from 'vitest';
import { expectError } from '../../test/support/expect-error';
import { logicalId, newStack } from '../../test/support/websocket-fixtures';
import { WebSocketMockIntegration } from '../integrations';
import { WebSocketApi, WebSocketIntegrationResponseKey, WebSocketRouteResponse } from '../index';

function setup() {
  const stack = newStack();
  const api = new WebSocketApi(stack, 'Api');
  const integration = new WebSocketMockIntegration({});
  return { stack, api, integration };
}

describe('WebSocketRouteResponse', () => {
  test('makes a one-way route two-way with a $default route response and its models', () => {
    const { stack, api, integration } = setup();
    const route = api.addRoute('status', { integration });
    const model = api.addModel('Status', { modelName: 'status', schema: { type: JsonSchemaType.OBJECT } });
    route.addRouteResponse({ responseModels: { $default: model }, modelSelectionExpression: '$default' });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'status', RouteResponseSelectionExpression: '$default' });
    template.hasResourceProperties('AWS::ApiGatewayV2::RouteResponse', {
      ApiId: { Ref: logicalId(api) },
      RouteId: { Ref: logicalId(route) },
      RouteResponseKey: '$default',
      ResponseModels: { $default: 'status' },
      ModelSelectionExpression: '$default',
    });
  });

  test('refuses a route response key other than $default', () => {
    const { stack, api, integration } = setup();
    const route = api.addRoute('status', { integration });
    expectError(() => new WebSocketRouteResponse(stack, 'Response', { route, routeResponseKey: '/200/' }),
      "WebSocketRouteResponse routeResponseKey must be '$default', the only route response key API Gateway supports, got '/200/' (at 'Stack/Response')");
  });

  test('refuses a second route response on a route created with returnResponse', () => {
    const { api, integration } = setup();
    const route = api.addRoute('ping', { integration, returnResponse: true });
    expectError(() => route.addRouteResponse(),
      "WebSocketRouteResponse route must have one route response only ('$default'), got 'Stack/Api/ping-Route' whose response is 'Stack/Api/ping-Route' already (at 'Stack/Api/ping-Route/RouteResponse')");
  });
});

describe('integration responses on a one-way route', () => {
  test('warn, acknowledgeably, unless the route returns responses', () => {
    const { stack, api } = setup();
    const integration = new WebSocketMockIntegration({ responses: [{ responseKey: WebSocketIntegrationResponseKey.DEFAULT }] });
    api.addRoute('oneway', { integration });
    api.addRoute('twoway', { integration, returnResponse: true });
    api.addRoute('later', { integration }).addRouteResponse();

    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('integrationResponsesOnOneWayRoute'));
    expect(warnings.map((warning) => warning.id)).toEqual(['/Stack/Api/oneway-Route']);
    expect(warnings[0].entry.data).toBe("WebSocketRoute returnResponse must be true (or a route response added) for the integration's responses to reach the client, got a one-way route (at 'Stack/Api/oneway-Route') [ack: cdk-apigatewayv2:integrationResponsesOnOneWayRoute]");
  });

  test('an acknowledgement on the stack silences it', () => {
    const { stack, api } = setup();
    api.addRoute('oneway', { integration: new WebSocketMockIntegration({ responses: [{ responseKey: WebSocketIntegrationResponseKey.DEFAULT }] }) });
    CoreAnnotations.of(stack).acknowledgeWarning('cdk-apigatewayv2:integrationResponsesOnOneWayRoute', 'replies come through @connections');
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('integrationResponsesOnOneWayRoute'))).toEqual([]);
  });
});
