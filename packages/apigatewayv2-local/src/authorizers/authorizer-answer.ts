import type { PolicyStatement } from './evaluate-policy.js';

/** What a Lambda authorizer decided, parsed from its result. */
export type AuthorizerAnswer =
  | { readonly kind: 'simple'; readonly isAuthorized: boolean; readonly context: AuthorizerContext | null }
  | { readonly kind: 'policy'; readonly principalId: string; readonly statements: readonly PolicyStatement[]; readonly context: AuthorizerContext | null };

/** The `context` an authorizer returns: flat, values strings, numbers, booleans (or null). */
export type AuthorizerContext = Readonly<Record<string, string | number | boolean | null>>;

export type ParsedAnswer = { readonly kind: 'ok'; readonly answer: AuthorizerAnswer } | { readonly kind: 'invalid'; readonly reason: string };

/**
 * Parses a Lambda authorizer's result (the JSON text the function returned)
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html):
 * - `simple` (payload 2.0 with `EnableSimpleResponses`): `{ isAuthorized: boolean, context?: {...} }`;
 * - `policy` (payload 1.0, 2.0 without simple responses, WebSocket): `{ principalId, policyDocument:
 *   { Statement: [{ Effect, Action, Resource }] }, context?: {...} }`.
 * Context values must be strings, numbers or booleans, as for REST API authorizers
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html);
 * objects and arrays make the answer invalid (unconfirmed for HTTP APIs' simple responses).
 * Anything else is an invalid answer, which the gateway turns into 500.
 */
export function parseAuthorizerAnswer(payload: string, format: 'simple' | 'policy'): ParsedAnswer {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return invalid('the result is not JSON');
  }
  if (!isRecord(value)) return invalid('the result is not a JSON object');
  const context = value.context;
  if (context !== undefined && context !== null && !isRecord(context)) return invalid('context is not an object');
  const contextOrNull = isRecord(context) ? context : null;
  if (contextOrNull) {
    const nested = Object.entries(contextOrNull).find(([, v]) => v !== null && !['string', 'number', 'boolean'].includes(typeof v));
    if (nested) return invalid(`context.${nested[0]} is not a string, number or boolean`);
  }
  const flatContext = contextOrNull as AuthorizerContext | null;

  if (format === 'simple') {
    if (typeof value.isAuthorized !== 'boolean') return invalid('isAuthorized is not a boolean');
    return { kind: 'ok', answer: { kind: 'simple', isAuthorized: value.isAuthorized, context: flatContext } };
  }

  if (typeof value.principalId !== 'string') return invalid('principalId is not a string');
  const document = value.policyDocument;
  if (!isRecord(document)) return invalid('policyDocument is not an object');
  const rawStatements = Array.isArray(document.Statement) ? (document.Statement as unknown[]) : [document.Statement];
  const statements: PolicyStatement[] = [];
  for (const [i, raw] of rawStatements.entries()) {
    const statement = parseStatement(raw);
    if (typeof statement === 'string') return invalid(`policyDocument.Statement[${i}]: ${statement}`);
    statements.push(statement);
  }
  return { kind: 'ok', answer: { kind: 'policy', principalId: value.principalId, statements, context: flatContext } };
}

function parseStatement(raw: unknown): PolicyStatement | string {
  if (!isRecord(raw)) return 'not an object';
  if (raw.Effect !== 'Allow' && raw.Effect !== 'Deny') return 'Effect must be Allow or Deny';
  const actions = patterns(raw, 'Action', 'NotAction');
  if (typeof actions === 'string') return actions;
  const resources = patterns(raw, 'Resource', 'NotResource');
  if (typeof resources === 'string') return resources;
  return { effect: raw.Effect, actions: actions.values, notAction: actions.negated, resources: resources.values, notResource: resources.negated };
}

function patterns(raw: Record<string, unknown>, name: string, notName: string): { values: string[]; negated: boolean } | string {
  const negated = raw[name] === undefined && raw[notName] !== undefined;
  const value = negated ? raw[notName] : raw[name];
  const values = typeof value === 'string' ? [value] : Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
  return values ? { values, negated } : `${name} must be a string or a list of strings`;
}

function invalid(reason: string): ParsedAnswer {
  return { kind: 'invalid', reason };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
