import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, test } from 'vitest';
import { RecordingLambdaIntegration, UrlIntegration } from '../../test/support/fake-route-integrations';
import { HttpApi, HttpMethod } from '../index';

function newStack(): Stack {
  return new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'eu-west-1' } });
}

describe('HttpApi', () => {
  test('creates an HTTP API named after its id with an auto-deployed $default stage', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Books');
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { Name: 'Books', ProtocolType: 'HTTP' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', { StageName: '$default', AutoDeploy: true, ApiId: { Ref: Match.stringLikeRegexp('^Books') } });
    expect(api.node.defaultChild).toBeDefined();
    expect(api.defaultStage).toBeDefined();
  });

  test('creates no stage when createDefaultStage is false', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api', { createDefaultStage: false });
    Template.fromStack(stack).resourceCountIs('AWS::ApiGatewayV2::Stage', 0);
    expect(api.defaultStage).toBeUndefined();
    expect(api.url).toBeUndefined();
  });

  test('routes unmatched requests to defaultIntegration through a $default route', () => {
    const stack = newStack();
    new HttpApi(stack, 'Api', { defaultIntegration: new UrlIntegration('https://example.com') });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$default' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', { IntegrationType: 'HTTP_PROXY', IntegrationUri: 'https://example.com', IntegrationMethod: 'ANY', PayloadFormatVersion: '1.0' });
  });

  test('adds one route per method, ANY when no method is given', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    const integration = new RecordingLambdaIntegration('arn:fn');
    const routes = api.addRoutes({ path: '/books/{id}', methods: [HttpMethod.GET, HttpMethod.DELETE], integration });
    const anyRoutes = api.addRoutes({ path: '/authors', integration });
    expect(routes.map((route) => route.method)).toEqual([HttpMethod.GET, HttpMethod.DELETE]);
    expect(anyRoutes).toHaveLength(1);
    const template = Template.fromStack(stack);
    for (const key of ['GET /books/{id}', 'DELETE /books/{id}', 'ANY /authors']) {
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: key });
    }
    template.resourceCountIs('AWS::ApiGatewayV2::Route', 3);
  });

  test('builds execute-api ARNs with wildcards for what is not given', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    const resolve = (arn: string): unknown => stack.resolve(arn);
    expect(resolve(api.arnForExecuteApi())).toEqual({ 'Fn::Join': ['', [`arn:`, { Ref: 'AWS::Partition' }, ':execute-api:eu-west-1:123456789012:', { Ref: 'ApiF70053CD' }, '/*/*/*']] });
    expect(JSON.stringify(resolve(api.arnForExecuteApi('GET', '/books', 'prod')))).toContain('/prod/GET/books');
    expect(JSON.stringify(resolve(api.arnForExecuteApi('ANY', '/books')))).toContain('/*/*/books');
  });

  test('rejects an unknown method or a relative path in arnForExecuteApi', () => {
    const api = new HttpApi(newStack(), 'Api');
    expect(() => api.arnForExecuteApi('FETCH')).toThrow(`HttpApi arnForExecuteApi method must be one of ANY, DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT or '*', got 'FETCH'`);
    expect(() => api.arnForExecuteApi('GET', 'books')).toThrow(`HttpApi arnForExecuteApi path must start with '/', got 'books'`);
  });
});
