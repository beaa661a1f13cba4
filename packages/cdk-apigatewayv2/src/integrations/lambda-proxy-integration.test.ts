import { App, CfnElement, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { describe, expect, test } from 'vitest';
import { HttpApi } from '../http/http-api';
import { HttpMethod } from '../http/http-method';
import { HttpRoute } from '../http/http-route';
import { HttpRouteKey } from '../http/http-route-key';
import { PayloadFormatVersion } from '../http/payload-format-version';
import { LambdaProxyIntegration } from './lambda-proxy-integration';

function newFunction(stack: Stack, id: string): lambda.Function {
  return new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
  });
}

/** `{ 'Fn::Join': ['', [..parts] ] }` of an execute-api ARN whose resource part ends with `tail`. */
function executeApiArn(apiLogicalId: string, tail: string): unknown {
  return {
    'Fn::Join': ['', [
      'arn:', { Ref: 'AWS::Partition' }, ':execute-api:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':',
      { Ref: apiLogicalId }, tail,
    ]],
  };
}

function apiLogicalId(stack: Stack, api: HttpApi): string {
  return stack.getLogicalId(api.node.defaultChild as CfnElement);
}

function fnArn(stack: Stack, fn: lambda.Function): unknown {
  return { 'Fn::GetAtt': [stack.getLogicalId(fn.node.defaultChild as CfnElement), 'Arn'] };
}

describe('LambdaProxyIntegration', () => {
  test('the seed example: GET /books invokes the function with payload 2.0, through an AWS_PROXY integration', () => {
    const stack = new Stack();
    const booksDefaultFn = newFunction(stack, 'BooksDefaultFn');
    const booksIntegration = new LambdaProxyIntegration({ handler: booksDefaultFn });
    const httpApi = new HttpApi(stack, 'HttpApi');
    httpApi.addRoutes({ path: '/books', methods: [HttpMethod.GET], integration: booksIntegration });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      ApiId: { Ref: apiLogicalId(stack, httpApi) },
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: fnArn(stack, booksDefaultFn),
      PayloadFormatVersion: '2.0',
      ConnectionType: Match.absent(),
      IntegrationMethod: Match.absent(),
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'GET /books',
      // As @aws-cdk 1.123: the integration lives under the first route that binds it.
      Target: { 'Fn::Join': ['', ['integrations/', { Ref: Match.stringLikeRegexp('^HttpApiGETbooksHttpIntegration') }]] },
    });
    template.resourceCountIs('AWS::Lambda::Permission', 1);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
      FunctionName: fnArn(stack, booksDefaultFn),
      // As @aws-cdk 1.123: any stage and any method of the route's path.
      SourceArn: executeApiArn(apiLogicalId(stack, httpApi), '/*/*/books'),
    });
  });

  test('sends payload format 1.0 when asked', () => {
    const stack = new Stack();
    const api = new HttpApi(stack, 'Api');
    api.addRoutes({
      path: '/legacy',
      integration: new LambdaProxyIntegration({ handler: newFunction(stack, 'Fn'), payloadFormatVersion: PayloadFormatVersion.VERSION_1_0 }),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Integration', { PayloadFormatVersion: '1.0' });
  });

  test('rejects a payload format version Lambda proxies do not accept, naming the prop and the value', () => {
    const stack = new Stack();
    expect(() => new LambdaProxyIntegration({ handler: newFunction(stack, 'Fn'), payloadFormatVersion: PayloadFormatVersion.custom('3.0') }))
      .toThrow(/LambdaProxyIntegration payloadFormatVersion must be one of 1\.0, 2\.0 .*got '3\.0'/);
  });

  test('creates one integration for two routes that share a function, and one permission per route', () => {
    const stack = new Stack();
    const fn = newFunction(stack, 'Fn');
    const api = new HttpApi(stack, 'Api');
    const integration = new LambdaProxyIntegration({ handler: fn });
    api.addRoutes({ path: '/books', methods: [HttpMethod.GET, HttpMethod.POST], integration });
    api.addRoutes({ path: '/books/{id}', methods: [HttpMethod.ANY], integration });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', 1);
    template.resourceCountIs('AWS::ApiGatewayV2::Route', 3);
    template.resourceCountIs('AWS::Lambda::Permission', 3);
    const apiId = apiLogicalId(stack, api);
    for (const tail of ['/*/*/books', '/*/*/books/{id}']) {
      template.hasResourceProperties('AWS::Lambda::Permission', { SourceArn: executeApiArn(apiId, tail) });
    }
  });

  test('two integration objects for the same function share one integration resource', () => {
    const stack = new Stack();
    const fn = newFunction(stack, 'Fn');
    const api = new HttpApi(stack, 'Api');
    api.addRoutes({ path: '/a', integration: new LambdaProxyIntegration({ handler: fn }) });
    api.addRoutes({ path: '/b', integration: new LambdaProxyIntegration({ handler: fn }) });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', 1);
    template.resourceCountIs('AWS::Lambda::Permission', 2);
  });

  test('the $default route gets a permission for any path of the API, as in 1.123', () => {
    const stack = new Stack();
    const fn = newFunction(stack, 'Fn');
    const api = new HttpApi(stack, 'Api', { defaultIntegration: new LambdaProxyIntegration({ handler: fn }) });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$default' });
    template.hasResourceProperties('AWS::Lambda::Permission', { SourceArn: executeApiArn(apiLogicalId(stack, api), '/*/*') });
  });

  test('does not repeat the permission when the same route binds the integration twice', () => {
    const stack = new Stack();
    const fn = newFunction(stack, 'Fn');
    const api = new HttpApi(stack, 'Api');
    const integration = new LambdaProxyIntegration({ handler: fn });
    const [route] = api.addRoutes({ path: '/books', methods: [HttpMethod.GET], integration });
    integration.bind({ route, scope: route });
    Template.fromStack(stack).resourceCountIs('AWS::Lambda::Permission', 1);
  });

  test('a second function bound to the same route gets its own permission', () => {
    const stack = new Stack();
    const api = new HttpApi(stack, 'Api');
    const [route] = api.addRoutes({ path: '/books', methods: [HttpMethod.GET], integration: new LambdaProxyIntegration({ handler: newFunction(stack, 'First') }) });
    const second = newFunction(stack, 'Second');
    new LambdaProxyIntegration({ handler: second }).bind({ route, scope: route });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::Permission', 2);
    template.hasResourceProperties('AWS::Lambda::Permission', { FunctionName: fnArn(stack, second) });
  });

  describe('scopePermissionToRoute: false', () => {
    test('adds one API-wide permission per (function, API): each further route adds only the route', () => {
      const stack = new Stack();
      const fn = newFunction(stack, 'Fn');
      const api = new HttpApi(stack, 'Api');
      const integration = new LambdaProxyIntegration({ handler: fn, scopePermissionToRoute: false });
      api.addRoutes({ path: '/books', methods: [HttpMethod.GET], integration });
      const resourcesAfterOne = Object.keys(Template.fromStack(stack).toJSON().Resources as object).length;

      const stack2 = new Stack();
      const fn2 = newFunction(stack2, 'Fn');
      const api2 = new HttpApi(stack2, 'Api');
      const integration2 = new LambdaProxyIntegration({ handler: fn2, scopePermissionToRoute: false });
      for (let i = 0; i < 5; i++) {
        api2.addRoutes({ path: `/books${i}`, methods: [HttpMethod.GET], integration: integration2 });
      }
      const template = Template.fromStack(stack2);
      expect(Object.keys(template.toJSON().Resources as object).length).toBe(resourcesAfterOne + 4);
      template.resourceCountIs('AWS::Lambda::Permission', 1);
      template.hasResourceProperties('AWS::Lambda::Permission', {
        Principal: 'apigateway.amazonaws.com',
        FunctionName: fnArn(stack2, fn2),
        SourceArn: executeApiArn(apiLogicalId(stack2, api2), '/*/*/*'),
      });
    });

    test('one function on two APIs gets one permission per API', () => {
      const stack = new Stack();
      const fn = newFunction(stack, 'Fn');
      const integration = new LambdaProxyIntegration({ handler: fn, scopePermissionToRoute: false });
      const first = new HttpApi(stack, 'First');
      const second = new HttpApi(stack, 'Second');
      first.addRoutes({ path: '/a', integration });
      first.addRoutes({ path: '/b', integration });
      second.addRoutes({ path: '/a', integration });
      const template = Template.fromStack(stack);
      template.resourceCountIs('AWS::Lambda::Permission', 2);
      template.hasResourceProperties('AWS::Lambda::Permission', { SourceArn: executeApiArn(apiLogicalId(stack, first), '/*/*/*') });
      template.hasResourceProperties('AWS::Lambda::Permission', { SourceArn: executeApiArn(apiLogicalId(stack, second), '/*/*/*') });
    });

    test('routes in another stack than their API share one permission per (function, API) in that stack', () => {
      const app = new App();
      const apiStack = new Stack(app, 'ApiStack');
      const routeStack = new Stack(app, 'RouteStack');
      const api = new HttpApi(apiStack, 'Api');
      const fn = newFunction(routeStack, 'Fn');
      const integration = new LambdaProxyIntegration({ handler: fn, scopePermissionToRoute: false });
      new HttpRoute(routeStack, 'A', { httpApi: api, routeKey: HttpRouteKey.with('/a', HttpMethod.GET), integration });
      new HttpRoute(routeStack, 'B', { httpApi: api, routeKey: HttpRouteKey.with('/b', HttpMethod.GET), integration });
      const template = Template.fromStack(routeStack);
      template.resourceCountIs('AWS::Lambda::Permission', 1);
      template.resourceCountIs('AWS::ApiGatewayV2::Route', 2);
      template.hasResourceProperties('AWS::Lambda::Permission', { FunctionName: fnArn(routeStack, fn) });
    });

    test('routes of an imported API share one permission per function', () => {
      const stack = new Stack();
      const fn = newFunction(stack, 'Fn');
      const api = HttpApi.fromHttpApiAttributes(stack, 'Imported', { httpApiId: 'a1b2c3d4e5' });
      const integration = new LambdaProxyIntegration({ handler: fn, scopePermissionToRoute: false });
      new HttpRoute(stack, 'A', { httpApi: api, routeKey: HttpRouteKey.with('/a', HttpMethod.GET), integration });
      new HttpRoute(stack, 'B', { httpApi: api, routeKey: HttpRouteKey.with('/b'), integration });
      const template = Template.fromStack(stack);
      template.resourceCountIs('AWS::Lambda::Permission', 1);
      template.hasResourceProperties('AWS::Lambda::Permission', {
        SourceArn: { 'Fn::Join': ['', Match.arrayWith([':a1b2c3d4e5/*/*/*'])] },
      });
    });

    test('an API-wide and a route-scoped integration of one function both grant', () => {
      const stack = new Stack();
      const fn = newFunction(stack, 'Fn');
      const api = new HttpApi(stack, 'Api');
      api.addRoutes({ path: '/a', methods: [HttpMethod.GET], integration: new LambdaProxyIntegration({ handler: fn, scopePermissionToRoute: false }) });
      api.addRoutes({ path: '/b', methods: [HttpMethod.GET], integration: new LambdaProxyIntegration({ handler: fn }) });
      const template = Template.fromStack(stack);
      template.resourceCountIs('AWS::Lambda::Permission', 2);
      template.hasResourceProperties('AWS::Lambda::Permission', { SourceArn: executeApiArn(apiLogicalId(stack, api), '/*/*/b') });
    });
  });

  describe('resource policy size', () => {
    test('warns on the function, naming it and the fix, once its permissions would pass 20 KB', () => {
      const stack = new Stack(new App(), 'Stack');
      const fn = newFunction(stack, 'Busy');
      const api = new HttpApi(stack, 'Api');
      const integration = new LambdaProxyIntegration({ handler: fn });
      for (let i = 0; i < 80; i++) {
        api.addRoutes({ path: `/resource-number-${i}`, methods: [HttpMethod.GET], integration });
      }
      const warnings = Annotations.fromStack(stack).findWarning('/Stack/Busy', Match.stringLikeRegexp('20480-byte limit'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0].entry.data).toMatch(/Lambda function 'Stack\/Busy' gets \d+ API Gateway invoke permissions/);
      expect(warnings[0].entry.data).toContain('scopePermissionToRoute: false');
    });

    test('does not warn for a function with a few dozen routes', () => {
      const stack = new Stack(new App(), 'Stack');
      const fn = newFunction(stack, 'Fn');
      const api = new HttpApi(stack, 'Api');
      const integration = new LambdaProxyIntegration({ handler: fn });
      for (let i = 0; i < 30; i++) {
        api.addRoutes({ path: `/r${i}`, methods: [HttpMethod.GET], integration });
      }
      Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('resource policy'));
    });

    test('does not warn with scopePermissionToRoute: false, however many routes', () => {
      const stack = new Stack(new App(), 'Stack');
      const fn = newFunction(stack, 'Fn');
      const api = new HttpApi(stack, 'Api');
      const integration = new LambdaProxyIntegration({ handler: fn, scopePermissionToRoute: false });
      for (let i = 0; i < 200; i++) {
        api.addRoutes({ path: `/r${i}`, methods: [HttpMethod.GET], integration });
      }
      Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('resource policy'));
    });
  });

  describe('permissions after a function\'s first grant', () => {
    test('are the permissions addPermission adds: same properties for the first route and the next ones', () => {
      const stack = new Stack();
      const fn = newFunction(stack, 'Fn');
      const api = new HttpApi(stack, 'Api');
      const integration = new LambdaProxyIntegration({ handler: fn });
      api.addRoutes({ path: '/a', methods: [HttpMethod.GET], integration });
      api.addRoutes({ path: '/b/{id}', methods: [HttpMethod.GET], integration });
      const permissions = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Permission'));
      expect(permissions).toEqual([
        { Type: 'AWS::Lambda::Permission', Properties: { Action: 'lambda:InvokeFunction', FunctionName: fnArn(stack, fn), Principal: 'apigateway.amazonaws.com', SourceArn: executeApiArn(apiLogicalId(stack, api), '/*/*/a') } },
        { Type: 'AWS::Lambda::Permission', Properties: { Action: 'lambda:InvokeFunction', FunctionName: fnArn(stack, fn), Principal: 'apigateway.amazonaws.com', SourceArn: executeApiArn(apiLogicalId(stack, api), '/*/*/b/{id}') } },
      ]);
    });

    test('still go through a function\'s own addPermission when it overrides it, for every route', () => {
      const stack = new Stack();
      const calls: string[] = [];
      class CountingFunction extends lambda.Function {
        public addPermission(id: string, permission: lambda.Permission): void {
          calls.push(id);
          super.addPermission(id, permission);
        }
      }
      const fn = new CountingFunction(stack, 'Fn', {
        runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({});'),
      });
      const api = new HttpApi(stack, 'Api');
      const integration = new LambdaProxyIntegration({ handler: fn });
      for (const path of ['/a', '/b', '/c']) {
        api.addRoutes({ path, methods: [HttpMethod.GET], integration });
      }
      expect(calls).toHaveLength(3);
      Template.fromStack(stack).resourceCountIs('AWS::Lambda::Permission', 3);
    });

    test('an imported function of another account gets no permission, on every route', () => {
      const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'eu-west-1' } });
      const fn = lambda.Function.fromFunctionArn(stack, 'Fn', 'arn:aws:lambda:eu-west-1:222222222222:function:elsewhere');
      const api = new HttpApi(stack, 'Api');
      const integration = new LambdaProxyIntegration({ handler: fn });
      api.addRoutes({ path: '/a', methods: [HttpMethod.GET], integration });
      api.addRoutes({ path: '/b', methods: [HttpMethod.GET], integration });
      Template.fromStack(stack).resourceCountIs('AWS::Lambda::Permission', 0);
    });
  });

  test('an HTTP API with 1000 routes over 10 functions synthesizes', () => {
    // CloudFormation allows 500 resources per stack (a deployment splits such an API over several stacks);
    // the limit is lifted here to measure one big construct tree.
    const stack = new Stack(new App({ context: { '@aws-cdk/core:stackResourceLimit': 0 } }), 'Big');
    const functions = Array.from({ length: 10 }, (_, n) => newFunction(stack, `Fn${n}`));
    const integrations = functions.map((handler) => new LambdaProxyIntegration({ handler, scopePermissionToRoute: false }));
    const api = new HttpApi(stack, 'Api');
    for (let i = 0; i < 1000; i++) {
      api.addRoutes({ path: `/items${i}/{id}`, methods: [HttpMethod.GET], integration: integrations[i % 10] });
    }
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Route', 1000);
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', 10);
    template.resourceCountIs('AWS::Lambda::Permission', 10);
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'GET /items999/{id}' });
  });
});
