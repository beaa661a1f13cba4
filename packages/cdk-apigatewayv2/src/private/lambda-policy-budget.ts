import { Annotations, Stack, Token } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';

/**
 * Lambda caps a function's resource-based policy at 20 KB.
 * @see https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
 */
export const LAMBDA_POLICY_LIMIT_BYTES = 20 * 1024;

/** The warning id users can acknowledge with `Annotations.of(fn).acknowledgeWarning(...)`. */
export const POLICY_SIZE_WARNING_ID = 'cdk-apigatewayv2:lambdaPolicySize';

/*
 * How the size of a function's policy is estimated (the real policy only exists once CloudFormation deployed it):
 *
 * - The policy document is `{"Version":"2012-10-17","Id":"default","Statement":[...]}`: POLICY_ENVELOPE_BYTES.
 * - Each AWS::Lambda::Permission adds one statement, rendered by Lambda as
 *   `{"Sid":…,"Effect":"Allow","Principal":{"Service":"apigateway.amazonaws.com"},"Action":"lambda:InvokeFunction",
 *   "Resource":<function ARN>,"Condition":{"ArnLike":{"AWS:SourceArn":<source ARN>}}}` plus a comma:
 *   STATEMENT_SKELETON_BYTES for the fixed text, plus the three variable values:
 *   - Sid: CloudFormation names the statement `<stack name>-<logical id>-<12 random characters>`, and Lambda caps
 *     statement ids at 100 characters. The logical id is not known cheaply while binding, so it is taken as
 *     LOGICAL_ID_ESTIMATE characters.
 *   - Resource: the function ARN. `arn:aws:lambda:<region>:<account>:function:` with the longest commercial region
 *     (14) and a 12-digit account is FUNCTION_ARN_PREFIX_BYTES; the name is its literal length when known, else 64
 *     (the longest name CloudFormation generates).
 *   - SourceArn: supplied by the caller (an execute-api ARN; see `estimateExecuteApiArnBytes`).
 *
 * The estimate only counts the statements this library adds; permissions added by other code also use the budget,
 * which is why it is a warning and not an error.
 */
const POLICY_ENVELOPE_BYTES = '{"Version":"2012-10-17","Id":"default","Statement":[]}'.length;
const STATEMENT_SKELETON_BYTES = JSON.stringify({
  Sid: '', Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' }, Action: 'lambda:InvokeFunction',
  Resource: '', Condition: { ArnLike: { 'AWS:SourceArn': '' } },
}).length + 1;
const LOGICAL_ID_ESTIMATE = 48;
const SID_MAX_BYTES = 100;
const FUNCTION_ARN_PREFIX_BYTES = 'arn:aws:lambda:ap-southeast-2:123456789012:function:'.length;
const GENERATED_FUNCTION_NAME_BYTES = 64;
const EXECUTE_API_ARN_PREFIX_BYTES = 'arn:aws:execute-api:ap-southeast-2:123456789012:'.length;
const API_ID_BYTES = 10;

interface PolicyBudget {
  /** What every statement for this function costs besides its source ARN (computed once per function). */
  readonly statementBaseBytes: number;
  bytes: number;
  statements: number;
  /** How many of the statements are per-route HTTP grants that `scopePermissionToRoute: false` would fold. */
  routeScopedStatements: number;
  warned: boolean;
}

/** Estimated policy use per function object; a function's policy is one, whichever stack or API adds to it. */
const budgets = new WeakMap<lambda.IFunction, PolicyBudget>();

/**
 * The estimated length of an execute-api ARN such as `arn:aws:execute-api:<region>:<account>:<apiId>/<stage>/<method><path>`.
 * @param resourcePath what follows the API id, e.g. `/*\/GET/books` or `/*\/*`
 */
export function estimateExecuteApiArnBytes(resourcePath: string): number {
  return EXECUTE_API_ARN_PREFIX_BYTES + API_ID_BYTES + resourcePath.length;
}

/** One statement added to a function's resource policy. */
export interface PolicyStatementEstimate {
  /** The estimated length of the statement's source ARN. */
  readonly sourceArnBytes: number;
  /**
   * Whether the statement is a per-route grant of an HTTP Lambda proxy integration, which
   * `scopePermissionToRoute: false` replaces by one grant per API. WebSocket routes and authorizers have no
   * such switch, so the warning only recommends it when these statements are what fills the policy.
   */
  readonly routeScoped: boolean;
}

/**
 * Records one more statement in `handler`'s resource policy and warns once, on the function, when the estimate
 * passes Lambda's limit.
 */
export function recordPolicyStatement(handler: lambda.IFunction, statement: PolicyStatementEstimate): void {
  let budget = budgets.get(handler);
  if (!budget) {
    budget = {
      statementBaseBytes: STATEMENT_SKELETON_BYTES + sidBytes(handler) + functionArnBytes(handler),
      bytes: POLICY_ENVELOPE_BYTES,
      statements: 0,
      routeScopedStatements: 0,
      warned: false,
    };
    budgets.set(handler, budget);
  }
  budget.bytes += budget.statementBaseBytes + statement.sourceArnBytes;
  budget.statements += 1;
  if (statement.routeScoped) budget.routeScopedStatements += 1;
  if (!budget.warned && budget.bytes > LAMBDA_POLICY_LIMIT_BYTES) {
    budget.warned = true;
    Annotations.of(handler).addWarningV2(POLICY_SIZE_WARNING_ID,
      `Lambda function '${handler.node.path}' gets ${budget.statements} API Gateway invoke permissions, an estimated `
      + `${budget.bytes} bytes of resource policy, over Lambda's ${LAMBDA_POLICY_LIMIT_BYTES}-byte limit: the deployment `
      + `would fail. ${remedy(budget)}`);
  }
}

function remedy(budget: PolicyBudget): string {
  if (budget.routeScopedStatements === 0) {
    return 'Spread its WebSocket routes or authorizers over more functions.';
  }
  return `${budget.routeScopedStatements} of them are per-route grants: set \`scopePermissionToRoute: false\` on its `
    + 'LambdaProxyIntegration to grant one permission per API instead of one per route.';
}

function sidBytes(handler: lambda.IFunction): number {
  const stackName = Stack.of(handler).stackName;
  const stackNameBytes = Token.isUnresolved(stackName) ? 32 : stackName.length;
  return Math.min(SID_MAX_BYTES, stackNameBytes + 1 + LOGICAL_ID_ESTIMATE + 1 + 12);
}

function functionArnBytes(handler: lambda.IFunction): number {
  const name = handler.functionName;
  return FUNCTION_ARN_PREFIX_BYTES + (Token.isUnresolved(name) ? GENERATED_FUNCTION_NAME_BYTES : name.length);
}
