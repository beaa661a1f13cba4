import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, test } from 'vitest';
import { expectError } from '../../test/support/expect-error';
import { RecordingLambdaIntegration, UrlIntegration } from '../../test/support/fake-route-integrations';
import { DomainName, HttpApi, HttpMethod, HttpRoute, HttpRouteKey } from '../index';

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

  test('arnForExecuteApi takes any method string, as aws-cdk-lib: ANY in any case means every method', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    expect(JSON.stringify(stack.resolve(api.arnForExecuteApi('FETCH', '/books')))).toContain('/*/FETCH/books');
    expect(JSON.stringify(stack.resolve(api.arnForExecuteApi('any', '/books')))).toContain('/*/*/books');
  });

  test('arnForExecuteApi refuses a relative path with aws-cdk-lib\'s message first', () => {
    const api = new HttpApi(newStack(), 'Api');
    expectError(() => api.arnForExecuteApi('GET', 'books'), `Path must start with '/': books: HttpApi arnForExecuteApi path must start with '/', got 'books' (at 'Stack/Api')`);
  });
});

describe('HttpApi properties', () => {
  test('writes name, description and disableExecuteApiEndpoint', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api', { apiName: 'books', description: 'Books API', disableExecuteApiEndpoint: true });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Api', { Name: 'books', Description: 'Books API', DisableExecuteApiEndpoint: true });
    expect(api.httpApiName).toBe('books');
    expect(api.disableExecuteApiEndpoint).toBe(true);
    // As @aws-cdk 1.123: the endpoint clients cannot use is not offered.
    expect(() => api.apiEndpoint).toThrow(/^apiEndpoint is not accessible when disableExecuteApiEndpoint is set to true\./);
    expect(stack.resolve(new HttpApi(stack, 'Open').apiEndpoint)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Open/), 'ApiEndpoint'] });
  });

  test('gives API metrics the ApiId dimension and canned statistics', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    const metrics = [api.metricClientError(), api.metricServerError(), api.metricCount(), api.metricDataProcessed(), api.metricIntegrationLatency(), api.metricLatency()];
    expect(metrics.map((metric) => `${metric.metricName}:${metric.statistic}`)).toEqual([
      '4xx:Sum', '5xx:Sum', 'Count:SampleCount', 'DataProcessed:Sum', 'IntegrationLatency:Average', 'Latency:Average',
    ]);
    expect(stack.resolve(api.metric('Custom').dimensions)).toEqual({ ApiId: { Ref: 'ApiF70053CD' } });
    expect(api.metricCount({ statistic: 'Sum' }).statistic).toBe('Sum');
  });

  test('imports an API by id and endpoint', () => {
    const stack = newStack();
    const api = HttpApi.fromHttpApiAttributes(stack, 'Imported', { httpApiId: 'abc123', apiEndpoint: 'https://abc123.execute-api.eu-west-1.amazonaws.com' });
    expect(api.apiId).toBe('abc123');
    expect(api.httpApiId).toBe('abc123');
    expect(api.apiEndpoint).toBe('https://abc123.execute-api.eu-west-1.amazonaws.com');
  });

  test('adds routes to an imported API', () => {
    const stack = newStack();
    const api = HttpApi.fromHttpApiAttributes(stack, 'Imported', { httpApiId: 'abc123' });
    new HttpRoute(stack, 'Route', { httpApi: api, routeKey: HttpRouteKey.with('/x'), integration: new UrlIntegration('https://example.com') });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { ApiId: 'abc123', RouteKey: 'ANY /x' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', { ApiId: 'abc123' });
  });
});

describe('HttpApi validation', () => {
  test('rejects reading apiEndpoint of an imported API that was not given one', () => {
    const api = HttpApi.fromHttpApiAttributes(newStack(), 'Imported', { httpApiId: 'abc123' });
    expectError(() => api.apiEndpoint, `apiEndpoint is not configured on the imported HttpApi. HttpApi apiEndpoint of an imported API is known only when passed to HttpApi.fromHttpApiAttributes, got undefined (at 'Stack/Imported')`);
  });

  test('rejects an empty API name', () => {
    expectError(() => new HttpApi(newStack(), 'Api', { apiName: '' }), `HttpApi apiName must be 1 to 128 characters, got '' (0) (at 'Stack/Api')`);
  });

  test('rejects an API name longer than 128 characters', () => {
    const name = 'n'.repeat(129);
    expectError(() => new HttpApi(newStack(), 'Api', { apiName: name }), `HttpApi apiName must be 1 to 128 characters, got '${name}' (129) (at 'Stack/Api')`);
  });

  test('rejects a description longer than 1024 characters', () => {
    expectError(() => new HttpApi(newStack(), 'Api', { description: 'd'.repeat(1025) }), 'HttpApi description must be at most 1024 characters, got 1025 characters (at \'Stack/Api\')');
  });

  test('rejects a default domain mapping without default stage', () => {
    const stack = newStack();
    const domainName = DomainName.fromDomainNameAttributes(stack, 'DN', { name: 'api.example.com', regionalDomainName: 'x', regionalHostedZoneId: 'z' });
    expectError(() => new HttpApi(stack, 'Api', { createDefaultStage: false, defaultDomainMapping: { domainName } }), 'defaultDomainMapping not supported with createDefaultStage disabled: HttpApi defaultDomainMapping requires the default stage, got createDefaultStage false (at \'Stack/Api\')');
  });
});
