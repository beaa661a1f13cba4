import { exportJWK, generateKeyPair } from 'jose';
import { describe, expect, test } from 'vitest';
import { type IssuerFetch, IssuerKeyStore, JWKS_REFRESH_COOLDOWN_MS } from './issuer-keys.js';

const ISSUER = 'https://issuer.test';

/** A fetch that answers from `routes` by URL (404 otherwise) and records every URL asked for. */
function fakeFetch(routes: Record<string, unknown>): IssuerFetch & { readonly urls: string[] } {
  const urls: string[] = [];
  const answer: IssuerFetch = (url) => {
    urls.push(url);
    const body = routes[url];
    return Promise.resolve(body === undefined ? new Response('no', { status: 404 }) : Response.json(body));
  };
  return Object.assign(answer, { urls });
}

describe('IssuerKeyStore on the injected clock and fetch', () => {
  test('retries a failed discovery only once the cooldown has passed on the caller clock', async () => {
    const fetch = fakeFetch({});
    const store = new IssuerKeyStore(new Map(), { fetch });
    const start = 1_000_000;
    expect(await store.keysFor(ISSUER, start)).toMatchObject({ kind: 'unavailable', reason: expect.stringContaining('answered 404') as string });
    expect(await store.keysFor(ISSUER, start + JWKS_REFRESH_COOLDOWN_MS - 1)).toMatchObject({ kind: 'unavailable' });
    expect(fetch.urls).toEqual([`${ISSUER}/.well-known/openid-configuration`]);
    await store.keysFor(ISSUER, start + JWKS_REFRESH_COOLDOWN_MS);
    expect(fetch.urls).toHaveLength(2);
  });

  test('discovers the key set and fetches its keys through the injected fetch', async () => {
    const { publicKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    const fetch = fakeFetch({
      [`${ISSUER}/.well-known/openid-configuration`]: { issuer: ISSUER, jwks_uri: `${ISSUER}/keys` },
      [`${ISSUER}/keys`]: { keys: [jwk] },
    });
    const lookup = await new IssuerKeyStore(new Map(), { fetch }).keysFor(`${ISSUER}/`, 0);
    if (lookup.kind !== 'ready') throw new Error(`keys unavailable: ${lookup.reason}`);
    const key = await lookup.getKey({ alg: 'RS256', kid: 'k1' }, { payload: '', signature: '' });
    expect(key).toBeDefined();
    expect(fetch.urls).toEqual([`${ISSUER}/.well-known/openid-configuration`, `${ISSUER}/keys`]);
  });
});

test('answers the keys of a configured issuer with one settled lookup, request after request', async () => {
  const { publicKey } = await generateKeyPair('RS256');
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' }] };
  const store = new IssuerKeyStore(new Map([['https://issuer.example', { kind: 'keys' as const, jwks }]]));
  const first = store.keysFor('https://issuer.example/', 0);
  expect(store.keysFor('https://issuer.example/', 1)).toBe(first);
  expect((await first).kind).toBe('ready');
});
