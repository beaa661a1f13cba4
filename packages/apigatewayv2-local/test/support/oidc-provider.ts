import { type AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import { type CryptoKey, type JSONWebKeySet, type JWK, type JWTPayload, SignJWT, exportJWK, generateKeyPair } from 'jose';

/** A signing key the provider holds: its key id, algorithm and private key. */
export interface ProviderKey {
  readonly kid: string;
  readonly alg: string;
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
}

export interface MintOptions {
  /** Claims to add or override; `undefined` removes a default claim. */
  readonly claims?: Readonly<Record<string, unknown>>;
  /** Sign with this key instead of the current RSA key. */
  readonly key?: ProviderKey;
  /** Header `kid` to write (defaults to the signing key's). */
  readonly kid?: string;
}

/**
 * A local OpenID provider on 127.0.0.1 (port 0): serves `/.well-known/openid-configuration` and the JWKS it
 * names, and mints tokens with its keys. It publishes an RSA key and an EC key (`ec`), and counts fetches so
 * tests can see caching.
 */
export interface LocalOpenIdProvider {
  readonly issuer: string;
  readonly jwksUri: string;
  /** The current RSA key. */
  readonly rsa: ProviderKey;
  /** A published EC key: tokens signed with it must still be refused (RSA only). */
  readonly ec: ProviderKey;
  readonly audience: string;
  readonly fetches: { discovery: number; jwks: number };
  /** The published key set. */
  jwks(): JSONWebKeySet;
  /** A token with `iss`, `aud`, `sub`, `iat`, `exp`, `scope` defaults at `nowSeconds`. */
  mint(options?: MintOptions): Promise<string>;
  /** Replaces the current RSA key with a new one (new `kid`), as a key rotation does. */
  rotate(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_AUDIENCE = 'local-client';

export async function newKey(alg: 'RS256' | 'ES256', kid: string): Promise<ProviderKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, alg, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

export interface OpenIdProviderOptions {
  readonly nowSeconds?: () => number;
  /**
   * The issuer its tokens name (`iss`), when it is not the provider's own URL: e.g. an `https://` issuer, as
   * AWS requires, whose keys the gateway is pointed at with `jwks`.
   */
  readonly issuer?: string;
}

export async function startOpenIdProvider(options: OpenIdProviderOptions = {}): Promise<LocalOpenIdProvider> {
  const nowSeconds = options.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  let rsa = await newKey('RS256', 'rsa-1');
  const ec = await newKey('ES256', 'ec-1');
  let generation = 1;
  const fetches = { discovery: 0, jwks: 0 };
  const jwks = (): JSONWebKeySet => ({ keys: [rsa.publicJwk, ec.publicJwk] });

  const server = createServer((req, res) => {
    const body = (value: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    if (req.url === '/.well-known/openid-configuration') {
      fetches.discovery += 1;
      body({ issuer, jwks_uri: `${origin}/jwks.json`, id_token_signing_alg_values_supported: ['RS256'] });
    } else if (req.url === '/jwks.json') {
      fetches.jwks += 1;
      body(jwks());
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = options.issuer ?? origin;

  return {
    issuer,
    jwksUri: `${origin}/jwks.json`,
    get rsa() {
      return rsa;
    },
    ec,
    audience: DEFAULT_AUDIENCE,
    fetches,
    jwks,
    async mint(mintOptions: MintOptions = {}) {
      const key = mintOptions.key ?? rsa;
      const now = nowSeconds();
      const defaults: JWTPayload = { iss: issuer, aud: DEFAULT_AUDIENCE, sub: 'user-1', iat: now - 60, exp: now + 3600, scope: 'pets:read pets:write' };
      const claims: Record<string, unknown> = { ...defaults };
      for (const [name, value] of Object.entries(mintOptions.claims ?? {})) {
        if (value === undefined) delete claims[name];
        else claims[name] = value;
      }
      return new SignJWT(claims).setProtectedHeader({ alg: key.alg, kid: mintOptions.kid ?? key.kid, typ: 'JWT' }).sign(key.privateKey);
    },
    async rotate() {
      generation += 1;
      rsa = await newKey('RS256', `rsa-${generation}`);
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
