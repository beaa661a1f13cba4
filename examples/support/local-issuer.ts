// A JWT issuer of our own for local runs and tests: a fresh RSA key pair held in memory, whose public half the
// gateway gets as the issuer's keys (`apigw-local --jwks <issuer>=<file>` or the `jwks` option) in place of
// the issuer's OpenID discovery, and whose private half signs tokens. No private key is ever written to disk.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CryptoKey, type JSONWebKeySet, SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';

/**
 * The signing algorithm: RS256, one of the RSA algorithms API Gateway's JWT authorizers accept
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html).
 */
export const LOCAL_ISSUER_ALGORITHM = 'RS256';

/** How long a token lives unless it is given an expiry: one hour, as Cognito's access tokens by default. */
export const LOCAL_TOKEN_LIFETIME_MS = 60 * 60 * 1000;

export interface LocalIssuerOptions {
  /** The issuer URL every token carries as `iss`: exactly the authorizer's issuer. */
  readonly issuer: string;
  /** The audience a token carries as `aud` unless it is given its own: one of the authorizer's audiences. */
  readonly audience: string;
}

export interface MintTokenOptions {
  /** The `sub` claim: who the token stands for. */
  readonly subject: string;
  /** The `scope` claim, space-separated OAuth scopes. @default no scope claim */
  readonly scope?: string;
  /** The `aud` claim. @default the issuer's audience */
  readonly audience?: string;
  /** When the token expires (`exp`); a time in the past mints an expired token. @default LOCAL_TOKEN_LIFETIME_MS from now */
  readonly expiresAt?: Date;
}

/** A JWKS file written for `apigw-local --jwks`, in a directory of its own. */
export interface JwksFile {
  readonly path: string;
  /** Deletes the file and its directory. */
  readonly remove: () => void;
}

/** Signs JSON Web Tokens for one issuer with a key pair made when it is created. */
export class LocalIssuer {
  /** Makes a fresh RS256 key pair; its public key is published with its JWK thumbprint as `kid`. */
  public static async create(options: LocalIssuerOptions): Promise<LocalIssuer> {
    const { privateKey, publicKey } = await generateKeyPair(LOCAL_ISSUER_ALGORITHM);
    const publicJwk = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint(publicJwk);
    const jwks: JSONWebKeySet = { keys: [{ ...publicJwk, kid, alg: LOCAL_ISSUER_ALGORITHM, use: 'sig' }] };
    return new LocalIssuer(options, jwks, privateKey, kid);
  }

  /** The `iss` of every token, as the authorizer names its issuer. */
  public readonly issuer: string;
  /** The default `aud` of tokens. */
  public readonly audience: string;

  private constructor(
    options: LocalIssuerOptions,
    /** The public key set: what the gateway verifies signatures with. */
    public readonly jwks: JSONWebKeySet,
    private readonly privateKey: CryptoKey,
    private readonly kid: string,
  ) {
    this.issuer = options.issuer;
    this.audience = options.audience;
  }

  /** A signed token (`iss`, `sub`, `aud`, `iat`, `exp`, and `scope` when given), with the key's `kid` in its header. */
  public mintToken(options: MintTokenOptions): Promise<string> {
    const expiresAt = options.expiresAt ?? new Date(Date.now() + LOCAL_TOKEN_LIFETIME_MS);
    const issuedAt = new Date(Math.min(Date.now(), expiresAt.getTime() - 1000));
    return new SignJWT(options.scope === undefined ? {} : { scope: options.scope })
      .setProtectedHeader({ alg: LOCAL_ISSUER_ALGORITHM, kid: this.kid, typ: 'JWT' })
      .setIssuer(this.issuer)
      .setSubject(options.subject)
      .setAudience(options.audience ?? this.audience)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(this.privateKey);
  }

  /** Writes the public key set to `jwks.json` in a new temporary directory, for `apigw-local --jwks <issuer>=<path>`. */
  public writeJwksFile(): JwksFile {
    const dir = mkdtempSync(join(tmpdir(), 'local-issuer-'));
    const path = join(dir, 'jwks.json');
    writeFileSync(path, `${JSON.stringify(this.jwks, null, 2)}\n`);
    return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
  }
}
