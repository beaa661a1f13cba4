import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, test } from 'vitest';
import { HttpApi } from '../http/http-api';
import { HttpMethod } from '../http/http-method';
import { HttpProxyIntegration } from './http-proxy-integration';

describe('HttpProxyIntegration', () => {
  test('the seed example: GET /books forwards to the URL with method ANY and payload 1.0, over the internet', () => {
    const stack = new Stack();
    const booksIntegration = new HttpProxyIntegration({ url: 'https://get-books-proxy.myproxy.internal' });
    const httpApi = new HttpApi(stack, 'HttpApi');
    httpApi.addRoutes({ path: '/books', methods: [HttpMethod.GET], integration: booksIntegration });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'HTTP_PROXY',
      IntegrationUri: 'https://get-books-proxy.myproxy.internal',
      IntegrationMethod: 'ANY',
      PayloadFormatVersion: '1.0',
      ConnectionType: Match.absent(),
      ConnectionId: Match.absent(),
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'GET /books' });
    template.resourceCountIs('AWS::Lambda::Permission', 0);
  });

  test('uses the given method towards the backend', () => {
    const stack = new Stack();
    const api = new HttpApi(stack, 'Api');
    api.addRoutes({ path: '/orders', integration: new HttpProxyIntegration({ url: 'http://backend.example.com/orders', method: HttpMethod.POST }) });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationUri: 'http://backend.example.com/orders',
      IntegrationMethod: 'POST',
    });
  });

  test('routes of one API that proxy to the same URL share one integration; other URLs get their own', () => {
    const stack = new Stack();
    const api = new HttpApi(stack, 'Api');
    const books = new HttpProxyIntegration({ url: 'https://books.example.com' });
    api.addRoutes({ path: '/books', methods: [HttpMethod.GET, HttpMethod.POST], integration: books });
    api.addRoutes({ path: '/authors', integration: new HttpProxyIntegration({ url: 'https://authors.example.com' }) });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', 2);
    template.resourceCountIs('AWS::ApiGatewayV2::Route', 3);
  });

  test.each([
    ['ftp://files.example.com', /HttpProxyIntegration url must be an absolute http:\/\/ or https:\/\/ URL, got 'ftp:\/\/files\.example\.com'/],
    ['books.example.com/list', /HttpProxyIntegration url must be an absolute http:\/\/ or https:\/\/ URL, got 'books\.example\.com\/list'/],
    ['https:///books', /HttpProxyIntegration url must name a host, got 'https:\/\/\/books'/],
    ['https://books.example.com/a b', /HttpProxyIntegration url must not contain whitespace/],
  ])('rejects the url %s, naming the prop, the rule and the value', (url, message) => {
    expect(() => new HttpProxyIntegration({ url })).toThrow(message);
  });

  test('accepts URLs it cannot check: tokens and stage variables', () => {
    const stack = new Stack();
    const api = new HttpApi(stack, 'Api');
    api.addRoutes({ path: '/a', integration: new HttpProxyIntegration({ url: `https://${stack.region}.example.com` }) });
    api.addRoutes({ path: '/b', integration: new HttpProxyIntegration({ url: 'http://${stageVariables.backend}/b' }) });
    api.addRoutes({ path: '/c/{proxy+}', integration: new HttpProxyIntegration({ url: 'https://backend.example.com/{proxy}' }) });
    Template.fromStack(stack).resourceCountIs('AWS::ApiGatewayV2::Integration', 3);
  });
});
