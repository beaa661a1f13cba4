import { readFileSync } from 'node:fs';
import { type JSONWebKeySet, type JWTVerifyGetKey, createLocalJWKSet, createRemoteJWKSet, customFetch } from 'jose';
import { GatewayError } from '../errors.js';
import type { IssuerKeys } from './verify-jwt.js';
import { VerifiedSignatures } from './verified-signatures.js';

/**
 * How long fetched keys are trusted: API Gateway "can cache the public key for two hours"
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html).
 */
export const JWKS_CACHE_MAX_AGE_MS = 2 * 60 * 60 * 1000;
/**
 * A token whose `kid` is not in the cached key set makes the gateway refetch the keys, at most once per
 * this period (REST JWT authorizers refetch on an unknown `kid`; the period is ours, unconfirmed).
 */
export const JWKS_REFRESH_COOLDOWN_MS = 30_000;
/** OpenID discovery and JWKS timeouts: 1500 ms each (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html). */
export const ISSUER_FETCH_TIMEOUT_MS = 1500;

/** Where an issuer's keys come from when they are given instead of discovered. */
export type JwksSource =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'url'; readonly url: string }
  | { readonly kind: 'keys'; readonly jwks: JSONWebKeySet };

/** The outcome of looking up an issuer's keys. */
export type IssuerKeyLookup =
  | ({ readonly kind: 'ready' } & IssuerKeys)
  | { readonly kind: 'unavailable'; readonly reason: string };

/** How the store reaches issuers: `fetch`'s signature, so tests can answer without a network. */
export type IssuerFetch = (url: string, init: { readonly signal: AbortSignal; readonly headers: Headers; readonly method?: 'GET'; readonly redirect?: 'manual' }) => Promise<Response>;

export interface IssuerKeyStoreOptions {
  /** How often an unknown `kid` or a failed discovery may make it fetch again. @default JWKS_REFRESH_COOLDOWN_MS */
  readonly refreshCooldownMs?: number;
  /** Discovery documents and key sets are fetched with it. @default the global `fetch` */
  readonly fetch?: IssuerFetch;
}

/** A JWKS location as the `jwks` option and `--jwks` give it: an `http(s)://` URL, else a file path. */
export function jwksSource(location: string): JwksSource {
  return /^https?:\/\//i.test(location) ? { kind: 'url', url: location } : { kind: 'file', path: location };
}

/**
 * Finds the signing keys of JWT issuers, as API Gateway does: the issuer's
 * `/.well-known/openid-configuration` names its `jwks_uri`, whose key set is cached and refetched when a
 * token names an unknown `kid`. Keys given per issuer (a file, a URL or a key set) take the place of
 * discovery for that issuer, so tokens of issuers this machine cannot reach can still be verified.
 * A lookup that fails is retried after the cooldown (on the caller's clock); until then tokens of that
 * issuer are refused. The key sets' own cache (two hours, the `kid` refetch cooldown) runs on jose's clock.
 */
export class IssuerKeyStore {
  private readonly lookups = new Map<string, Discovery>();
  private readonly configured = new Map<string, IssuerKeys>();
  private readonly configuredLookups = new Map<string, Promise<IssuerKeyLookup>>();
  private readonly refreshCooldownMs: number;
  private readonly fetch: IssuerFetch;

  /** Reads key files at once: a missing or malformed file is an option error, not a refused request later. */
  constructor(jwks: ReadonlyMap<string, JwksSource> = new Map(), options: IssuerKeyStoreOptions = {}) {
    this.refreshCooldownMs = options.refreshCooldownMs ?? JWKS_REFRESH_COOLDOWN_MS;
    this.fetch = options.fetch ?? ((url, init) => fetch(url, init));
    for (const [issuer, source] of jwks) {
      this.configured.set(normalizeIssuer(issuer), { getKey: this.keysFrom(issuer, source), verified: new VerifiedSignatures(JWKS_CACHE_MAX_AGE_MS) });
    }
  }

  /** The key lookup for an issuer (exactly as configured on the authorizer), at `nowMs` of the gateway's clock. */
  keysFor(issuer: string, nowMs: number): Promise<IssuerKeyLookup> {
    let ready = this.configuredLookups.get(issuer);
    if (ready === undefined) {
      const given = this.configured.get(normalizeIssuer(issuer));
      // One settled lookup per issuer spelling, not a new object and promise per request.
      if (given) this.configuredLookups.set(issuer, (ready = Promise.resolve({ kind: 'ready', ...given })));
    }
    if (ready !== undefined) return ready;
    const now = nowMs;
    const known = this.lookups.get(issuer);
    const retry = known?.failed === true && now - known.at >= this.refreshCooldownMs;
    if (known && !retry) return known.lookup;
    const discovery: Discovery = {
      at: now,
      failed: false,
      lookup: discoverJwksUri(issuer, this.fetch).then(
        (jwksUri): IssuerKeyLookup => ({ kind: 'ready', getKey: this.remoteKeySet(jwksUri), verified: new VerifiedSignatures(JWKS_CACHE_MAX_AGE_MS) }),
        (error: unknown): IssuerKeyLookup => {
          discovery.failed = true;
          return { kind: 'unavailable', reason: `OpenID discovery for ${issuer} failed: ${messageOf(error)}` };
        },
      ),
    };
    this.lookups.set(issuer, discovery);
    return discovery.lookup;
  }

  private keysFrom(issuer: string, source: JwksSource): JWTVerifyGetKey {
    switch (source.kind) {
      case 'keys':
        return createLocalJWKSet(source.jwks);
      case 'url':
        return this.remoteKeySet(source.url);
      case 'file':
        return createLocalJWKSet(readKeyFile(issuer, source.path));
    }
  }

  private remoteKeySet(url: string): JWTVerifyGetKey {
    return createRemoteJWKSet(new URL(url), {
      cacheMaxAge: JWKS_CACHE_MAX_AGE_MS,
      cooldownDuration: this.refreshCooldownMs,
      timeoutDuration: ISSUER_FETCH_TIMEOUT_MS,
      [customFetch]: this.fetch,
    });
  }
}

interface Discovery {
  readonly at: number;
  readonly lookup: Promise<IssuerKeyLookup>;
  /** Set once the lookup has failed; a failed discovery is retried after the cooldown. */
  failed: boolean;
}

/** A key file's key set; a missing or malformed file is an option error. */
function readKeyFile(issuer: string, path: string): JSONWebKeySet {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new GatewayError('INVALID_OPTION', `JWKS file ${path} for issuer ${issuer} cannot be read: ${messageOf(error)}`);
  }
  if (!isKeySet(parsed)) throw new GatewayError('INVALID_OPTION', `JWKS file ${path} for issuer ${issuer} must hold {"keys": [...]}`);
  return parsed;
}

/** `{issuer}/.well-known/openid-configuration` → `jwks_uri`. */
async function discoverJwksUri(issuer: string, fetchIssuer: IssuerFetch): Promise<string> {
  const url = `${normalizeIssuer(issuer)}/.well-known/openid-configuration`;
  const response = await fetchIssuer(url, { signal: AbortSignal.timeout(ISSUER_FETCH_TIMEOUT_MS), headers: new Headers({ accept: 'application/json' }) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  const document: unknown = await response.json();
  const jwksUri = typeof document === 'object' && document !== null ? (document as Record<string, unknown>).jwks_uri : undefined;
  if (typeof jwksUri !== 'string') throw new Error(`${url} names no jwks_uri`);
  return jwksUri;
}

function normalizeIssuer(issuer: string): string {
  return issuer.replace(/\/+$/, '');
}

function isKeySet(value: unknown): value is JSONWebKeySet {
  return typeof value === 'object' && value !== null && Array.isArray((value as Record<string, unknown>).keys);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
