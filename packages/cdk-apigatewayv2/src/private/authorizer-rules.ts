import { Duration, Token } from 'aws-cdk-lib';
import { throwInvalid } from './invalid';
import { isConcrete } from './tokens';

/**
 * Synth-time checks for authorizer settings that API Gateway would reject at deploy time, shared by the
 * HTTP and WebSocket authorizers of `cdk-apigatewayv2/authorizers`.
 *
 * Each check takes `subject`, the class the user configured (e.g. `HttpJwtAuthorizer`), so the error names the
 * class, the prop, the rule and the value received. Tokens are skipped: a list that is itself a token has no
 * known length, and a token entry has no known value.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-authorizer.html
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html
 */

/** Header names are HTTP tokens (RFC 9110 section 5.6.2). */
const HEADER_NAME = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
/** Query string parameter names: anything but whitespace and the separators of a query string. */
const QUERY_NAME = '[^\\s&=#]+';
/** Stage variable names are alphanumeric and underscore. */
const STAGE_VARIABLE_NAME = '[A-Za-z0-9_]+';
/** Context variables are dotted names such as `identity.sourceIp` or `routeKey`. */
const CONTEXT_NAME = '[A-Za-z0-9_]+(?:\\.[A-Za-z0-9_-]+)*';

/** One way of naming where an identity comes from, in the syntax of one API protocol. */
interface IdentitySourceForm {
  /** How the form is written in an error message. */
  readonly example: string;
  readonly pattern: RegExp;
  /** Whether a JWT authorizer may read its token from there (headers and query strings only). */
  readonly carriesJwt: boolean;
}

const form = (prefix: string, name: string, example: string, carriesJwt: boolean): IdentitySourceForm => ({
  example,
  pattern: new RegExp(`^${prefix.replace(/[$.]/g, '\\$&')}${name}$`),
  carriesJwt,
});

/** HTTP API identity sources. @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html */
const HTTP_FORMS: readonly IdentitySourceForm[] = [
  form('$request.header.', HEADER_NAME, '$request.header.Name', true),
  form('$request.querystring.', QUERY_NAME, '$request.querystring.name', true),
  form('$context.', CONTEXT_NAME, '$context.name', false),
  form('$stageVariables.', STAGE_VARIABLE_NAME, '$stageVariables.name', false),
];

/** WebSocket API identity sources. @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-lambda-auth.html */
const WEBSOCKET_FORMS: readonly IdentitySourceForm[] = [
  form('route.request.header.', HEADER_NAME, 'route.request.header.Name', false),
  form('route.request.querystring.', QUERY_NAME, 'route.request.querystring.name', false),
  form('stageVariables.', STAGE_VARIABLE_NAME, 'stageVariables.name', false),
  form('context.', CONTEXT_NAME, 'context.name', false),
];

/** The protocol whose identity source syntax applies. */
export type IdentitySourceSyntax = 'http' | 'websocket';

/** What {@link checkIdentitySources} needs. */
export interface IdentitySourceCheck {
  /** The class the user configured, for the message. */
  readonly subject: string;
  readonly identitySource: readonly string[];
  readonly syntax: IdentitySourceSyntax;
  /** A JWT authorizer reads exactly one token, from a header or a query string parameter. */
  readonly jwt?: boolean;
  /** Whether the list must have at least one entry; `reason` ends the message. */
  readonly required?: { readonly reason: string };
}

/** Checks the form of every identity source, and the count rules of JWT and caching authorizers. */
export function checkIdentitySources(check: IdentitySourceCheck): void {
  const { subject, identitySource } = check;
  if (Token.isUnresolved(identitySource)) {
    return;
  }
  if (check.jwt && identitySource.length !== 1) {
    throwInvalid(undefined, { subject, prop: 'identitySource', rule: 'must have exactly one entry for a JWT authorizer', got: `${identitySource.length} (${describeList(identitySource)})` });
  }
  if (check.required && identitySource.length === 0) {
    throwInvalid(undefined, { subject, prop: 'identitySource', rule: `must have at least one entry ${check.required.reason}`, value: [] });
  }
  const forms = check.syntax === 'http' ? HTTP_FORMS : WEBSOCKET_FORMS;
  for (const source of identitySource.filter(isConcrete)) {
    const match = forms.find((f) => f.pattern.test(source));
    if (match === undefined) {
      const expected = forms.map((f) => `'${f.example}'`).join(', ');
      throwInvalid(undefined, { subject, prop: 'identitySource', rule: `entries must look like one of ${expected}`, value: source });
    }
    if (check.jwt && !match.carriesJwt) {
      throwInvalid(undefined, { subject, prop: 'identitySource', rule: "of a JWT authorizer must be a header ('$request.header.Name') or a query string parameter ('$request.querystring.name')", value: source });
    }
  }
}

/** Authorizer names are 1 to 128 characters. */
export function checkAuthorizerName(subject: string, name: string): void {
  if (isConcrete(name) && (name.length < 1 || name.length > 128)) {
    throwInvalid(undefined, { subject, prop: 'authorizerName', rule: 'must be 1 to 128 characters long', got: `'${name}' (${name.length} characters)` });
  }
}

/** An HTTP API JWT authorizer accepts 1 to 50 audiences. */
const MAX_AUDIENCES = 50;

/** The audience list of a JWT authorizer: 1 to 50 non-empty entries. */
export function checkJwtAudience(subject: string, audience: readonly string[]): void {
  if (Token.isUnresolved(audience)) {
    return;
  }
  if (audience.length === 0) {
    throwInvalid(undefined, { subject, prop: 'jwtAudience', rule: 'must have at least one audience', value: [] });
  }
  if (audience.length > MAX_AUDIENCES) {
    throwInvalid(undefined, { subject, prop: 'jwtAudience', rule: `must have at most ${MAX_AUDIENCES} audiences`, value: audience.length });
  }
  if (audience.some((entry) => isConcrete(entry) && entry.trim() === '')) {
    throwInvalid(undefined, { subject, prop: 'jwtAudience', rule: 'entries must not be empty', value: audience });
  }
}

/**
 * The issuer of a JWT authorizer: API Gateway fetches `{issuer}/.well-known/openid-configuration` from it, over
 * HTTPS only.
 */
export function checkJwtIssuer(subject: string, issuer: string): void {
  if (!isConcrete(issuer)) {
    return;
  }
  if (!/^https:\/\/[^\s/?#]+[^\s]*$/.test(issuer)) {
    throwInvalid(undefined, { subject, prop: 'jwtIssuer', rule: 'must be an https:// URL', value: issuer });
  }
}

/** API Gateway caches a Lambda authorizer's result for at most one hour. */
const MAX_CACHE_TTL_SECONDS = 3600;

/**
 * The result cache TTL of an HTTP API Lambda authorizer (whole seconds, 0 to 3600) and its identity sources
 * (HTTP syntax; at least one while caching, because API Gateway keys the cache by them).
 *
 * @param ttl the TTL; undefined leaves it to API Gateway, which is not guessed
 */
export function checkLambdaAuthorizerCache(subject: string, ttl: Duration | undefined, identitySource: readonly string[]): void {
  const ttlSeconds = ttl === undefined ? undefined : checkResultsCacheTtl(subject, ttl);
  const caching = ttlSeconds !== undefined && ttlSeconds > 0;
  checkIdentitySources({
    subject,
    identitySource,
    syntax: 'http',
    required: caching
      ? { reason: `while results are cached (resultsCacheTtl ${ttlSeconds} seconds; Duration.seconds(0) turns caching off)` }
      : undefined,
  });
}

/** @returns the TTL in seconds, or undefined when it is a token */
function checkResultsCacheTtl(subject: string, ttl: Duration): number | undefined {
  if (ttl.isUnresolved()) {
    return undefined;
  }
  const seconds = ttl.toSeconds({ integral: false });
  if (!Number.isInteger(seconds)) {
    throwInvalid(undefined, { subject, prop: 'resultsCacheTtl', rule: 'must be a whole number of seconds', value: ttl });
  }
  if (seconds > MAX_CACHE_TTL_SECONDS) {
    throwInvalid(undefined, { subject, prop: 'resultsCacheTtl', rule: `must be at most ${MAX_CACHE_TTL_SECONDS} seconds (1 hour)`, got: `${seconds} seconds` });
  }
  return seconds;
}

/** An AWS region name such as `us-east-1`, `us-gov-west-1` or `cn-north-1`. */
export function checkRegion(subject: string, prop: string, region: string): void {
  if (isConcrete(region) && !/^[a-z]{2,}(-[a-z]+)+-\d+$/.test(region)) {
    throwInvalid(undefined, { subject, prop, rule: "must be an AWS region such as 'us-east-1'", value: region });
  }
}

function describeList(list: readonly string[]): string {
  return `[${list.map((entry) => `'${entry}'`).join(', ')}]`;
}
