import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, test } from 'vitest';
import { logicalId, newStack } from '../../test/support/websocket-fixtures';
import { WebSocketApi, WebSocketIntegration, WebSocketIntegrationType } from '../index';

describe('WebSocketIntegration', () => {
  test('creates an integration of the API with the given type and uri', () => {
    const stack = newStack();
    const api = new WebSocketApi(stack, 'Api');
    const integration = new WebSocketIntegration(stack, 'Integration', {
      webSocketApi: api,
      integrationType: WebSocketIntegrationType.AWS_PROXY,
      integrationUri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations',
    });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      ApiId: { Ref: logicalId(api) },
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations',
    });
    expect(integration.webSocketApi).toBe(api);
    expect(stack.resolve(integration.integrationId)).toEqual({ Ref: logicalId(integration) });
  });
});
