import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { describe, expect, test } from 'vitest';
import { HttpJwtAuthorizer, HttpLambdaAuthorizer } from '../authorizers';
import { HttpProxyIntegration, LambdaProxyIntegration } from '../integrations';
import { HttpApi, HttpMethod, HttpRoute, HttpRouteKey } from '../index';

function fn(stack: Stack, id: string): lambda.Function {
  return new lambda.Function(stack, id, { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({})') });
}

/** The stacks each stack waits for when deployed, read from the synthesized cloud assembly. */
function deployOrder(app: App): Record<string, string[]> {
  const assembly = app.synth();
  // Asset manifests are artifacts too; only stacks decide the deployment order.
  const stackIds = new Set(assembly.stacks.map((stack) => stack.id));
  return Object.fromEntries(assembly.stacks.map((stack) => [
    stack.stackName, stack.dependencies.map((dependency) => dependency.id).filter((id) => stackIds.has(id)).sort(),
  ]));
}

describe('routes on an imported API (aws/aws-cdk#12337)', () => {
  test('addRoutes and new HttpRoute work on HttpApi.fromHttpApiAttributes: routes, integration and permission in the importing stack', () => {
    const stack = new Stack(new App(), 'Routes');
    const api = HttpApi.fromHttpApiAttributes(stack, 'Api', { httpApiId: 'a1b2c3d4e5' });
    const handler = fn(stack, 'Handler');
    api.addRoutes({ path: '/books', methods: [HttpMethod.GET, HttpMethod.POST], integration: new LambdaProxyIntegration({ handler }) });
    new HttpRoute(stack, 'Health', { httpApi: api, routeKey: HttpRouteKey.with('/health', HttpMethod.GET), integration: new HttpProxyIntegration({ url: 'https://example.com' }) });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Route', 3);
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', 2);
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { ApiId: 'a1b2c3d4e5', RouteKey: 'GET /books' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', { ApiId: 'a1b2c3d4e5', IntegrationType: 'AWS_PROXY' });
    template.resourceCountIs('AWS::Lambda::Permission', 2);
  });
});

describe('routes, integrations and authorizers in other stacks of one app', () => {
  test('two stacks: the API in one, routes with their function and authorizer in the other; only the route stack waits', () => {
    const app = new App();
    const apiStack = new Stack(app, 'ApiStack');
    const api = new HttpApi(apiStack, 'Api');
    const routeStack = new Stack(app, 'RouteStack');
    const authorizer = new HttpLambdaAuthorizer({ authorizerName: 'Auth', handler: fn(routeStack, 'AuthFn') });
    new HttpRoute(routeStack, 'Books', {
      httpApi: api, routeKey: HttpRouteKey.with('/books', HttpMethod.GET), authorizer,
      integration: new LambdaProxyIntegration({ handler: fn(routeStack, 'BooksFn') }),
    });

    expect(deployOrder(app)).toEqual({ ApiStack: [], RouteStack: ['ApiStack'] });
    const routes = Template.fromStack(routeStack);
    routes.resourceCountIs('AWS::ApiGatewayV2::Route', 1);
    routes.resourceCountIs('AWS::ApiGatewayV2::Integration', 1);
    routes.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    routes.resourceCountIs('AWS::Lambda::Permission', 2);
    Template.fromStack(apiStack).resourceCountIs('AWS::ApiGatewayV2::Route', 0);
  });

  test('three stacks: functions, API (with a default JWT authorizer) and routes apart; deployed functions, API, routes, with no cycle', () => {
    const app = new App();
    const functionStack = new Stack(app, 'Functions');
    const handler = fn(functionStack, 'Handler');
    const apiStack = new Stack(app, 'Api');
    const api = new HttpApi(apiStack, 'Api', {
      defaultAuthorizer: new HttpJwtAuthorizer({ jwtIssuer: 'https://issuer.example.com', jwtAudience: ['books'] }),
    });
    const routeStack = new Stack(app, 'Routes');
    api.addRoutes({ path: '/in-api-stack', integration: new HttpProxyIntegration({ url: 'https://example.com' }) });
    new HttpRoute(routeStack, 'Books', { httpApi: api, routeKey: HttpRouteKey.with('/books'), integration: new LambdaProxyIntegration({ handler }) });
    new HttpRoute(routeStack, 'Authors', { httpApi: api, routeKey: HttpRouteKey.with('/authors'), integration: new LambdaProxyIntegration({ handler }) });

    expect(deployOrder(app)).toEqual({ Functions: [], Api: [], Routes: ['Api', 'Functions'] });
    const routes = Template.fromStack(routeStack);
    routes.resourceCountIs('AWS::ApiGatewayV2::Route', 2);
    // One integration for the two routes of the stack; the API's one authorizer, made by the API stack's route
    // first, serves them too (a reference from Routes to Api, the direction the deployment order already has).
    routes.resourceCountIs('AWS::ApiGatewayV2::Integration', 1);
    routes.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 0);
    Template.fromStack(apiStack).resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    Template.fromStack(functionStack).resourceCountIs('AWS::Lambda::Permission', 0);
  });

  test('three stacks in a chain: API, then a stack of routes, then a stack that imports the API by id; each waits only for what it reads', () => {
    const app = new App();
    const apiStack = new Stack(app, 'Api');
    const api = new HttpApi(apiStack, 'Api');
    const first = new Stack(app, 'First');
    new HttpRoute(first, 'R', { httpApi: api, routeKey: HttpRouteKey.with('/one'), integration: new HttpProxyIntegration({ url: 'https://one.example.com' }) });
    const second = new Stack(app, 'Second');
    const imported = HttpApi.fromHttpApiAttributes(second, 'Imported', { httpApiId: 'a1b2c3d4e5' });
    imported.addRoutes({ path: '/two', integration: new HttpProxyIntegration({ url: 'https://two.example.com' }) });

    expect(deployOrder(app)).toEqual({ Api: [], First: ['Api'], Second: [] });
  });

  test('routes in the API stack bound after routes elsewhere: integrations per stack and the JWT authorizer beside the API, no cycle', () => {
    const app = new App();
    const apiStack = new Stack(app, 'Api');
    const api = new HttpApi(apiStack, 'Api', {
      defaultAuthorizer: new HttpJwtAuthorizer({ jwtIssuer: 'https://issuer.example.com', jwtAudience: ['books'] }),
    });
    const routeStack = new Stack(app, 'Routes');
    const integration = new HttpProxyIntegration({ url: 'https://example.com' });
    new HttpRoute(routeStack, 'Books', { httpApi: api, routeKey: HttpRouteKey.with('/books'), integration });
    api.addRoutes({ path: '/in-api-stack', integration });

    expect(deployOrder(app)).toEqual({ Api: [], Routes: ['Api'] });
    // The authorizer where @aws-cdk 1.123 put it (beside the API); one integration in each stack.
    Template.fromStack(apiStack).resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    Template.fromStack(apiStack).resourceCountIs('AWS::ApiGatewayV2::Integration', 1);
    Template.fromStack(routeStack).resourceCountIs('AWS::ApiGatewayV2::Integration', 1);
  });

  test('a Lambda authorizer whose function is in a stack of routes cannot also serve the API stack: refused with the reason, not a dependency cycle', () => {
    const app = new App();
    const apiStack = new Stack(app, 'Api');
    const api = new HttpApi(apiStack, 'Api');
    const routeStack = new Stack(app, 'Routes');
    const authorizer = new HttpLambdaAuthorizer({ authorizerName: 'Auth', handler: fn(routeStack, 'AuthFn') });
    const integration = new HttpProxyIntegration({ url: 'https://example.com' });
    new HttpRoute(routeStack, 'Books', { httpApi: api, routeKey: HttpRouteKey.with('/books'), integration, authorizer });
    expect(() => api.addRoutes({ path: '/in-api-stack', integration, authorizer }))
      .toThrow(/^HttpLambdaAuthorizer authorizer cannot serve routes of the API's own stack once its resource is in another stack \(it refers to 'Routes\/AuthFn' there\)/);
  });
});
