import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { recordPolicyStatement } from './lambda-policy-budget';

/** One `lambda:InvokeFunction` grant to API Gateway. */
export interface ApiGatewayInvokeGrant {
  /** The function API Gateway may invoke. */
  readonly handler: lambda.IFunction;
  /** Where the `AWS::Lambda::Permission` goes. */
  readonly scope: Construct;
  /**
   * The permission's construct id within `scope`. It must identify the grant: a child of `scope` with this id
   * means the grant was made already, and nothing is added.
   */
  readonly id: string;
  /**
   * Builds the execute-api ARN that calls must come from (an API, or one route of it). Called only when the
   * permission is added: an ARN is a token expression, and most grants of an API-wide permission (one per route
   * bound) find it made already.
   */
  readonly sourceArn: () => string;
  /** The estimated length of `sourceArn` once deployed, for the policy size estimate. */
  readonly sourceArnBytes: number;
  /**
   * A per-route grant of an HTTP Lambda proxy integration (one that `scopePermissionToRoute: false` replaces).
   * @default false
   */
  readonly routeScoped?: boolean;
}

const API_GATEWAY = new iam.ServicePrincipal('apigateway.amazonaws.com');
const INVOKE_ACTION = 'lambda:InvokeFunction';

/**
 * The child id under which aws-cdk-lib's `addPermission` looks for a function version in the permission's scope
 * (and then warns about qualified invocations): a grant into such a scope always goes through `addPermission`.
 */
const CURRENT_VERSION_ID = 'CurrentVersion';

/**
 * Functions that took one grant through aws-cdk-lib's own `FunctionBase.addPermission` (not an override), which
 * added the permission: the environment check passed, and the `currentVersion` warning is armed. Their further
 * grants create the same `AWS::Lambda::Permission` directly: per route, `addPermission`'s repeated checks were a
 * measurable part of the library's synthesis cost (bench/synth-own-cost.ts).
 */
const takesPermissionsDirectly = new WeakSet<lambda.IFunction>();

/**
 * The one rule for letting API Gateway invoke a Lambda function (integrations and authorizers alike): one
 * permission per (function, source ARN, scope), never repeated, counted against the function's policy size.
 *
 * Returns false when nothing was added: the grant existed, or the function cannot take permissions from this
 * stack (an imported function of another account; aws-cdk-lib then warns on the function itself).
 */
export function grantApiGatewayInvoke(grant: ApiGatewayInvokeGrant): boolean {
  if (grant.scope.node.tryFindChild(grant.id) !== undefined) {
    return false;
  }
  if (takesPermissionsDirectly.has(grant.handler) && grant.scope.node.tryFindChild(CURRENT_VERSION_ID) === undefined) {
    // What aws-cdk-lib's `addPermission` adds for this grant, without the checks it repeats per call (principal
    // parsing and conditions, the environment, deprecation warnings), which all passed on this function's first grant.
    new lambda.CfnPermission(grant.scope, grant.id, {
      action: INVOKE_ACTION,
      principal: API_GATEWAY.service,
      functionName: grant.handler.functionArn,
      sourceArn: grant.sourceArn(),
    });
  } else {
    grant.handler.addPermission(grant.id, {
      scope: grant.scope,
      principal: API_GATEWAY,
      action: INVOKE_ACTION,
      sourceArn: grant.sourceArn(),
    });
    if (grant.scope.node.tryFindChild(grant.id) === undefined) {
      return false;
    }
    if (grant.handler instanceof lambda.FunctionBase && grant.handler.addPermission === lambda.FunctionBase.prototype.addPermission) {
      takesPermissionsDirectly.add(grant.handler);
    }
  }
  recordPolicyStatement(grant.handler, { sourceArnBytes: grant.sourceArnBytes, routeScoped: grant.routeScoped ?? false });
  return true;
}
