import { SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequest } from '@smithy/types';
import { describe, expect, test } from 'vitest';
import { indexCredentials, type LocalCredential } from './local-credentials.js';
import { Sha256, type SignedRequest, type SigV4Verdict, SIGV4_MESSAGES, verifySigV4 } from './verify-sigv4.js';

const KEY: LocalCredential = { accessKeyId: 'AKIALOCALTEST', secretAccessKey: 'local-secret' };
const TEMPORARY: LocalCredential = { accessKeyId: 'ASIALOCALTEST', secretAccessKey: 'temp-secret', sessionToken: 'session-token' };
const CREDENTIALS = indexCredentials([KEY, TEMPORARY]);
const NOW = Date.UTC(2026, 11, 3, 8, 0, 0);
const HOST = '127.0.0.1:3000';

interface ClientRequest {
  readonly method?: string;
  readonly path?: string;
  readonly query?: Record<string, string>;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

function clientSigner(credential: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } = KEY, options: { region?: string; service?: string; applyChecksum?: boolean } = {}) {
  return new SignatureV4({ credentials: credential, region: options.region ?? 'us-east-1', service: options.service ?? 'execute-api', sha256: Sha256, applyChecksum: options.applyChecksum ?? false });
}

function httpRequest(request: ClientRequest): HttpRequest {
  return {
    method: request.method ?? 'GET',
    protocol: 'http:',
    hostname: '127.0.0.1',
    port: 3000,
    path: request.path ?? '/prod/pets',
    query: request.query ?? {},
    headers: { host: HOST, ...request.headers },
    body: request.body,
  };
}

/**
 * What the gateway receives for a signed request: raw query, header lines, body, and the path exactly as the
 * client signed it (the AWS SDKs sign the percent-encoded path they send).
 */
function onTheWire(signed: HttpRequest, body = ''): SignedRequest {
  const query = new URLSearchParams(Object.entries(signed.query ?? {}).map(([k, v]): [string, string] => [k, String(v)]))
    .toString()
    .replaceAll('+', '%20');
  return {
    method: signed.method,
    path: signed.path,
    rawQueryString: query,
    headers: Object.entries(signed.headers),
    body: Buffer.from(body),
  };
}

async function signed(request: ClientRequest = {}, signer = clientSigner(), signingDate = new Date(NOW)): Promise<SignedRequest> {
  return onTheWire(await signer.sign(httpRequest(request), { signingDate }), request.body);
}

function messageOf(verdict: SigV4Verdict): string | undefined {
  return verdict.kind === 'refused' ? verdict.message : undefined;
}

describe('SigV4 verification', () => {
  test('accepts header-signed requests, with query, encoded path and body', async () => {
    expect(await verifySigV4(await signed(), CREDENTIALS, 'us-east-1', NOW)).toEqual({ kind: 'verified', credential: KEY });
    const withEverything = await signed({ method: 'POST', path: '/prod/pets/a%20b', query: { q: 'x y', n: '1' }, headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    expect((await verifySigV4(withEverything, CREDENTIALS, 'us-east-1', NOW)).kind).toBe('verified');
    // A connection id as the @connections client sends it: its `=` encoded once in the path, twice when signed.
    const connectionPath = await signed({ method: 'POST', path: '/prod/@connections/R1kmxc2VNjMCFIA%3D', body: 'hi' });
    expect((await verifySigV4(connectionPath, CREDENTIALS, 'us-east-1', NOW)).kind).toBe('verified');
    const checksummed = await signed({ method: 'PUT', body: 'payload' }, clientSigner(KEY, { applyChecksum: true }));
    expect(checksummed.headers.some(([n]) => n === 'x-amz-content-sha256')).toBe(true);
    expect((await verifySigV4(checksummed, CREDENTIALS, 'us-east-1', NOW)).kind).toBe('verified');
  });

  test('accepts temporary credentials with their session token, and refuses them without it', async () => {
    const request = await signed({}, clientSigner(TEMPORARY));
    expect(await verifySigV4(request, CREDENTIALS, 'us-east-1', NOW)).toEqual({ kind: 'verified', credential: TEMPORARY });
    const withoutToken = { ...request, headers: request.headers.filter(([n]) => n !== 'x-amz-security-token') };
    expect(await verifySigV4(withoutToken, CREDENTIALS, 'us-east-1', NOW)).toMatchObject({ kind: 'refused', errorType: 'UnrecognizedClientException' });
  });

  test('refuses an unsigned request and a non-SigV4 Authorization header as incomplete', async () => {
    const plain: SignedRequest = { method: 'GET', path: '/prod/pets', rawQueryString: '', headers: [['host', HOST]], body: Buffer.alloc(0) };
    expect(await verifySigV4(plain, CREDENTIALS, 'us-east-1', NOW)).toMatchObject({ kind: 'refused', errorType: 'IncompleteSignatureException', message: SIGV4_MESSAGES.missing });
    const bearer = { ...plain, headers: [...plain.headers, ['authorization', 'Bearer abc'] as const] };
    expect(await verifySigV4(bearer, CREDENTIALS, 'us-east-1', NOW)).toMatchObject({ kind: 'refused', errorType: 'IncompleteSignatureException' });
  });

  test('refuses an unknown access key and a wrong secret', async () => {
    const stranger = await signed({}, clientSigner({ accessKeyId: 'AKIASTRANGER', secretAccessKey: 'x' }));
    expect(await verifySigV4(stranger, CREDENTIALS, 'us-east-1', NOW)).toMatchObject({ kind: 'refused', errorType: 'UnrecognizedClientException', message: SIGV4_MESSAGES.invalidKey });
    const wrongSecret = await signed({}, clientSigner({ accessKeyId: KEY.accessKeyId, secretAccessKey: 'guess' }));
    expect(await verifySigV4(wrongSecret, CREDENTIALS, 'us-east-1', NOW)).toMatchObject({ kind: 'refused', errorType: 'InvalidSignatureException', message: SIGV4_MESSAGES.mismatch });
  });

  test('refuses requests tampered with after signing', async () => {
    const original = await signed({ method: 'POST', query: { n: '1' }, headers: { 'x-tenant': 'a' }, body: 'amount=1' });
    const tampered: SignedRequest[] = [
      { ...original, body: Buffer.from('amount=1000') },
      { ...original, path: '/prod/admin' },
      { ...original, rawQueryString: 'n=2' },
      { ...original, method: 'DELETE' },
      { ...original, headers: original.headers.map(([n, v]) => (n === 'x-tenant' ? [n, 'b'] : [n, v])) },
      { ...original, headers: original.headers.filter(([n]) => n !== 'x-tenant') },
    ];
    for (const request of tampered) {
      expect(await verifySigV4(request, CREDENTIALS, 'us-east-1', NOW)).toMatchObject({ kind: 'refused', errorType: 'InvalidSignatureException', message: SIGV4_MESSAGES.mismatch });
    }
  });

  test('checks the body against x-amz-content-sha256', async () => {
    const request = await signed({ method: 'POST', body: 'original' }, clientSigner(KEY, { applyChecksum: true }));
    expect(await verifySigV4({ ...request, body: Buffer.from('changed') }, CREDENTIALS, 'us-east-1', NOW)).toMatchObject({ kind: 'refused', message: SIGV4_MESSAGES.bodyHash });
    const unsigned = await signed({ method: 'POST', headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }, body: 'x' });
    expect(await verifySigV4(unsigned, CREDENTIALS, 'us-east-1', NOW)).toMatchObject({ kind: 'refused', message: SIGV4_MESSAGES.bodyHash });
  });

  test('refuses expired and future signatures, and a scope for another region or service', async () => {
    const old = await signed({}, clientSigner(), new Date(NOW - 6 * 60_000));
    expect(await verifySigV4(old, CREDENTIALS, 'us-east-1', NOW)).toMatchObject({
      kind: 'refused',
      errorType: 'InvalidSignatureException',
      message: 'Signature expired: 20261203T075400Z is now earlier than 20261203T075500Z (20261203T080000Z - 5 min.)',
    });
    const recent = await signed({}, clientSigner(), new Date(NOW - 4 * 60_000));
    expect((await verifySigV4(recent, CREDENTIALS, 'us-east-1', NOW)).kind).toBe('verified');
    const future = await signed({}, clientSigner(), new Date(NOW + 6 * 60_000));
    expect(messageOf(await verifySigV4(future, CREDENTIALS, 'us-east-1', NOW))).toMatch(/^Signature not yet current/);
    const elsewhere = await signed({}, clientSigner(KEY, { region: 'eu-west-1' }));
    expect(await verifySigV4(elsewhere, CREDENTIALS, 'us-east-1', NOW)).toMatchObject({ kind: 'refused', message: "Credential should be scoped to a valid region, not 'eu-west-1'." });
    const s3 = await signed({}, clientSigner(KEY, { service: 's3' }));
    expect(await verifySigV4(s3, CREDENTIALS, 'us-east-1', NOW)).toMatchObject({ kind: 'refused', message: "Credential should be scoped to correct service: 'execute-api'." });
  });

  test('accepts presigned URLs (query form) until they expire, and refuses tampered ones', async () => {
    const presigned = await clientSigner().presign(httpRequest({ query: { page: '2' } }), { signingDate: new Date(NOW), expiresIn: 300 });
    const request = onTheWire(presigned);
    expect(await verifySigV4(request, CREDENTIALS, 'us-east-1', NOW + 299_000)).toEqual({ kind: 'verified', credential: KEY });
    const expired = await verifySigV4(request, CREDENTIALS, 'us-east-1', NOW + 301_000);
    expect(expired).toMatchObject({ kind: 'refused', errorType: 'InvalidSignatureException' });
    expect(messageOf(expired)).toMatch(/^Signature expired/);
    const tampered = { ...request, rawQueryString: request.rawQueryString.replace('page=2', 'page=3') };
    expect(await verifySigV4(tampered, CREDENTIALS, 'us-east-1', NOW)).toMatchObject({ kind: 'refused', message: SIGV4_MESSAGES.mismatch });
  });
});
