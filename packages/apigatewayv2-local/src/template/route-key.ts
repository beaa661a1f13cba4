import type { HttpRouteKey, PathSegmentPattern } from '../model/index.js';

/** The methods an HTTP API route key may name. */
const HTTP_METHODS: ReadonlySet<string> = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY']);

/** A route key read, or why API Gateway would refuse it. */
export type ParsedHttpRouteKey = { readonly ok: true; readonly key: HttpRouteKey } | { readonly ok: false; readonly problem: string };

const METHOD_AND_PATH = /^([A-Z]+) (\/.*)$/;
const VARIABLE_SEGMENT = /^\{([^{}+]+)(\+?)\}$/;

/**
 * The one reading of an HTTP API route key: `$default`, or `METHOD /path` with one space, an upper-case
 * method, a path starting with `/` and not ending in one, no empty segment, whole-segment variables, and a
 * greedy `{name+}` only as the last segment. The template reader refuses (and reports) keys that break a
 * rule; routing uses the parsed segments and never reads the key's text again.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html
 */
export function parseHttpRouteKey(routeKey: string): ParsedHttpRouteKey {
  if (routeKey === '$default') return { ok: true, key: { kind: 'default' } };
  const match = METHOD_AND_PATH.exec(routeKey);
  if (!match) return { ok: false, problem: "must be '$default' or 'METHOD /path'" };
  const method = match[1];
  const path = match[2];
  if (!HTTP_METHODS.has(method)) return { ok: false, problem: `method must be one of ${[...HTTP_METHODS].join(', ')}` };
  if (path === '/') return { ok: true, key: { kind: 'method-path', method, path, segments: [] } };
  if (path.endsWith('/')) return { ok: false, problem: 'path must not end with /' };
  const parts = path.slice(1).split('/');
  const segments: PathSegmentPattern[] = [];
  for (const [index, part] of parts.entries()) {
    if (part === '') return { ok: false, problem: 'path must not contain empty segments' };
    const variable = VARIABLE_SEGMENT.exec(part);
    if (!variable) {
      if (part.includes('{') || part.includes('}')) return { ok: false, problem: `path variable must be a whole segment, got '${part}'` };
      segments.push({ kind: 'literal', value: part });
    } else if (variable[2] === '+') {
      if (index !== parts.length - 1) return { ok: false, problem: 'a greedy path variable {name+} must be the last segment' };
      segments.push({ kind: 'greedy', name: variable[1] });
    } else {
      segments.push({ kind: 'variable', name: variable[1] });
    }
  }
  return { ok: true, key: { kind: 'method-path', method, path, segments } };
}
