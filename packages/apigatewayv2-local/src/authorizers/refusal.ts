import type { HeaderList } from '../gateway/headers.js';
import type { RouteAccess } from '../gateway/route-access.js';

/** A denied route call as an authorizer decides it. */
export type Denied = Extract<RouteAccess, { kind: 'denied' }>;

/**
 * A refusal by the authorizer `decidedBy` (`JWT MyAuthorizer`, `Lambda MyAuthorizer`, `AWS_IAM`): the client
 * gets `status` with the gateway's standard message for it (`{"message":"Unauthorized"}` …) unless `message`
 * words it otherwise; the log gets `reason`, naming the authorizer.
 */
export function refuse(
  decidedBy: string,
  status: 401 | 403 | 500,
  reason: string,
  extra: { readonly headers?: HeaderList; readonly message?: string } = {},
): Denied {
  return {
    kind: 'denied',
    status,
    reason: `${decidedBy}: ${reason}`,
    ...(extra.headers !== undefined && extra.headers.length > 0 && { headers: extra.headers }),
    ...(extra.message !== undefined && { message: extra.message }),
  };
}
