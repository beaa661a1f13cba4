import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { executeApiArn } from '../private/execute-api-arn';

/**
 * Grants `execute-api:ManageConnections` on the `@connections` API of one stage (or `*` for all stages):
 * `arn:…:execute-api:{region}:{account}:{apiId}/{stage}/*\/@connections/*` covers POST, GET and DELETE on any
 * connection id (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-how-to-call-websocket-api-connections.html).
 */
export function grantManageConnections(scope: IConstruct, apiId: string, stageName: string, identity: iam.IGrantable): iam.Grant {
  return iam.Grant.addToPrincipal({
    grantee: identity,
    actions: ['execute-api:ManageConnections'],
    resourceArns: [executeApiArn(scope, apiId, `${stageName}/*/@connections/*`)],
  });
}
