import type { ModelEnvironment } from '../model/index.js';
import type { AuthorizerResult } from '../gateway/request-facts.js';
import type { RouteAccess } from '../gateway/route-access.js';
import type { AuthorizationRequest } from './authorization-types.js';
import { refuse } from './refusal.js';
import { LOCAL_IAM_USER_NAME, type LocalCredential } from './local-credentials.js';
import { verifySigV4 } from './verify-sigv4.js';

export interface IamAuthorizerDeps {
  /** Local credentials by access key id. */
  readonly credentials: ReadonlyMap<string, LocalCredential>;
  readonly environment: ModelEnvironment;
  readonly now: () => number;
}

/**
 * Authorizes an `AWS_IAM` route: the request must carry a valid SigV4 signature made with one of the local
 * credentials (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-access-control-iam.html).
 * Every refusal is 403 with AWS's message and `x-amzn-ErrorType`. Local credentials stand for callers that
 * IAM allows: there are no IAM policies to evaluate locally.
 */
export async function authorizeWithIam(call: AuthorizationRequest, deps: IamAuthorizerDeps): Promise<RouteAccess> {
  const decidedBy = 'AWS_IAM';
  const verdict = await verifySigV4(call.request, deps.credentials, deps.environment.region, deps.now());
  if (verdict.kind === 'refused') {
    return refuse(decidedBy, 403, verdict.reason, { message: verdict.message, headers: [['x-amzn-ErrorType', verdict.errorType]] });
  }
  return { kind: 'allowed', decidedBy, authorizer: callerIdentity(verdict.credential, deps.environment) };
}

/**
 * The caller as `requestContext.authorizer.iam` shows it. A local credential has no IAM unique id, so
 * `userId`/`callerId` are its access key id; `userArn` is the configured one or a local IAM user.
 */
export function callerIdentity(credential: LocalCredential, environment: ModelEnvironment): Extract<AuthorizerResult, { kind: 'iam' }> {
  return {
    kind: 'iam',
    accessKey: credential.accessKeyId,
    accountId: environment.accountId,
    callerId: credential.accessKeyId,
    // A local credential belongs to no AWS Organization.
    principalOrgId: '',
    userArn: credential.userArn ?? `arn:${environment.partition}:iam::${environment.accountId}:user/${LOCAL_IAM_USER_NAME}`,
    userId: credential.accessKeyId,
  };
}
