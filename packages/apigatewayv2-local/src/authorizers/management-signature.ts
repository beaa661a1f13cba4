import type { ManagementSignatureCheck } from '../websocket/management-api.js';
import type { LocalCredential } from './local-credentials.js';
import { verifySigV4 } from './verify-sigv4.js';

/**
 * The `@connections` API's check: every call is SigV4-signed for `execute-api` in the gateway's region by
 * one of `credentials` (the local IAM credentials and the ones every local function environment gets, so a
 * handler's SDK client signs with its default chain). The management API has no unauthenticated form.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-how-to-call-websocket-api-connections.html
 */
export function createManagementSignatureCheck(
  credentials: ReadonlyMap<string, LocalCredential>,
  region: string,
  now: () => number,
): ManagementSignatureCheck {
  return async (request) => {
    const verdict = await verifySigV4(
      request,
      credentials,
      region,
      now(),
    );
    return verdict.kind === 'verified' ? { kind: 'verified' } : verdict;
  };
}
