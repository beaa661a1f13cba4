import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, test } from 'vitest';
import { expectError } from '../../test/support/expect-error';
import { FixedAuthorizer, UrlIntegration } from '../../test/support/fake-route-integrations';
import { HttpApi, HttpMethod, HttpNoneAuthorizer, HttpRoute, HttpRouteKey } from '../index';

function newStack(): Stack {
  return new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'eu-west-1' } });
}

const integration = new UrlIntegration('https://example.com');
const jwt = (): FixedAuthorizer => new FixedAuthorizer({ authorizationType: 'JWT', authorizerId: 'jwt123' });
const lambdaAuthorizer = (): FixedAuthorizer => new FixedAuthorizer({ authorizationType: 'CUSTOM', authorizerId: 'lambda123' });

describe('HttpRoute', () => {
  test('exposes path, method and the route ARN for every stage', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    const [route] = api.addRoutes({ path: '/books/{id}', methods: [HttpMethod.GET], integration });
    const [anyRoute] = api.addRoutes({ path: '/books', integration });
    const defaultRoute = new HttpRoute(stack, 'Default', { httpApi: api, routeKey: HttpRouteKey.DEFAULT, integration });
    expect(route.path).toBe('/books/{id}');
    expect(route.method).toBe(HttpMethod.GET);
    const tail = (arn: string): unknown => (stack.resolve(arn) as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1].at(-1);
    expect(tail(route.routeArn)).toBe('/*/GET/books/*');
    expect(tail(anyRoute.routeArn)).toBe('/*/*/books');
    expect(tail(defaultRoute.routeArn)).toBe('/*/$default');
    expect(defaultRoute.path).toBeUndefined();
  });

  test('routeId refers to the route resource, the same token on every read', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    const [route] = api.addRoutes({ path: '/books', methods: [HttpMethod.GET], integration });
    const [logicalId] = Object.keys(Template.fromStack(stack).findResources('AWS::ApiGatewayV2::Route'));
    expect(stack.resolve(route.routeId)).toEqual({ Ref: logicalId });
    expect(route.routeId).toBe(route.routeId);
  });

  test('uses the default authorizer of the API for routes without their own', () => {
    const stack = newStack();
    const defaultAuthorizer = jwt();
    const api = new HttpApi(stack, 'Api', { defaultAuthorizer, defaultAuthorizationScopes: ['books:read'] });
    api.addRoutes({ path: '/books', integration });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Route', {
      AuthorizationType: 'JWT', AuthorizerId: 'jwt123', AuthorizationScopes: ['books:read'],
    });
    expect(defaultAuthorizer.scopes).toEqual(['Stack/Api']);
  });

  test('lets HttpNoneAuthorizer make a route public despite a default authorizer; the default scopes stay, as in 1.123', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api', { defaultAuthorizer: jwt(), defaultAuthorizationScopes: ['books:read'] });
    api.addRoutes({ path: '/health', integration, authorizer: new HttpNoneAuthorizer() });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'ANY /health', AuthorizationType: 'NONE', AuthorizerId: Match.absent(), AuthorizationScopes: ['books:read'],
    });
  });

  test('lets route scopes replace the default scopes', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api', { defaultAuthorizer: jwt(), defaultAuthorizationScopes: ['books:read'] });
    api.addRoutes({ path: '/books', methods: [HttpMethod.POST], integration, authorizationScopes: ['books:write'] });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'POST /books', AuthorizationScopes: ['books:write'] });
  });

  test('writes authorization type NONE, as 1.123 did, when neither the route nor the API has an authorizer', () => {
    const stack = newStack();
    new HttpApi(stack, 'Api').addRoutes({ path: '/open', integration });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Route', { AuthorizationType: 'NONE', AuthorizerId: Match.absent() });
  });

  const ignoredScopes: [string, (stack: Stack) => void, string, string][] = [
    ['route scopes with a Lambda authorizer', (stack) => new HttpApi(stack, 'Api').addRoutes({ path: '/x', integration, authorizer: lambdaAuthorizer(), authorizationScopes: ['a'] }),
      '/Stack/Api/ANY--x', `HttpRoute authorizationScopes take effect with a JWT authorizer only, got [a] on 'ANY /x' with authorizationType 'CUSTOM'`],
    ['route scopes without any authorizer', (stack) => new HttpApi(stack, 'Api').addRoutes({ path: '/x', integration, authorizationScopes: ['a'] }),
      '/Stack/Api/ANY--x', `HttpRoute authorizationScopes are ignored on 'ANY /x', which has no authorizer: got [a]`],
    ['default scopes with a Lambda default authorizer', (stack) => new HttpApi(stack, 'Api', { defaultAuthorizer: lambdaAuthorizer(), defaultAuthorizationScopes: ['a'] }).addRoutes({ path: '/x', integration }),
      '/Stack/Api/ANY--x', `HttpRoute authorizationScopes take effect with a JWT authorizer only, got [a] on 'ANY /x' with authorizationType 'CUSTOM'`],
  ];

  // @aws-cdk 1.123 accepted these; API Gateway does not refuse them, it only does not use the scopes.
  test.each(ignoredScopes)('accepts %s, with a warning', (_name, build, path, message) => {
    const stack = newStack();
    build(stack);
    Annotations.fromStack(stack).hasWarning(path, Match.stringLikeRegexp(escapeRegExp(message)));
  });

  test('binds a Lambda authorizer as CUSTOM', () => {
    const stack = newStack();
    new HttpApi(stack, 'Api').addRoutes({ path: '/books', integration, authorizer: lambdaAuthorizer() });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Route', { AuthorizationType: 'CUSTOM', AuthorizerId: 'lambda123' });
  });
});

describe('HttpRoute validation', () => {
  const cases: [string, (stack: Stack) => void, string][] = [
    ['an unknown authorization type', (stack) => new HttpApi(stack, 'Api').addRoutes({ path: '/x', integration, authorizer: new FixedAuthorizer({ authorizationType: 'REQUEST', authorizerId: 'a' }) }),
      `authorizationType should either be JWT, CUSTOM, or NONE: HttpRouteAuthorizerConfig authorizationType must be one of NONE, JWT, CUSTOM, AWS_IAM, got 'REQUEST' (at 'Stack/Api/ANY--x')`],
    ['a JWT authorization without authorizer id', (stack) => new HttpApi(stack, 'Api').addRoutes({ path: '/x', integration, authorizer: new FixedAuthorizer({ authorizationType: 'JWT' }) }),
      `HttpRouteAuthorizerConfig authorizerId is required for authorizationType 'JWT', got undefined (at 'Stack/Api/ANY--x')`],
    ['the same route key twice', (stack) => {
      const api = new HttpApi(stack, 'Api');
      new HttpRoute(stack, 'A', { httpApi: api, routeKey: HttpRouteKey.with('/x', HttpMethod.GET), integration });
      new HttpRoute(stack, 'B', { httpApi: api, routeKey: HttpRouteKey.with('/x', HttpMethod.GET), integration });
    }, `HttpRoute routeKey must be unique within an API, got 'GET /x' which duplicates 'GET /x' at Stack/A (at 'Stack/B')`],
    ['route keys that differ only in variable names', (stack) => {
      const api = new HttpApi(stack, 'Api');
      api.addRoutes({ path: '/books/{id}', methods: [HttpMethod.GET], integration });
      new HttpRoute(stack, 'B', { httpApi: api, routeKey: HttpRouteKey.with('/books/{bookId}', HttpMethod.GET), integration });
    }, `HttpRoute routeKey must be unique within an API, got 'GET /books/{bookId}' which duplicates 'GET /books/{id}' at Stack/Api/GET--books--{id} (at 'Stack/B')`],
    ['addRoutes without methods', (stack) => new HttpApi(stack, 'Api').addRoutes({ path: '/x', methods: [], integration }),
      `HttpApi addRoutes methods must list at least one method, got [] for path '/x' (at 'Stack/Api')`],
  ];

  test.each(cases)('rejects %s', (_name, build, message) => {
    expectError(() => build(newStack()), message);
  });
});

describe('HttpRouteKey', () => {
  test('writes method and path, and ANY by default', () => {
    expect(HttpRouteKey.with('/books', HttpMethod.GET).key).toBe('GET /books');
    expect(HttpRouteKey.with('/').key).toBe('ANY /');
    expect(HttpRouteKey.with('/{proxy+}').path).toBe('/{proxy+}');
    expect(HttpRouteKey.DEFAULT.key).toBe('$default');
  });

  const invalid: [string, string][] = [
    ['books', `A route path must always start with a "/" and not end with a "/": HttpRouteKey path must start with '/', got 'books'`],
    ['/books/', `A route path must always start with a "/" and not end with a "/": HttpRouteKey path must not end with '/', got '/books/'`],
    ['/books//x', `HttpRouteKey path must not contain an empty segment ('//'), got '/books//x'`],
    ['/books{id}', `HttpRouteKey path must use whole segments for path variables (like '{id}'), found segment 'books{id}', got '/books{id}'`],
    ['/{proxy+}/x', `HttpRouteKey path greedy variable '{proxy+}' must be the last segment, got '/{proxy+}/x'`],
    ['/{id}/{id}', `HttpRouteKey path must not repeat the path variable 'id', got '/{id}/{id}'`],
    ['/{}', `HttpRouteKey path must name path variables with [A-Za-z0-9_.-]+, found '{}', got '/{}'`],
    ['/my books', `HttpRouteKey path must not contain whitespace, got '/my books'`],
    ['/books}', `HttpRouteKey path must use whole segments for path variables (like '{id}'), found segment 'books}', got '/books}'`],
    ['/{id}x', `HttpRouteKey path must use whole segments for path variables (like '{id}'), found segment '{id}x', got '/{id}x'`],
    ['/{a}/b/{a}', `HttpRouteKey path must not repeat the path variable 'a', got '/{a}/b/{a}'`],
    ['/a\tb/{id}', `HttpRouteKey path must not contain whitespace, got '/a\tb/{id}'`],
  ];

  test.each(invalid)('rejects the path %s', (path, message) => {
    expectError(() => HttpRouteKey.with(path), message);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
