import { createHmac } from 'node:crypto';
import { type CryptoKey, SignJWT, exportSPKI, importJWK } from 'jose';
import { JWT_ERROR_DESCRIPTIONS as D } from '../../src/authorizers/verify-jwt.js';
import { type LocalOpenIdProvider, newKey } from './oidc-provider.js';

/** One token an HTTP API JWT authorizer must refuse, and the status AWS answers with. */
export interface BadToken {
  readonly name: string;
  /** The `Authorization` header to send; undefined sends none. */
  readonly authorization: string | undefined;
  readonly status: 401 | 403;
  /** The `error_description` of the refusal (none when there is no token at all). */
  readonly description?: string;
}

/** The route scope the corpus's "missing scope" token lacks: send it to a route requiring this scope. */
export const REQUIRED_SCOPE = 'pets:read';

const base64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/**
 * The corpus of bad tokens for a provider: each must be refused by an authorizer whose issuer is the
 * provider's, whose audience is the provider's default one, on a route requiring `REQUIRED_SCOPE`.
 */
export async function badTokenCorpus(provider: LocalOpenIdProvider, nowSeconds = Math.floor(Date.now() / 1000)): Promise<BadToken[]> {
  const valid = await provider.mint();
  const [header, , signature] = valid.split('.');
  const claims = { iss: provider.issuer, aud: provider.audience, sub: 'user-1', iat: nowSeconds - 60, exp: nowSeconds + 3600, scope: REQUIRED_SCOPE };

  // Signed with the public key as an HMAC secret: the classic algorithm-confusion attack.
  const publicPem = await exportSPKI((await importJWK(provider.rsa.publicJwk, 'RS256', { extractable: true })) as CryptoKey);
  const hsHeader = base64url({ alg: 'HS256', kid: provider.rsa.kid, typ: 'JWT' });
  const hsPayload = base64url(claims);
  const hsSignature = createHmac('sha256', publicPem).update(`${hsHeader}.${hsPayload}`).digest('base64url');

  const impostor = await newKey('RS256', provider.rsa.kid);
  const stranger = await newKey('RS256', 'unknown-kid');
  const bearer = (token: string) => `Bearer ${token}`;
  return [
    { name: 'no header', authorization: undefined, status: 401 },
    { name: 'alg none', authorization: bearer(`${base64url({ alg: 'none', kid: provider.rsa.kid, typ: 'JWT' })}.${base64url(claims)}.`), status: 401, description: D.algorithm },
    { name: 'another key under the published kid', authorization: bearer(await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: provider.rsa.kid }).sign(impostor.privateKey)), status: 401, description: D.signature },
    { name: 'unknown kid', authorization: bearer(await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: stranger.kid }).sign(stranger.privateKey)), status: 401, description: D.unknownKey },
    { name: 'HS256 signed with the RSA public key', authorization: bearer(`${hsHeader}.${hsPayload}.${hsSignature}`), status: 401, description: D.algorithm },
    { name: 'EC key where only RSA is allowed', authorization: bearer(await provider.mint({ key: provider.ec, claims })), status: 401, description: D.algorithm },
    { name: 'expired', authorization: bearer(await provider.mint({ claims: { ...claims, iat: nowSeconds - 7200, exp: nowSeconds - 60 } })), status: 401, description: D.expired },
    { name: 'not yet valid', authorization: bearer(await provider.mint({ claims: { ...claims, nbf: nowSeconds + 600 } })), status: 401, description: D.notYetValid },
    { name: 'issued in the future', authorization: bearer(await provider.mint({ claims: { ...claims, iat: nowSeconds + 600 } })), status: 401, description: D.issuedInFuture },
    { name: 'wrong issuer', authorization: bearer(await provider.mint({ claims: { ...claims, iss: 'https://issuer.invalid' } })), status: 401, description: D.issuer },
    { name: 'wrong audience', authorization: bearer(await provider.mint({ claims: { ...claims, aud: 'another-api' } })), status: 401, description: D.audience },
    { name: 'wrong client', authorization: bearer(await provider.mint({ claims: { ...claims, aud: undefined, client_id: 'another-client' } })), status: 401, description: D.audience },
    { name: 'missing scope', authorization: bearer(await provider.mint({ claims: { ...claims, scope: 'profile email' } })), status: 403, description: D.scope },
    { name: 'malformed', authorization: bearer('not-a-jwt'), status: 401, description: D.malformed },
    { name: 'altered after signing', authorization: bearer(`${header}.${base64url({ ...claims, sub: 'admin' })}.${signature}`), status: 401, description: D.signature },
  ];
}
