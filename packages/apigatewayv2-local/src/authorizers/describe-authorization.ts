import type { ApiModel, RouteModel } from '../model/index.js';

/**
 * How a route is authorized, for the start-up table: `open`, `JWT cognito scopes pets:read`,
 * `Lambda MyAuthorizer (payload 2.0 simple, cached 300 s)`, `AWS_IAM`; a route whose authorizer cannot be
 * found says that it answers 500.
 */
export function describeAuthorization(route: RouteModel, api: ApiModel): string {
  switch (route.authorizationType) {
    case 'NONE':
      return 'open';
    case 'AWS_IAM':
      return 'AWS_IAM (SigV4, local credentials)';
    case 'JWT':
    case 'CUSTOM': {
      const authorizer = route.authorizerId === undefined ? undefined : api.authorizers.get(route.authorizerId);
      const wanted = route.authorizationType === 'JWT' ? 'jwt' : 'lambda';
      if (authorizer?.kind !== wanted) return `${route.authorizationType} (no usable authorizer: answers 500)`;
      if (authorizer.kind === 'jwt') {
        return `JWT ${authorizer.name}${route.authorizationScopes.length > 0 ? ` scopes ${route.authorizationScopes.join(' ')}` : ''}`;
      }
      const answer = authorizer.payloadFormatVersion === '2.0' && authorizer.enableSimpleResponses ? 'simple' : 'policy';
      const cache = authorizer.resultTtlSeconds > 0 && authorizer.identitySource.length > 0 ? `cached ${authorizer.resultTtlSeconds} s` : 'not cached';
      return `Lambda ${authorizer.name} (payload ${authorizer.payloadFormatVersion} ${answer}, ${cache})`;
    }
  }
}
