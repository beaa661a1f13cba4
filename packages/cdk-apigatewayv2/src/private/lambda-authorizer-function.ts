import { Names } from 'aws-cdk-lib';
import { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { executeApiArn } from './execute-api-arn';
import { grantApiGatewayInvoke } from './grant-api-gateway-invoke';
import { estimateExecuteApiArnBytes } from './lambda-policy-budget';

/** What {@link allowAuthorizerInvoke} needs. */
export interface AuthorizerInvokeGrant {
  readonly handler: IFunction;
  /** The authorizer resource: the permission becomes its child, so it lives in the API's stack. */
  readonly authorizer: Construct;
  readonly apiId: string;
  readonly authorizerId: string;
}

/**
 * Lets API Gateway invoke the function for this one authorizer: principal `apigateway.amazonaws.com`, source ARN
 * `arn:{partition}:execute-api:{region}:{account}:{apiId}/authorizers/{authorizerId}`.
 *
 * The permission is created next to the authorizer (not next to the function) so that a function in another stack
 * does not make that stack depend on the API's. It goes through the package's one rule for API Gateway invoke
 * grants, which also counts it against the function's policy size.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html
 */
export function allowAuthorizerInvoke(grant: AuthorizerInvokeGrant): void {
  grantApiGatewayInvoke({
    handler: grant.handler,
    // @aws-cdk 1.123's place and construct id: beside the authorizer (under the API), `<authorizer's unique id>-Permission`.
    scope: grant.authorizer.node.scope as Construct,
    id: `${Names.nodeUniqueId(grant.authorizer.node)}-Permission`,
    sourceArn: () => executeApiArn(grant.authorizer, grant.apiId, `authorizers/${grant.authorizerId}`),
    // Authorizer ids are short generated strings like `abc123x`.
    sourceArnBytes: estimateExecuteApiArnBytes('/authorizers/abc123x'),
  });
}
