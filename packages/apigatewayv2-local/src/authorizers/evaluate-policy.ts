/** One statement of an authorizer's IAM policy, as parsed: patterns are lists. */
export interface PolicyStatement {
  readonly effect: 'Allow' | 'Deny';
  /** `Action` patterns, or `NotAction` ones when `notAction` is set. */
  readonly actions: readonly string[];
  readonly notAction: boolean;
  readonly resources: readonly string[];
  readonly notResource: boolean;
}

/** The action API Gateway authorizes: invoking an API (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-control-access-using-iam-policies-to-invoke-api.html). */
export const INVOKE_ACTION = 'execute-api:Invoke';

/**
 * Evaluates a Lambda authorizer's policy for one invocation as IAM does: an explicit `Deny` that applies
 * wins; otherwise an `Allow` that applies allows; otherwise the request is denied. `*` matches any run of
 * characters and `?` one character, in actions (case-insensitively) and resources (case-sensitively)
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
 */
export function evaluatePolicy(statements: readonly PolicyStatement[], resourceArn: string): 'allow' | 'deny' {
  let allowed = false;
  for (const statement of statements) {
    if (!applies(statement, resourceArn)) continue;
    if (statement.effect === 'Deny') return 'deny';
    allowed = true;
  }
  return allowed ? 'allow' : 'deny';
}

function applies(statement: PolicyStatement, resourceArn: string): boolean {
  const actionMatches = statement.actions.some((pattern) => wildcardMatches(pattern, INVOKE_ACTION, true));
  const resourceMatches = statement.resources.some((pattern) => wildcardMatches(pattern, resourceArn, false));
  return actionMatches !== statement.notAction && resourceMatches !== statement.notResource;
}

const compiled = new Map<string, RegExp>();

/** IAM wildcard matching of a whole value: `*` is any run of characters, `?` exactly one. */
export function wildcardMatches(pattern: string, value: string, ignoreCase: boolean): boolean {
  const key = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let regex = compiled.get(key);
  if (!regex) {
    const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*').replaceAll('?', '.');
    regex = new RegExp(`^${body}$`, ignoreCase ? 'is' : 's');
    if (compiled.size < MAX_COMPILED_PATTERNS) compiled.set(key, regex);
  }
  return regex.test(value);
}

/** Patterns are kept compiled up to this many (policies usually repeat a handful). */
const MAX_COMPILED_PATTERNS = 1000;
