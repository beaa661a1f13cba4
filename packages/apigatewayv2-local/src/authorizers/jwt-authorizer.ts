import type { JwtAuthorizerModel } from '../model/index.js';
import type { RouteAccess } from '../gateway/route-access.js';
import type { AuthorizationRequest } from './authorization-types.js';
import { identitySourcesOf, resolveIdentitySources } from './identity-source.js';
import type { IssuerKeyStore } from './issuer-keys.js';
import { renderClaims } from './jwt-claims.js';
import { refuse } from './refusal.js';
import { JWT_ERROR_DESCRIPTIONS, verifyJwt } from './verify-jwt.js';

export interface JwtAuthorizerDeps {
  readonly issuerKeys: IssuerKeyStore;
  readonly now: () => number;
}

/**
 * Runs a JWT authorizer for one request
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html): the token
 * comes from the identity source, bare or as `Bearer <token>`. A missing, malformed or unverifiable token is
 * 401 with `www-authenticate: Bearer scope="" error="invalid_token" error_description="…"` (the form of
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-jwt.html); a valid
 * token lacking the route's scopes is 403 with `error="insufficient_scope"`.
 */
export async function authorizeJwt(
  authorizer: JwtAuthorizerModel,
  routeScopes: readonly string[],
  request: AuthorizationRequest,
  deps: JwtAuthorizerDeps,
): Promise<RouteAccess> {
  const decidedBy = `JWT ${authorizer.name}`;
  const { sources, invalid } = identitySourcesOf(authorizer);
  if (invalid.length > 0) return refuse(decidedBy, 500, `identity source ${invalid.join(', ')} is not one API Gateway accepts`);
  const resolved = resolveIdentitySources(sources, request.identityFacts);
  if (resolved.kind === 'missing') return refuse(decidedBy, 401, `no token in ${resolved.source}`);
  const token = resolved.values[0].replace(BEARER_PREFIX, '');

  const keys = await deps.issuerKeys.keysFor(authorizer.issuer, deps.now());
  if (keys.kind === 'unavailable') {
    return refuse(decidedBy, 401, keys.reason, { headers: [invalidTokenChallenge(JWT_ERROR_DESCRIPTIONS.keysUnavailable)] });
  }
  const verdict = await verifyJwt(token, { issuer: authorizer.issuer, audience: authorizer.audience, routeScopes }, keys, deps.now());
  switch (verdict.kind) {
    case 'invalid':
      return refuse(decidedBy, 401, explain(verdict), { headers: [invalidTokenChallenge(verdict.description)] });
    case 'insufficient-scope':
      return refuse(decidedBy, 403, explain(verdict), {
        headers: [['www-authenticate', `Bearer scope="${routeScopes.join(' ')}" error="insufficient_scope" error_description="${verdict.description}"`]],
      });
    case 'valid':
      return { kind: 'allowed', decidedBy, authorizer: { kind: 'jwt', claims: renderClaims(verdict.payload), scopes: verdict.scopes } };
  }
}

/** The log's reason: the description the client sees, and what exactly failed when that says more. */
function explain(verdict: { readonly description: string; readonly detail: string }): string {
  return verdict.detail === verdict.description ? verdict.description : `${verdict.description}: ${verdict.detail}`;
}

/** `Bearer ` in any letter case, followed by the token. */
const BEARER_PREFIX = /^Bearer\s+/i;

function invalidTokenChallenge(description: string): readonly [string, string] {
  return ['www-authenticate', `Bearer scope="" error="invalid_token" error_description="${description}"`];
}
