import { describe, expect, it } from 'vitest';
import { parseHttpRouteKey } from './route-key.js';

describe('parseHttpRouteKey', () => {
  it('reads the method, the path and its segments', () => {
    expect(parseHttpRouteKey('GET /pets/{id}/{proxy+}')).toEqual({
      ok: true,
      key: {
        kind: 'method-path',
        method: 'GET',
        path: '/pets/{id}/{proxy+}',
        segments: [
          { kind: 'literal', value: 'pets' },
          { kind: 'variable', name: 'id' },
          { kind: 'greedy', name: 'proxy' },
        ],
      },
    });
    expect(parseHttpRouteKey('ANY /')).toEqual({ ok: true, key: { kind: 'method-path', method: 'ANY', path: '/', segments: [] } });
    expect(parseHttpRouteKey('$default')).toEqual({ ok: true, key: { kind: 'default' } });
  });

  it('rejects keys without one space and a leading slash, or with a lower-case method', () => {
    for (const key of ['GET  /pets', 'GET pets', 'get /pets', '$connect', 'sendmessage']) {
      expect(parseHttpRouteKey(key)).toEqual({ ok: false, problem: "must be '$default' or 'METHOD /path'" });
    }
  });

  it('names the rule a path breaks', () => {
    const problem = (key: string) => {
      const parsed = parseHttpRouteKey(key);
      return parsed.ok ? undefined : parsed.problem;
    };
    expect(problem('FETCH /pets')).toMatch(/^method must be one of GET, POST/);
    expect(problem('GET /pets/')).toBe('path must not end with /');
    expect(problem('GET /pets//x')).toBe('path must not contain empty segments');
    expect(problem('GET /pets/a{id}')).toBe("path variable must be a whole segment, got 'a{id}'");
    expect(problem('GET /{proxy+}/x')).toBe('a greedy path variable {name+} must be the last segment');
  });
});
