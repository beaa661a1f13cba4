import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { REQUIRED_SCOPE, badTokenCorpus } from '../../test/support/bad-tokens.js';
import { type LocalOpenIdProvider, startOpenIdProvider } from '../../test/support/oidc-provider.js';
import type { RouteAccess } from '../gateway/route-access.js';
import { jwtAuthorizer, testRequest } from './authorizer-fixtures.js';
import { IssuerKeyStore, jwksSource } from './issuer-keys.js';
import { authorizeJwt } from './jwt-authorizer.js';
import { renderClaimValue } from './jwt-claims.js';

let provider: LocalOpenIdProvider;
beforeAll(async () => {
  provider = await startOpenIdProvider();
});
afterAll(() => provider.close());

function authorize(store: IssuerKeyStore, authorization: string | undefined, scopes: readonly string[] = [], audience = [provider.audience]): Promise<RouteAccess> {
  const headers = authorization === undefined ? [] : [['Authorization', authorization] as const];
  return authorizeJwt(jwtAuthorizer(provider.issuer, audience), scopes, testRequest({ headers }), { issuerKeys: store, now: () => Date.now() });
}

describe('JWT authorizer', () => {
  test('allows a valid token, bare or as Bearer, with claims as strings and the token scopes', async () => {
    const store = new IssuerKeyStore();
    const token = await provider.mint({ claims: { groups: ['Admins', 'Readers'], 'custom:n': 7, email_verified: true } });
    for (const authorization of [token, `Bearer ${token}`, `bearer ${token}`]) {
      const outcome = await authorize(store, authorization, [REQUIRED_SCOPE]);
      expect(outcome.kind).toBe('allowed');
      if (outcome.kind !== 'allowed' || outcome.authorizer?.kind !== 'jwt') throw new Error('not a JWT identity');
      expect(outcome.authorizer.claims).toMatchObject({ iss: provider.issuer, sub: 'user-1', groups: '[Admins Readers]', 'custom:n': '7', email_verified: 'true' });
      expect(typeof outcome.authorizer.claims.exp).toBe('string');
      expect(outcome.authorizer.scopes).toEqual(['pets:read', 'pets:write']);
    }
    expect(provider.fetches.discovery).toBe(1);
  });

  test('accepts client_id when the token has no aud (Cognito access tokens) and reads scp', async () => {
    const token = await provider.mint({ claims: { aud: undefined, client_id: provider.audience, scope: undefined, scp: ['pets:read'] } });
    const outcome = await authorize(new IssuerKeyStore(), token, [REQUIRED_SCOPE]);
    expect(outcome).toMatchObject({ kind: 'allowed', authorizer: { scopes: ['pets:read'] } });
  });

  test('has null scopes when the token has no scope claim', async () => {
    const outcome = await authorize(new IssuerKeyStore(), await provider.mint({ claims: { scope: undefined } }));
    expect(outcome).toMatchObject({ kind: 'allowed', authorizer: { kind: 'jwt', scopes: null } });
  });

  test('refuses every token of the bad-token corpus with AWS status and www-authenticate', async () => {
    const store = new IssuerKeyStore();
    const corpus = await badTokenCorpus(provider);
    for (const bad of corpus) {
      const outcome = await authorize(store, bad.authorization, [REQUIRED_SCOPE]);
      expect({ name: bad.name, kind: outcome.kind, status: outcome.kind === 'denied' ? outcome.status : undefined }).toEqual({ name: bad.name, kind: 'denied', status: bad.status });
      if (outcome.kind !== 'denied') continue;
      const challenge = outcome.headers?.find(([n]) => n === 'www-authenticate')?.[1];
      if (bad.authorization === undefined) expect(challenge).toBeUndefined();
      else if (bad.status === 401) expect(challenge).toBe(`Bearer scope="" error="invalid_token" error_description="${bad.description}"`);
      else expect(challenge).toBe(`Bearer scope="${REQUIRED_SCOPE}" error="insufficient_scope" error_description="${bad.description}"`);
    }
  });

  test('names the audience problem as AWS does', async () => {
    const outcome = await authorize(new IssuerKeyStore(), await provider.mint({ claims: { aud: 'someone-else' } }));
    expect(outcome).toMatchObject({
      kind: 'denied',
      status: 401,
      headers: [['www-authenticate', 'Bearer scope="" error="invalid_token" error_description="the token does not have a valid audience"']],
    });
  });

  test('refuses tokens when the issuer cannot be reached, and never waves them through', async () => {
    const gone = await startOpenIdProvider();
    const token = await gone.mint();
    await gone.close();
    const outcome = await authorizeJwt(jwtAuthorizer(gone.issuer, [gone.audience]), [], testRequest({ headers: [['authorization', token]] }), { issuerKeys: new IssuerKeyStore(), now: () => Date.now() });
    expect(outcome).toMatchObject({ kind: 'denied', status: 401 });
  });

  test('caches the key set and refetches it for an unknown kid only after the cooldown', async () => {
    const rotating = await startOpenIdProvider();
    try {
      const patient = new IssuerKeyStore();
      const eager = new IssuerKeyStore(new Map(), { refreshCooldownMs: 0 });
      const auth = (store: IssuerKeyStore, token: string) =>
        authorizeJwt(jwtAuthorizer(rotating.issuer, [rotating.audience]), [], testRequest({ headers: [['authorization', token]] }), { issuerKeys: store, now: () => Date.now() });
      const first = await rotating.mint();
      expect((await auth(patient, first)).kind).toBe('allowed');
      expect((await auth(eager, first)).kind).toBe('allowed');
      expect((await auth(patient, first)).kind).toBe('allowed');
      expect(rotating.fetches.jwks).toBe(2);

      await rotating.rotate();
      const rotated = await rotating.mint();
      expect(await auth(patient, rotated)).toMatchObject({ kind: 'denied', status: 401 });
      expect(rotating.fetches.jwks).toBe(2);
      expect((await auth(eager, rotated)).kind).toBe('allowed');
      expect(rotating.fetches.jwks).toBe(3);
    } finally {
      await rotating.close();
    }
  });

  test('uses keys given per issuer instead of discovery (--jwks issuer=file)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apigw-local-jwks-'));
    try {
      const file = join(dir, 'jwks.json');
      writeFileSync(file, JSON.stringify(provider.jwks()));
      const discoveries = provider.fetches.discovery;
      const store = new IssuerKeyStore(new Map([[provider.issuer, jwksSource(file)]]));
      expect((await authorize(store, await provider.mint())).kind).toBe('allowed');
      expect(provider.fetches.discovery).toBe(discoveries);
      expect(() => new IssuerKeyStore(new Map([[provider.issuer, jwksSource(join(dir, 'missing.json'))]]))).toThrow(/cannot be read/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('takes http(s) locations as JWKS URLs and anything else as files', () => {
    expect(jwksSource('./keys.json')).toEqual({ kind: 'file', path: './keys.json' });
    expect(jwksSource('http://127.0.0.1:9/jwks')).toEqual({ kind: 'url', url: 'http://127.0.0.1:9/jwks' });
  });

  test('checks the claims of a token on every request, also once its signature is known to verify', async () => {
    const store = new IssuerKeyStore();
    const nowMs = Date.now();
    const token = await provider.mint({ claims: { exp: Math.floor(nowMs / 1000) + 10 } });
    const at = (ms: number) =>
      authorizeJwt(jwtAuthorizer(provider.issuer, [provider.audience]), [], testRequest({ headers: [['authorization', token]] }), { issuerKeys: store, now: () => ms });
    expect((await at(nowMs)).kind).toBe('allowed');
    expect((await at(nowMs + 1000)).kind).toBe('allowed');
    const expired = await at(nowMs + 20_000);
    expect(expired).toMatchObject({ kind: 'denied', status: 401 });
    expect(expired.kind === 'denied' ? expired.reason : '').toMatch(/^JWT JwtAuth: the token has expired/);
    const scoped = await authorizeJwt(jwtAuthorizer(provider.issuer, [provider.audience]), ['admin'], testRequest({ headers: [['authorization', token]] }), { issuerKeys: store, now: () => nowMs });
    expect(scoped).toMatchObject({ kind: 'denied', status: 403 });
  });

  test('renders claim values the way AWS does', () => {
    expect(renderClaimValue('a')).toBe('a');
    expect(renderClaimValue(1787996002)).toBe('1787996002');
    expect(renderClaimValue(['Admins', 'Readers'])).toBe('[Admins Readers]');
    expect(renderClaimValue({ b: 1, a: 'x' })).toBe('map[a:x b:1]');
    expect(renderClaimValue(false)).toBe('false');
  });
});
