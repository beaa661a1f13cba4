import type { JWTPayload } from 'jose';

/**
 * A claim value as API Gateway puts it into `requestContext.authorizer.jwt.claims`: always a string.
 * Numbers keep their JSON text (`exp` → `"1787996002"`); arrays are rendered the way Go prints them,
 * `[Admins Readers]`, as captured from real HTTP APIs (DefinitelyTyped#75458); objects follow the same Go
 * rendering (`map[k:v]`, keys sorted) and `null` is `<nil>` (both unconfirmed, listed in the README).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html
 */
export function renderClaimValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(renderClaimValue).join(' ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `map[${entries.map(([k, v]) => `${k}:${renderClaimValue(v)}`).join(' ')}]`;
}

/**
 * Every claim of a token, rendered as strings. A token seen again (its signature verified once, see
 * `VerifiedSignatures`) is the same payload object, so its rendering is kept with it rather than made on
 * every request; callers copy it before handing it on, never change it.
 */
export function renderClaims(payload: JWTPayload): Readonly<Record<string, string>> {
  let claims = RENDERED.get(payload);
  if (claims === undefined) {
    const rendered: Record<string, string> = {};
    for (const [name, value] of Object.entries(payload)) rendered[name] = renderClaimValue(value);
    claims = rendered;
    RENDERED.set(payload, claims);
  }
  return claims;
}

const RENDERED = new WeakMap<JWTPayload, Readonly<Record<string, string>>>();

/**
 * The token's scopes: the space-separated `scope` claim (OAuth 2.0, Cognito access tokens), else `scp`
 * (a list, or a space-separated string); null when the token has neither.
 */
export function tokenScopes(payload: JWTPayload): string[] | null {
  const raw = payload.scope ?? payload.scp;
  if (typeof raw === 'string') return raw.split(' ').filter((s) => s !== '');
  if (Array.isArray(raw)) return raw.filter((s): s is string => typeof s === 'string');
  return null;
}
