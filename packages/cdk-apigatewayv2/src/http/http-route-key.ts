import { throwInvalid } from '../private/invalid';
import { isConcrete } from '../private/tokens';
import { HttpMethod } from './http-method';

/**
 * The key that selects a route: an HTTP method and a path (`GET /books/{id}`), or `$default`.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html
 */
export class HttpRouteKey {
  /** The `$default` route: it receives every request that no other route matches. */
  public static readonly DEFAULT = new HttpRouteKey('$default');

  /**
   * The route key for a method and a path.
   *
   * The path starts with `/`, has no empty segment and no trailing `/` (except the root `/`); a path variable
   * is a whole segment (`{id}`), and a greedy variable (`{proxy+}`) may only be the last segment.
   *
   * @param path the resource path, e.g. `/books/{id}`
   * @param method the HTTP method; default HttpMethod.ANY
   */
  public static with(path: string, method?: HttpMethod): HttpRouteKey {
    validateRoutePath(path);
    return new HttpRouteKey(`${method ?? HttpMethod.ANY} ${path}`, path, method ?? HttpMethod.ANY);
  }

  /** The route key as API Gateway writes it, e.g. `GET /books` or `$default`. */
  public readonly key: string;

  /** The path of this route key; undefined for `$default`. */
  public readonly path?: string;

  /** The method of this route key; undefined for `$default`. */
  public readonly method?: HttpMethod;

  private constructor(key: string, path?: string, method?: HttpMethod) {
    this.key = key;
    this.path = path;
    this.method = method;
  }
}

const VARIABLE_NAME = /^[A-Za-z0-9_.-]+$/;

/** Rules from the route path syntax of HTTP APIs; tokens are skipped. */
/**
 * Paths that pass every rule below at a glance: whole segments, none empty, no whitespace, each a literal or one
 * `{name}` variable (not greedy). With at most one variable no name can repeat. Checked first: every route of an
 * API is validated, and most paths look like this.
 */
const PLAIN_PATH = /^(?:\/(?:[^\s/{}]+|\{[A-Za-z0-9_.-]+\}))+$/;

function validateRoutePath(path: string): void {
  if (PLAIN_PATH.test(path) && path.indexOf('{') === path.lastIndexOf('{')) {
    return;
  }
  if (!isConcrete(path)) {
    return;
  }
  const fail = (rule: string): never => {
    throwInvalid(undefined, { subject: 'HttpRouteKey', prop: 'path', rule, value: path });
  };
  // Where @aws-cdk 1.123 threw, its message comes first.
  const v1 = 'A route path must always start with a "/" and not end with a "/"';
  if (!path.startsWith('/')) {
    throwInvalid(undefined, { legacyMessage: v1, subject: 'HttpRouteKey', prop: 'path', rule: "must start with '/'", value: path });
  }
  if (/\s/.test(path)) {
    fail('must not contain whitespace');
  }
  if (path === '/') {
    return;
  }
  if (path.endsWith('/')) {
    throwInvalid(undefined, { legacyMessage: v1, subject: 'HttpRouteKey', prop: 'path', rule: "must not end with '/'", value: path });
  }
  const segments = path.slice(1).split('/');
  const seen = new Set<string>();
  segments.forEach((segment, index) => {
    if (segment === '') {
      fail(`must not contain an empty segment ('//')`);
    }
    if (!segment.includes('{') && !segment.includes('}')) {
      return;
    }
    const match = /^\{([^{}]*?)(\+?)\}$/.exec(segment);
    if (!match) {
      fail(`must use whole segments for path variables (like '{id}'), found segment '${segment}'`);
      return;
    }
    const [, name, greedy] = match;
    if (!VARIABLE_NAME.test(name)) {
      fail(`must name path variables with [A-Za-z0-9_.-]+, found '${segment}'`);
    }
    if (greedy && index !== segments.length - 1) {
      fail(`greedy variable '${segment}' must be the last segment`);
    }
    if (seen.has(name)) {
      fail(`must not repeat the path variable '${name}'`);
    }
    seen.add(name);
  });
}
