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
  grant.handler.addPermission(grant.id, {
    scope: grant.scope,
    principal: API_GATEWAY,
    action: 'lambda:InvokeFunction',
    sourceArn: grant.sourceArn(),
  });
  if (grant.scope.node.tryFindChild(grant.id) === undefined) {
    return false;
  }
  recordPolicyStatement(grant.handler, { sourceArnBytes: grant.sourceArnBytes, routeScoped: grant.routeScoped ?? false });
  return true;
}
