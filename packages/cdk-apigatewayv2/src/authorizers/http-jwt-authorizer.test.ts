import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, test } from 'vitest';
import { expectError } from '../../test/support/expect-error';
import { UrlIntegration } from '../../test/support/fake-route-integrations';
import { HttpApi, HttpMethod, HttpNoneAuthorizer } from '../http';
import { HttpJwtAuthorizer } from './http-jwt-authorizer';

const ISSUER = 'https://issuer.example.com';
const integration = new UrlIntegration('https://backend.example.com');

function newStack(): Stack {
  return new Stack(new App(), 'Stack');
}

function jwt(): HttpJwtAuthorizer {
  return new HttpJwtAuthorizer({ jwtIssuer: ISSUER, jwtAudience: ['books-client'] });
}

/** The route resource whose RouteKey is `routeKey`. */
function route(template: Template, routeKey: string): Record<string, unknown> {
  const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: routeKey } }));
  expect(routes).toHaveLength(1);
  return (routes[0] as { Properties: Record<string, unknown> }).Properties;
}

describe('HttpJwtAuthorizer', () => {
  test('creates a JWT authorizer with the default name and Authorization header', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    api.addRoutes({ path: '/books', methods: [HttpMethod.GET], integration, authorizer: jwt() });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      ApiId: { Ref: Match.stringLikeRegexp('^Api') },
      AuthorizerType: 'JWT',
      Name: 'JwtAuthorizer',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Issuer: ISSUER, Audience: ['books-client'] },
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'GET /books',
      AuthorizationType: 'JWT',
      // As @aws-cdk 1.123: directly under the API, named after the authorizer.
      AuthorizerId: { Ref: Match.stringLikeRegexp('^ApiJwtAuthorizer') },
    });
  });

  test('creates one authorizer for several routes and the default authorizer of one API', () => {
    const stack = newStack();
    const authorizer = jwt();
    const api = new HttpApi(stack, 'Api', { defaultAuthorizer: authorizer });
    api.addRoutes({ path: '/books', methods: [HttpMethod.GET, HttpMethod.POST], integration });
    api.addRoutes({ path: '/authors', integration, authorizer });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    const ids = ['GET /books', 'POST /books', 'ANY /authors'].map((key) => route(template, key).AuthorizerId);
    expect(new Set(ids.map((id) => JSON.stringify(id))).size).toBe(1);
  });

  test('creates one authorizer on each API when the same object is used on two APIs', () => {
    const stack = newStack();
    const authorizer = jwt();
    new HttpApi(stack, 'First').addRoutes({ path: '/a', integration, authorizer });
    new HttpApi(stack, 'Second', { defaultAuthorizer: authorizer }).addRoutes({ path: '/b', integration });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 2);
    const authorizerOf = (apiPrefix: string): string => {
      const found = Object.entries(template.findResources('AWS::ApiGatewayV2::Authorizer'))
        .filter(([, resource]) => (resource as { Properties: { ApiId: { Ref: string } } }).Properties.ApiId.Ref.startsWith(apiPrefix));
      expect(found).toHaveLength(1);
      return found[0][0];
    };
    expect(route(template, 'ANY /a').AuthorizerId).toEqual({ Ref: authorizerOf('First') });
    expect(route(template, 'ANY /b').AuthorizerId).toEqual({ Ref: authorizerOf('Second') });
  });

  test('puts route scopes on a route without a default authorizer', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    api.addRoutes({ path: '/books', methods: [HttpMethod.GET], integration, authorizer: jwt(), authorizationScopes: ['books:read'] });

    expect(route(Template.fromStack(stack), 'GET /books')).toMatchObject({ AuthorizationType: 'JWT', AuthorizationScopes: ['books:read'] });
  });

  test('applies the default scopes to routes of the default authorizer, and route scopes replace them', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api', { defaultAuthorizer: jwt(), defaultAuthorizationScopes: ['books:read'] });
    api.addRoutes({ path: '/books', methods: [HttpMethod.GET], integration });
    api.addRoutes({ path: '/books', methods: [HttpMethod.POST], integration, authorizationScopes: ['books:write'] });

    const template = Template.fromStack(stack);
    expect(route(template, 'GET /books').AuthorizationScopes).toEqual(['books:read']);
    expect(route(template, 'POST /books').AuthorizationScopes).toEqual(['books:write']);
  });

  test('lets HttpNoneAuthorizer make one route public under a default authorizer; default scopes are written as 1.123 wrote them', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api', { defaultAuthorizer: jwt(), defaultAuthorizationScopes: ['books:read'] });
    api.addRoutes({ path: '/books', methods: [HttpMethod.GET], integration });
    api.addRoutes({ path: '/health', methods: [HttpMethod.GET], integration, authorizer: new HttpNoneAuthorizer() });

    const template = Template.fromStack(stack);
    const open = route(template, 'GET /health');
    expect(open.AuthorizationType).toBe('NONE');
    expect(open.AuthorizerId).toBeUndefined();
    // @aws-cdk 1.123 gave every route of addRoutes the API's default scopes; API Gateway does not use them on a NONE
    // route, and a warning says so.
    expect(open.AuthorizationScopes).toEqual(['books:read']);
    expect(route(template, 'GET /books').AuthorizationType).toBe('JWT');
    Annotations.fromStack(stack).hasWarning('/Stack/Api/GET--health', Match.stringLikeRegexp('take effect with a JWT authorizer only'));
  });

  test('uses the given name and query string identity source', () => {
    const stack = newStack();
    const authorizer = new HttpJwtAuthorizer({
      jwtIssuer: ISSUER, jwtAudience: ['a', 'b'], authorizerName: 'Partners', identitySource: ['$request.querystring.token'],
    });
    new HttpApi(stack, 'Api', { defaultAuthorizer: authorizer }).addRoutes({ path: '/x', integration });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      Name: 'Partners',
      IdentitySource: ['$request.querystring.token'],
      JwtConfiguration: { Audience: ['a', 'b'] },
    });
  });

  test('rejects two authorizers with the same name on one API', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api', { defaultAuthorizer: jwt() });
    api.addRoutes({ path: '/a', integration });
    expectError(() => api.addRoutes({ path: '/b', integration, authorizer: jwt() }),
      "There is already a Construct with name 'JwtAuthorizer' in HttpApi [Api]: HttpJwtAuthorizer authorizerName must be unique within an API, got 'JwtAuthorizer', which the API at 'Stack/Api' already uses for Stack/Api/JwtAuthorizer (at 'Stack/Api')",
    );
  });
});

describe('HttpJwtAuthorizer validation', () => {
  const cases: Array<[string, () => unknown, string]> = [
    ['an empty audience list', () => new HttpJwtAuthorizer({ jwtIssuer: ISSUER, jwtAudience: [] }),
      'HttpJwtAuthorizer jwtAudience must have at least one audience, got []'],
    ['more than 50 audiences', () => new HttpJwtAuthorizer({ jwtIssuer: ISSUER, jwtAudience: Array.from({ length: 51 }, (_, i) => `client-${i}`) }),
      'HttpJwtAuthorizer jwtAudience must have at most 50 audiences, got 51'],
    ['an empty audience', () => new HttpJwtAuthorizer({ jwtIssuer: ISSUER, jwtAudience: ['a', ''] }),
      "HttpJwtAuthorizer jwtAudience entries must not be empty, got ['a', '']"],
    ['an http:// issuer', () => new HttpJwtAuthorizer({ jwtIssuer: 'http://issuer.example.com', jwtAudience: ['a'] }),
      "HttpJwtAuthorizer jwtIssuer must be an https:// URL, got 'http://issuer.example.com'"],
    ['an issuer without a host', () => new HttpJwtAuthorizer({ jwtIssuer: 'https:///path', jwtAudience: ['a'] }),
      "HttpJwtAuthorizer jwtIssuer must be an https:// URL, got 'https:///path'"],
    ['two identity sources', () => new HttpJwtAuthorizer({ jwtIssuer: ISSUER, jwtAudience: ['a'], identitySource: ['$request.header.A', '$request.header.B'] }),
      "HttpJwtAuthorizer identitySource must have exactly one entry for a JWT authorizer, got 2 (['$request.header.A', '$request.header.B'])"],
    ['no identity source', () => new HttpJwtAuthorizer({ jwtIssuer: ISSUER, jwtAudience: ['a'], identitySource: [] }),
      'HttpJwtAuthorizer identitySource must have exactly one entry for a JWT authorizer, got 0 ([])'],
    ['a context identity source', () => new HttpJwtAuthorizer({ jwtIssuer: ISSUER, jwtAudience: ['a'], identitySource: ['$context.identity.sourceIp'] }),
      "HttpJwtAuthorizer identitySource of a JWT authorizer must be a header ('$request.header.Name') or a query string parameter ('$request.querystring.name'), got '$context.identity.sourceIp'"],
    ['a WebSocket-style identity source', () => new HttpJwtAuthorizer({ jwtIssuer: ISSUER, jwtAudience: ['a'], identitySource: ['route.request.header.Authorization'] }),
      "HttpJwtAuthorizer identitySource entries must look like one of '$request.header.Name', '$request.querystring.name', '$context.name', '$stageVariables.name', got 'route.request.header.Authorization'"],
    ['an empty name', () => new HttpJwtAuthorizer({ jwtIssuer: ISSUER, jwtAudience: ['a'], authorizerName: '' }),
      "HttpJwtAuthorizer authorizerName must be 1 to 128 characters long, got '' (0 characters)"],
    ['a name over 128 characters', () => new HttpJwtAuthorizer({ jwtIssuer: ISSUER, jwtAudience: ['a'], authorizerName: 'n'.repeat(129) }),
      `HttpJwtAuthorizer authorizerName must be 1 to 128 characters long, got '${'n'.repeat(129)}' (129 characters)`],
  ];

  test.each(cases)('rejects %s', (_name, create, message) => {
    expectError(create, message);
  });

  test('skips checks on tokens', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Other');
    expect(() => new HttpJwtAuthorizer({ jwtIssuer: api.apiEndpoint, jwtAudience: [api.apiId] })).not.toThrow();
  });
});
