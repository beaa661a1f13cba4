import { describe, expect, it } from 'vitest';
import { route } from './http-test-fixtures.js';
import { splitPath } from './request-path.js';
import { compileRouteTable, matchRoute } from './route-table.js';

function pick(routeKeys: readonly string[], method: string, path: string) {
  const table = compileRouteTable(routeKeys.map((key) => route(key)));
  const match = matchRoute(table, method, splitPath(path));
  return match && { routeKey: match.route.routeKey, pathParameters: match.pathParameters };
}

describe('matchRoute', () => {
  it('picks the exact method over ANY on the same path', () => {
    expect(pick(['ANY /pets', 'GET /pets'], 'GET', '/pets')?.routeKey).toBe('GET /pets');
    expect(pick(['ANY /pets', 'GET /pets'], 'DELETE', '/pets')?.routeKey).toBe('ANY /pets');
  });

  it('prefers a literal segment to a path variable', () => {
    const routes = ['GET /pets/dog/{id}', 'GET /pets/dog/1'];
    expect(pick(routes, 'GET', '/pets/dog/1')?.routeKey).toBe('GET /pets/dog/1');
    expect(pick(routes, 'GET', '/pets/dog/2')).toEqual({ routeKey: 'GET /pets/dog/{id}', pathParameters: { id: '2' } });
  });

  it('prefers a greedy route to $default, and the documented example picks ANY /{proxy+}', () => {
    const routes = ['GET /pets/{proxy+}', 'ANY /{proxy+}', '$default'];
    expect(pick(routes, 'POST', '/test/5')).toEqual({ routeKey: 'ANY /{proxy+}', pathParameters: { proxy: 'test/5' } });
  });

  it('prefers any non-greedy route to a greedy one, even an ANY route', () => {
    expect(pick(['GET /{proxy+}', 'ANY /pets/{id}'], 'GET', '/pets/1')?.routeKey).toBe('ANY /pets/{id}');
  });

  it('picks the greedy route with the longest literal prefix', () => {
    const routes = ['GET /pets/{proxy+}', 'GET /pets/dog/{proxy+}', 'GET /{proxy+}'];
    expect(pick(routes, 'GET', '/pets/dog/collars/1')).toEqual({
      routeKey: 'GET /pets/dog/{proxy+}',
      pathParameters: { proxy: 'collars/1' },
    });
  });

  it('applies the method before the segment comparison', () => {
    expect(pick(['ANY /pets/dog', 'GET /pets/{kind}'], 'GET', '/pets/dog')?.routeKey).toBe('GET /pets/{kind}');
  });

  it('compares segments left to right: a literal first segment wins over a later one', () => {
    expect(pick(['GET /{a}/b', 'GET /a/{b}'], 'GET', '/a/b')?.routeKey).toBe('GET /a/{b}');
  });

  it('answers no match (404) when only another method serves the path and there is no $default', () => {
    expect(pick(['GET /pets'], 'POST', '/pets')).toBeUndefined();
  });

  it('falls back to the $default route, which has no path parameters', () => {
    expect(pick(['GET /pets', '$default'], 'POST', '/pets')).toEqual({ routeKey: '$default', pathParameters: {} });
  });

  it('does not let {var} match an empty segment', () => {
    expect(pick(['GET /pets/{id}'], 'GET', '/pets/')).toBeUndefined();
  });

  it('does not let {proxy+} match an empty remainder', () => {
    expect(pick(['GET /pets/{proxy+}'], 'GET', '/pets')).toBeUndefined();
    expect(pick(['GET /pets/{proxy+}'], 'GET', '/pets/')).toBeUndefined();
    expect(pick(['ANY /{proxy+}'], 'GET', '/')).toBeUndefined();
  });

  it('keeps a trailing slash inside a greedy value', () => {
    expect(pick(['GET /pets/{proxy+}'], 'GET', '/pets/a/')?.pathParameters).toEqual({ proxy: 'a/' });
  });

  it('does not normalize a trailing slash', () => {
    expect(pick(['GET /pets'], 'GET', '/pets/')).toBeUndefined();
    expect(pick(['GET /pets', '$default'], 'GET', '/pets/')?.routeKey).toBe('$default');
  });

  it('matches the root route', () => {
    expect(pick(['GET /', 'GET /{proxy+}'], 'GET', '/')?.routeKey).toBe('GET /');
  });

  it('matches on the decoded path and decodes parameter values', () => {
    expect(pick(['GET /caf\u00e9/{name}'], 'GET', '/caf%C3%A9/a%20b')).toEqual({
      routeKey: 'GET /caf\u00e9/{name}',
      pathParameters: { name: 'a b' },
    });
  });

  it('keeps an encoded slash inside one segment', () => {
    expect(pick(['GET /files/{name}'], 'GET', '/files/a%2Fb')?.pathParameters).toEqual({ name: 'a/b' });
  });

  it('is case-sensitive on paths and methods', () => {
    expect(pick(['GET /Pets'], 'GET', '/pets')).toBeUndefined();
    expect(pick(['GET /pets'], 'get', '/pets')).toBeUndefined();
  });

  it('does not serve HEAD from a GET route, but ANY and HEAD routes serve it', () => {
    expect(pick(['GET /pets'], 'HEAD', '/pets')).toBeUndefined();
    expect(pick(['GET /pets', 'ANY /pets'], 'HEAD', '/pets')?.routeKey).toBe('ANY /pets');
    expect(pick(['GET /pets', 'HEAD /pets'], 'HEAD', '/pets')?.routeKey).toBe('HEAD /pets');
  });

  it('binds each route its own variable names when routes share a position', () => {
    const routes = ['GET /pets/{id}', 'DELETE /pets/{petId}'];
    expect(pick(routes, 'DELETE', '/pets/7')?.pathParameters).toEqual({ petId: '7' });
    expect(pick(routes, 'GET', '/pets/7')?.pathParameters).toEqual({ id: '7' });
  });

  it('ignores route keys that are not HTTP route keys', () => {
    expect(pick(['$connect', 'sendmessage', 'GET pets', 'GET /a/{b+}/c'], 'GET', '/a/x/c')).toBeUndefined();
  });

  it('picks the right route among hundreds (timings: bench/http-core.bench.ts)', () => {
    const keys: string[] = [];
    for (let i = 0; i < 300; i++) keys.push(`GET /resource${i}/{id}`, `POST /resource${i}/{id}/items/{proxy+}`);
    const table = compileRouteTable(keys.map((key) => route(key)));
    expect(matchRoute(table, 'POST', splitPath('/resource299/42/items/a/b'))).toMatchObject({
      route: { routeKey: 'POST /resource299/{id}/items/{proxy+}' },
      pathParameters: { id: '42', proxy: 'a/b' },
    });
    expect(matchRoute(table, 'GET', splitPath('/resource150/7'))?.route.routeKey).toBe('GET /resource150/{id}');
  });
});

describe('splitPath', () => {
  it('gives no segment for the root and an empty last segment for a trailing slash', () => {
    expect(splitPath('/')).toEqual([]);
    expect(splitPath('/pets/').map((s) => s.decoded)).toEqual(['pets', '']);
  });

  it('keeps a segment with broken percent-encoding as received', () => {
    expect(splitPath('/a%zz').map((s) => s.decoded)).toEqual(['a%zz']);
  });
});
