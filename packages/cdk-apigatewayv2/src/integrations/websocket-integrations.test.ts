import { Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { describe, expect, test } from 'vitest';
import { expectError } from '../../test/support/expect-error';
import { logicalId, newFunction, newStack } from '../../test/support/websocket-fixtures';
import { ContentHandling, PassthroughBehavior, WebSocketApi, WebSocketIntegrationResponseKey } from '../index';
import { LambdaWebSocketIntegration, WebSocketAwsIntegration, WebSocketHttpIntegration, WebSocketHttpIntegrationProps, WebSocketMockIntegration } from './index';

describe('WebSocketMockIntegration', () => {
  test('integrates the route as MOCK with an empty uri', () => {
    const stack = newStack();
    const api = new WebSocketApi(stack, 'Api');
    api.addRoute('ping', { integration: new WebSocketMockIntegration({}) });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      ApiId: { Ref: logicalId(api) },
      IntegrationType: 'MOCK',
      IntegrationUri: '',
    });
  });

  test('answers ping with pong: request template, integration response and a two-way route', () => {
    const stack = newStack();
    const api = new WebSocketApi(stack, 'Api');
    api.addRoute('ping', {
      integration: new WebSocketMockIntegration({
        requestTemplates: { $default: '{"statusCode": 200}' },
        templateSelectionExpression: '\\$default',
        responses: [{ responseKey: WebSocketIntegrationResponseKey.fromStatusCode(200), responseTemplates: { $default: '{"action":"pong"}' } }],
      }),
      returnResponse: true,
    });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'MOCK',
      RequestTemplates: { $default: '{"statusCode": 200}' },
      TemplateSelectionExpression: '\\$default',
    });
    const integrationId = Object.keys(template.findResources('AWS::ApiGatewayV2::Integration'))[0];
    template.hasResourceProperties('AWS::ApiGatewayV2::IntegrationResponse', {
      ApiId: { Ref: logicalId(api) },
      IntegrationId: { Ref: integrationId },
      IntegrationResponseKey: '/200/',
      ResponseTemplates: { $default: '{"action":"pong"}' },
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'ping', RouteResponseSelectionExpression: '$default' });
    template.resourceCountIs('AWS::ApiGatewayV2::RouteResponse', 1);
  });

  test('routes with equal mock configurations share one integration and its responses', () => {
    const stack = newStack();
    const api = new WebSocketApi(stack, 'Api');
    const integration = new WebSocketMockIntegration({ responses: [{ responseKey: WebSocketIntegrationResponseKey.DEFAULT }] });
    api.addRoute('a', { integration });
    api.addRoute('b', { integration });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', 1);
    template.resourceCountIs('AWS::ApiGatewayV2::IntegrationResponse', 1);
  });

  test('sets TimeoutInMillis', () => {
    const stack = newStack();
    new WebSocketApi(stack, 'Api').addRoute('ping', { integration: new WebSocketMockIntegration({ timeout: Duration.seconds(10) }) });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Integration', { TimeoutInMillis: 10000 });
  });

  test('rejects two integration responses with the same key', () => {
    const api = new WebSocketApi(newStack(), 'Api');
    const integration = new WebSocketMockIntegration({
      responses: [{ responseKey: WebSocketIntegrationResponseKey.SUCCESS }, { responseKey: WebSocketIntegrationResponseKey.SUCCESS }],
    });
    expect(() => api.addRoute('ping', { integration })).toThrow(/^WebSocketIntegration responses must have distinct response keys, got '\/2\\d\\d\/' twice \(at 'Stack\/Api\/ping-Route\/WebSocketIntegration-[0-9a-f]{32}'\)$/);
  });
});

describe('WebSocketAwsIntegration', () => {
  test('renders every property of an AWS integration', () => {
    const stack = newStack();
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com') });
    const api = new WebSocketApi(stack, 'Api');
    api.addRoute('send', {
      integration: new WebSocketAwsIntegration({
        integrationUri: 'arn:aws:apigateway:us-east-1:sqs:path/123456789012/queue',
        integrationMethod: 'POST',
        credentialsRole: role,
        requestParameters: { 'integration.request.header.Content-Type': "'application/x-www-form-urlencoded'" },
        requestTemplates: { $default: 'Action=SendMessage&MessageBody=$input.body' },
        templateSelectionExpression: '\\$default',
        passthroughBehavior: PassthroughBehavior.NEVER,
        contentHandling: ContentHandling.CONVERT_TO_TEXT,
        timeout: Duration.seconds(5),
      }),
    });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS',
      IntegrationUri: 'arn:aws:apigateway:us-east-1:sqs:path/123456789012/queue',
      IntegrationMethod: 'POST',
      CredentialsArn: { 'Fn::GetAtt': [logicalId(role), 'Arn'] },
      RequestParameters: { 'integration.request.header.Content-Type': "'application/x-www-form-urlencoded'" },
      RequestTemplates: { $default: 'Action=SendMessage&MessageBody=$input.body' },
      TemplateSelectionExpression: '\\$default',
      PassthroughBehavior: 'NEVER',
      ContentHandlingStrategy: 'CONVERT_TO_TEXT',
      TimeoutInMillis: 5000,
    });
  });

  test('throws aws-cdk-lib\'s message first for a timeout over 29 seconds', () => {
    const api = new WebSocketApi(newStack(), 'Api');
    const integration = new WebSocketAwsIntegration({ integrationUri: 'arn:aws:apigateway:us-east-1:sqs:path/1/q', integrationMethod: 'POST', timeout: Duration.seconds(30) });
    expect(() => api.addRoute('send', { integration })).toThrow(/^Integration timeout must be between 50 milliseconds and 29 seconds\. WebSocketIntegration timeout must be between 50 milliseconds and 29 seconds, got 30 seconds \(at 'Stack\/Api\/send-Route\/WebSocketIntegration-[0-9a-f]{32}'\)$/);
  });

  test('refuses a timeout under 50 milliseconds', () => {
    const api = new WebSocketApi(newStack(), 'Api');
    const integration = new WebSocketMockIntegration({ timeout: Duration.millis(49) });
    expect(() => api.addRoute('send', { integration })).toThrow(/WebSocketIntegration timeout must be between 50 milliseconds and 29 seconds, got 49 millis/);
  });
});

describe('WebSocketHttpIntegration', () => {
  test('is an HTTP_PROXY integration to the URL, POST by default', () => {
    const stack = newStack();
    new WebSocketApi(stack, 'Api').addRoute('$default', { integration: new WebSocketHttpIntegration({ url: 'https://backend.example.com/messages' }) });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'HTTP_PROXY',
      IntegrationUri: 'https://backend.example.com/messages',
      IntegrationMethod: 'POST',
      RequestTemplates: Match.absent(),
    });
  });

  test('is an HTTP integration with templates and responses when proxy is false', () => {
    const stack = newStack();
    new WebSocketApi(stack, 'Api').addRoute('echo', {
      integration: new WebSocketHttpIntegration({
        url: 'https://backend.example.com/echo',
        method: 'PUT',
        proxy: false,
        requestParameters: { 'integration.request.header.X-Connection': 'context.connectionId' },
        requestTemplates: { $default: '$input.body' },
        templateSelectionExpression: '\\$default',
        responses: [{ responseKey: WebSocketIntegrationResponseKey.DEFAULT, responseTemplates: { $default: '$input.body' }, templateSelectionExpression: '\\$default' }],
      }),
      returnResponse: true,
    });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'HTTP',
      IntegrationMethod: 'PUT',
      RequestParameters: { 'integration.request.header.X-Connection': 'context.connectionId' },
      RequestTemplates: { $default: '$input.body' },
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::IntegrationResponse', { IntegrationResponseKey: '$default', TemplateSelectionExpression: '\\$default' });
  });

  test('refuses a URL that is not http or https', () => {
    expectError(() => new WebSocketHttpIntegration({ url: 'backend.example.com' }),
      "WebSocketHttpIntegration url must be a fully-qualified 'http://' or 'https://' URL, got 'backend.example.com'");
  });

  test('refuses request templates on a proxy integration', () => {
    expectError(() => new WebSocketHttpIntegration({ url: 'https://b.example.com', requestTemplates: { $default: '{}' } }),
      'WebSocketHttpIntegration requestTemplates needs proxy: false (an HTTP_PROXY integration passes messages through), got proxy true');
  });

  test('refuses integration responses on a proxy integration', () => {
    expectError(() => new WebSocketHttpIntegration({ url: 'https://b.example.com', responses: [{ responseKey: WebSocketIntegrationResponseKey.DEFAULT }] }),
      'WebSocketHttpIntegration responses needs proxy: false (an HTTP_PROXY integration passes messages through), got proxy true');
  });

  test('refuses a missing url', () => {
    expectError(() => new WebSocketHttpIntegration({} as WebSocketHttpIntegrationProps), 'WebSocketHttpIntegration url is required, got undefined');
  });
});

describe('WebSocketIntegrationResponseKey', () => {
  test('refuses a status code outside 100 to 599', () => {
    expectError(() => WebSocketIntegrationResponseKey.fromStatusCode(600), 'WebSocketIntegrationResponseKey statusCode must be an HTTP status code from 100 to 599, got 600');
  });

  test('fromStatusRegExp wraps the expression in slashes', () => {
    expect(WebSocketIntegrationResponseKey.fromStatusRegExp('4\\d{2}').key).toBe('/4\\d{2}/');
  });

  test('refuses a status expression that is not a regular expression', () => {
    expectError(() => WebSocketIntegrationResponseKey.fromStatusRegExp('('), "WebSocketIntegrationResponseKey statusRegExp must be a regular expression over the status code, like '4\\d\\d', got '('");
  });
});

describe('LambdaWebSocketIntegration timeout and contentHandling', () => {
  test('sets TimeoutInMillis and ContentHandlingStrategy, as aws-cdk-lib\'s WebSocketLambdaIntegration', () => {
    const stack = newStack();
    const handler = newFunction(stack, 'Handler');
    new WebSocketApi(stack, 'Api').addRoute('slow', {
      integration: new LambdaWebSocketIntegration({ handler, timeout: Duration.seconds(3), contentHandling: ContentHandling.CONVERT_TO_BINARY }),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      TimeoutInMillis: 3000,
      ContentHandlingStrategy: 'CONVERT_TO_BINARY',
    });
  });

  test('a Lambda integration with a timeout is a resource of its own beside the one without', () => {
    const stack = newStack();
    const handler = newFunction(stack, 'Handler');
    const api = new WebSocketApi(stack, 'Api');
    api.addRoute('a', { integration: new LambdaWebSocketIntegration({ handler }) });
    api.addRoute('b', { integration: new LambdaWebSocketIntegration({ handler, timeout: Duration.seconds(3) }) });
    Template.fromStack(stack).resourceCountIs('AWS::ApiGatewayV2::Integration', 2);
  });
});
