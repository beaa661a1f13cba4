import { describe, expect, test } from 'vitest';
import { jwtAuthorizer, lambdaAuthorizer, testRequest } from './authorizer-fixtures.js';
import { identitySourcesOf, parseIdentitySource, parseIdentitySources, resolveIdentitySources } from './identity-source.js';

describe('identity sources', () => {
  test('parses the HTTP and WebSocket spellings', () => {
    expect(parseIdentitySource('$request.header.Authorization')).toMatchObject({ from: 'header', name: 'Authorization' });
    expect(parseIdentitySource('route.request.header.Auth')).toMatchObject({ from: 'header', name: 'Auth' });
    expect(parseIdentitySource('$request.querystring.token')).toMatchObject({ from: 'querystring', name: 'token' });
    expect(parseIdentitySource('route.request.querystring.token')).toMatchObject({ from: 'querystring', name: 'token' });
    expect(parseIdentitySource('$context.routeKey')).toMatchObject({ from: 'context', name: 'routeKey' });
    expect(parseIdentitySource('context.identity.sourceIp')).toMatchObject({ from: 'context', name: 'identity.sourceIp' });
    expect(parseIdentitySource('$stageVariables.tenant')).toMatchObject({ from: 'stageVariables', name: 'tenant' });
    expect(parseIdentitySource('stageVariables.tenant')).toMatchObject({ from: 'stageVariables', name: 'tenant' });
    expect(parseIdentitySource('$request.body.token')).toBeUndefined();
    expect(parseIdentitySources(['$request.header.a', 'nope'])).toMatchObject({ invalid: ['nope'] });
  });

  test('headers are case-insensitive, query parameters case-sensitive; empty values are missing', () => {
    const facts = testRequest({ headers: [['X-Token', 'abc']], query: 'Tenant=t1&empty=' }).identityFacts;
    const sources = (expressions: string[]) => parseIdentitySources(expressions).sources;
    expect(resolveIdentitySources(sources(['$request.header.x-token', '$request.querystring.Tenant']), facts)).toEqual({ kind: 'present', values: ['abc', 't1'] });
    expect(resolveIdentitySources(sources(['$request.querystring.tenant']), facts)).toEqual({ kind: 'missing', source: '$request.querystring.tenant' });
    expect(resolveIdentitySources(sources(['$request.querystring.empty']), facts)).toMatchObject({ kind: 'missing' });
  });
});

describe('identitySourcesOf', () => {
  test('parses an authorizer once and hands every later request the same parsed sources', () => {
    const authorizer = lambdaAuthorizer({ identitySource: ['$request.header.Authorization', 'nope'] });
    const first = identitySourcesOf(authorizer);
    expect(first).toMatchObject({ sources: [{ from: 'header', name: 'Authorization' }], invalid: ['nope'] });
    expect(identitySourcesOf(authorizer)).toBe(first);
  });

  test('a JWT authorizer reads its first source, or the Authorization header without one', () => {
    expect(identitySourcesOf(jwtAuthorizer('https://issuer', ['a'])).sources).toMatchObject([{ from: 'header', name: 'Authorization' }]);
    expect(identitySourcesOf(jwtAuthorizer('https://issuer', ['a'], ['$request.querystring.t', '$request.header.x'])).sources).toMatchObject([{ from: 'querystring', name: 't' }]);
  });
});
