import { type JWTPayload, type JWTVerifyGetKey, compactVerify, decodeProtectedHeader, errors } from 'jose';
import type { VerifiedSignatures } from './verified-signatures.js';
import { tokenScopes } from './jwt-claims.js';

/**
 * "Currently, only RSA-based algorithms are supported"
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html). Which RSA
 * algorithms exactly is not documented; RS256/RS384/RS512 (PKCS#1 v1.5) are accepted, RSA-PSS is not.
 */
export const JWT_ALGORITHMS: readonly string[] = ['RS256', 'RS384', 'RS512'];

/** Leeway for `exp`, `nbf` and `iat`. AWS documents none; unconfirmed, so 0. */
export const JWT_CLOCK_SKEW_SECONDS = 0;

/**
 * The `error_description`s of refused tokens. Only the audience one is documented
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-jwt.html); the
 * others are ours, in the same style.
 */
export const JWT_ERROR_DESCRIPTIONS = {
  malformed: 'the token is malformed',
  noKid: 'the token has no kid header',
  algorithm: 'the token is not signed with an RSA algorithm',
  unknownKey: 'the token was not signed by a key of the issuer',
  signature: 'the token signature is invalid',
  keysUnavailable: 'the issuer keys could not be retrieved',
  expired: 'the token has expired',
  notYetValid: 'the token is not valid yet',
  issuedInFuture: 'the token was issued in the future',
  issuer: 'the token does not have a valid issuer',
  audience: 'the token does not have a valid audience',
  scope: 'the token does not have a valid scope',
} as const;

export interface JwtExpectations {
  /** `JwtConfiguration.Issuer`: `iss` must equal it exactly. */
  readonly issuer: string;
  /** `JwtConfiguration.Audience`: `aud`, or `client_id` when there is no `aud`, must be one of them. */
  readonly audience: readonly string[];
  /** The route's `AuthorizationScopes`: the token must carry at least one of them (none: no check). */
  readonly routeScopes: readonly string[];
}

export type JwtVerdict =
  | { readonly kind: 'valid'; readonly payload: JWTPayload; readonly scopes: string[] | null }
  /** 401: the token cannot be trusted. */
  | { readonly kind: 'invalid'; readonly description: string; readonly detail: string }
  /** 403: a valid token without any of the route's scopes. */
  | { readonly kind: 'insufficient-scope'; readonly description: string; readonly detail: string };

/** An issuer's keys as `verifyJwt` uses them: the key lookup and the tokens whose signature already verified. */
export interface IssuerKeys {
  readonly getKey: JWTVerifyGetKey;
  readonly verified: VerifiedSignatures;
}

/**
 * Validates a JWT as an HTTP API JWT authorizer does
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html):
 * decode; the header's `kid` names a key of the issuer, the algorithm is RSA and the signature verifies;
 * `iss` matches; `aud` (or `client_id` when `aud` is absent) is in the audience list; `exp` is in the
 * future, `nbf` and `iat` in the past; and when the route has scopes, `scope`/`scp` holds one of them.
 * Anything that cannot be checked, keys out of reach included, is invalid: nothing is waved through.
 * A token whose signature verified before is not verified again (see `VerifiedSignatures`); its claims are
 * checked on every request.
 */
export async function verifyJwt(token: string, expected: JwtExpectations, keys: IssuerKeys, nowMs: number): Promise<JwtVerdict> {
  const invalid = (description: string, detail: string = description): JwtVerdict => ({ kind: 'invalid', description, detail });
  let payload = keys.verified.get(token, nowMs);
  if (!payload) {
    let kid: unknown;
    try {
      kid = decodeProtectedHeader(token).kid;
    } catch {
      return invalid(JWT_ERROR_DESCRIPTIONS.malformed);
    }
    if (typeof kid !== 'string' || kid === '') return invalid(JWT_ERROR_DESCRIPTIONS.noKid);
    let bytes: Uint8Array;
    try {
      ({ payload: bytes } = await compactVerify(token, keys.getKey, { algorithms: [...JWT_ALGORITHMS] }));
    } catch (error) {
      return invalid(describeJoseError(error), error instanceof Error ? error.message : String(error));
    }
    const parsed = parsePayload(bytes);
    if (!parsed) return invalid(JWT_ERROR_DESCRIPTIONS.malformed, 'the payload is not a JSON object');
    payload = parsed;
    keys.verified.set(token, payload, nowMs);
  }

  const nowSeconds = nowMs / 1000;
  const { exp, nbf, iat } = payload;
  if (typeof exp !== 'number' || (nbf !== undefined && typeof nbf !== 'number') || (iat !== undefined && typeof iat !== 'number')) {
    return invalid(JWT_ERROR_DESCRIPTIONS.malformed, 'exp is missing, or exp, nbf or iat is not a number');
  }
  if (exp <= nowSeconds - JWT_CLOCK_SKEW_SECONDS) return invalid(JWT_ERROR_DESCRIPTIONS.expired, `exp ${exp} is past`);
  if (nbf !== undefined && nbf > nowSeconds + JWT_CLOCK_SKEW_SECONDS) return invalid(JWT_ERROR_DESCRIPTIONS.notYetValid, `nbf ${nbf} is ahead`);
  if (iat !== undefined && iat > nowSeconds + JWT_CLOCK_SKEW_SECONDS) return invalid(JWT_ERROR_DESCRIPTIONS.issuedInFuture, `iat ${iat} is ahead`);
  if (payload.iss !== expected.issuer) return invalid(JWT_ERROR_DESCRIPTIONS.issuer, `iss ${JSON.stringify(payload.iss)} is not ${expected.issuer}`);
  // AWS checks client_id only when aud is absent; with both present, aud decides.
  const audiences = payload.aud !== undefined ? [payload.aud].flat() : [payload.client_id];
  if (!audiences.some((a) => typeof a === 'string' && expected.audience.includes(a))) {
    return invalid(JWT_ERROR_DESCRIPTIONS.audience, `${payload.aud !== undefined ? 'aud' : 'client_id'} ${JSON.stringify(audiences)} is not one of ${JSON.stringify(expected.audience)}`);
  }
  const scopes = tokenScopes(payload);
  if (expected.routeScopes.length > 0 && !(scopes ?? []).some((s) => expected.routeScopes.includes(s))) {
    return {
      kind: 'insufficient-scope',
      description: JWT_ERROR_DESCRIPTIONS.scope,
      detail: `token scopes ${JSON.stringify(scopes)} include none of ${JSON.stringify(expected.routeScopes)}`,
    };
  }
  return { kind: 'valid', payload, scopes };
}

function parsePayload(bytes: Uint8Array): JWTPayload | undefined {
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JWTPayload) : undefined;
  } catch {
    return undefined;
  }
}

function describeJoseError(error: unknown): string {
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) return JWT_ERROR_DESCRIPTIONS.algorithm;
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) return JWT_ERROR_DESCRIPTIONS.unknownKey;
  if (error instanceof errors.JWSSignatureVerificationFailed) return JWT_ERROR_DESCRIPTIONS.signature;
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return JWT_ERROR_DESCRIPTIONS.malformed;
  // Timeouts, unreachable or malformed key sets, keys of the wrong type: the token cannot be verified.
  return JWT_ERROR_DESCRIPTIONS.keysUnavailable;
}
