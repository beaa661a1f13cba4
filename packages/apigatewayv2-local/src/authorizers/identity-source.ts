import type { AuthorizerModel } from '../model/index.js';
import type { IdentityFacts } from './authorization-types.js';

/** One parsed identity-source expression: where the value comes from and its name. */
export interface IdentitySource {
  readonly from: 'header' | 'querystring' | 'context' | 'stageVariables';
  readonly name: string;
  /** The expression as configured, for messages. */
  readonly expression: string;
}

/**
 * The two spellings AWS accepts: HTTP APIs write `$request.header.Name`, `$request.querystring.name`,
 * `$context.var`, `$stageVariables.var`
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html);
 * WebSocket `$connect` authorizers write `route.request.header.Name`, `route.request.querystring.name`,
 * `context.var`, `stageVariables.var`
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-lambda-auth.html).
 */
const IDENTITY_SOURCE = /^(?:\$request\.|route\.request\.)(header|querystring)\.(.+)$|^\$?(context|stageVariables)\.(.+)$/;

/** Parses an identity-source expression; undefined when it is none of the forms AWS accepts. */
export function parseIdentitySource(expression: string): IdentitySource | undefined {
  const match = IDENTITY_SOURCE.exec(expression.trim());
  if (!match) return undefined;
  if (match[1] !== undefined) return { from: match[1] as 'header' | 'querystring', name: match[2], expression };
  return { from: match[3] as 'context' | 'stageVariables', name: match[4], expression };
}

/** The resolved values in configuration order, or the first source whose value is missing or empty. */
export type IdentityValues =
  | { readonly kind: 'present'; readonly values: readonly string[] }
  | { readonly kind: 'missing'; readonly source: string };

/**
 * Resolves identity sources against a request. A missing or empty value of any source means the request
 * is refused with 401 before the authorizer runs
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html).
 */
export function resolveIdentitySources(sources: readonly IdentitySource[], facts: IdentityFacts): IdentityValues {
  const values: string[] = [];
  for (const source of sources) {
    const value = valueOf(source, facts);
    if (value === undefined || value === '') return { kind: 'missing', source: source.expression };
    values.push(value);
  }
  return { kind: 'present', values };
}

function valueOf(source: IdentitySource, facts: IdentityFacts): string | undefined {
  switch (source.from) {
    case 'header':
      return facts.header(source.name);
    case 'querystring':
      return facts.queryParameter(source.name);
    case 'context':
      return facts.contextVariable(source.name);
    case 'stageVariables':
      return facts.stageVariable(source.name);
  }
}

/** Parses every expression of an authorizer; the expressions no form matches are returned apart. */
export function parseIdentitySources(expressions: readonly string[]): { sources: IdentitySource[]; invalid: string[] } {
  const sources: IdentitySource[] = [];
  const invalid: string[] = [];
  for (const expression of expressions) {
    const source = parseIdentitySource(expression);
    if (source) sources.push(source);
    else invalid.push(expression);
  }
  return { sources, invalid };
}

/** Where a JWT authorizer reads the token when `IdentitySource` is not set. */
export const DEFAULT_JWT_IDENTITY_SOURCE = '$request.header.Authorization';

/** An authorizer's identity sources, parsed: the ones AWS accepts, in order, and the expressions it does not. */
export interface ParsedIdentitySources {
  readonly sources: readonly IdentitySource[];
  readonly invalid: readonly string[];
}

const parsedByAuthorizer = new WeakMap<AuthorizerModel, ParsedIdentitySources>();

/**
 * An authorizer's identity sources, parsed once per authorizer of the model (a reload brings new models,
 * parsed again) and reused for every request. A JWT authorizer reads its first source only, and
 * `$request.header.Authorization` without one
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html).
 */
export function identitySourcesOf(authorizer: AuthorizerModel): ParsedIdentitySources {
  let parsed = parsedByAuthorizer.get(authorizer);
  if (!parsed) {
    const expressions = authorizer.kind === 'jwt' ? [authorizer.identitySource[0] ?? DEFAULT_JWT_IDENTITY_SOURCE] : authorizer.identitySource;
    parsed = parseIdentitySources(expressions);
    parsedByAuthorizer.set(authorizer, parsed);
  }
  return parsed;
}
