import { createHash, timingSafeEqual } from 'node:crypto';
import { Hash } from '@smithy/core/serde';
import { SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequest, QueryParameterBag, SourceData } from '@smithy/types';
import type { ReceivedRequest } from '../gateway/received-request.js';
import type { LocalCredential } from './local-credentials.js';

/** The only signing algorithm HTTP and WebSocket APIs accept (SigV4A is not supported). */
const ALGORITHM = 'AWS4-HMAC-SHA256';
/** The service name requests to API Gateway are signed for. */
export const EXECUTE_API_SERVICE = 'execute-api';
/** How far a header-signed request's `X-Amz-Date` may be from now: AWS's "(… - 5 min.)". */
export const SIGV4_MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;
/** The longest a presigned URL may live: one week (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html). */
export const SIGV4_MAX_EXPIRES_SECONDS = 604_800;
/**
 * Whether `x-amz-content-sha256: UNSIGNED-PAYLOAD` is accepted. Unconfirmed for execute-api; refused,
 * since it would let the body change under a valid signature.
 */
export const ACCEPT_UNSIGNED_PAYLOAD = false;

/** The request as SigV4 sees it: the path is the one received, percent-encoded (the client signed it so). */
export type SignedRequest = Pick<ReceivedRequest, 'method' | 'path' | 'rawQueryString' | 'headers' | 'body'>;

/** The `x-amzn-ErrorType` AWS sends with each kind of refusal. */
export type SigV4ErrorType = 'IncompleteSignatureException' | 'InvalidSignatureException' | 'UnrecognizedClientException';

export type SigV4Verdict =
  | { readonly kind: 'verified'; readonly credential: LocalCredential }
  | { readonly kind: 'refused'; readonly errorType: SigV4ErrorType; readonly message: string; readonly reason: string };

/** AWS's messages for refused signatures (as API Gateway answers them; bodies of HTTP APIs unconfirmed). */
export const SIGV4_MESSAGES = {
  missing: 'Forbidden',
  invalidKey: 'The security token included in the request is invalid.',
  mismatch:
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  bodyHash: "The provided 'x-amz-content-sha256' header does not match what was computed.",
} as const;

/**
 * Verifies a SigV4-signed request against local credentials, in the header form (`Authorization:
 * AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`) or the query form (`X-Amz-Signature` …)
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv.html): the credential scope must name
 * this region and `execute-api`; the key must be one of the local credentials; the date must be current
 * (header form) or the URL unexpired (query form); `x-amz-content-sha256`, when sent, must be the body's
 * hash; and the signature recomputed with `@smithy/signature-v4` must match.
 */
export async function verifySigV4(
  request: SignedRequest,
  credentials: ReadonlyMap<string, LocalCredential>,
  region: string,
  nowMs: number,
): Promise<SigV4Verdict> {
  const query = parseSigningQuery(request.rawQueryString);
  const authorization = headerValue(request.headers, 'authorization');
  const presigned = query.get('X-Amz-Algorithm') !== undefined;
  const parts = presigned ? fromQuery(query) : authorization === undefined ? undefined : fromAuthorizationHeader(authorization);
  if (parts === undefined) return refused('IncompleteSignatureException', SIGV4_MESSAGES.missing, 'the request is not signed');
  if (typeof parts === 'string') return refused('IncompleteSignatureException', parts, parts);

  const [accessKeyId, shortDate, scopeRegion, service, terminator] = parts.credential.split('/');
  if (terminator !== 'aws4_request' || !service || !scopeRegion || !shortDate || !accessKeyId) {
    const message = `Credential should be scoped with a valid terminator: 'aws4_request', not ${JSON.stringify(parts.credential)}.`;
    return refused('IncompleteSignatureException', message, message);
  }
  const credential = credentials.get(accessKeyId);
  if (!credential) return refused('UnrecognizedClientException', SIGV4_MESSAGES.invalidKey, `access key ${accessKeyId} is not a local credential`);
  const token = presigned ? query.get('X-Amz-Security-Token') : headerValue(request.headers, 'x-amz-security-token');
  if (token !== credential.sessionToken) {
    return refused('UnrecognizedClientException', SIGV4_MESSAGES.invalidKey, `session token does not match access key ${accessKeyId}`);
  }
  if (scopeRegion !== region) {
    const message = `Credential should be scoped to a valid region, not '${scopeRegion}'.`;
    return refused('InvalidSignatureException', message, message);
  }
  if (service !== EXECUTE_API_SERVICE) {
    const message = `Credential should be scoped to correct service: '${EXECUTE_API_SERVICE}'.`;
    return refused('InvalidSignatureException', message, message);
  }
  const amzDate = presigned ? query.get('X-Amz-Date') : headerValue(request.headers, 'x-amz-date');
  const signedAtMs = amzDate === undefined ? undefined : parseAmzDate(amzDate);
  if (amzDate === undefined || signedAtMs === undefined) {
    const message = "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.";
    return refused('IncompleteSignatureException', message, `no valid X-Amz-Date (${String(amzDate)})`);
  }
  if (!amzDate.startsWith(shortDate)) {
    const message = `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${shortDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`;
    return refused('InvalidSignatureException', message, message);
  }
  const timing = checkTiming(presigned ? { kind: 'query', expires: query.get('X-Amz-Expires') } : { kind: 'header' }, signedAtMs, nowMs);
  if (timing) return refused('InvalidSignatureException', timing, timing);

  const bodyHash = headerValue(request.headers, 'x-amz-content-sha256');
  if (bodyHash !== undefined) {
    const unsigned = bodyHash === 'UNSIGNED-PAYLOAD';
    if ((unsigned && !ACCEPT_UNSIGNED_PAYLOAD) || (!unsigned && bodyHash !== createHash('sha256').update(request.body).digest('hex'))) {
      return refused('InvalidSignatureException', SIGV4_MESSAGES.bodyHash, unsigned ? 'UNSIGNED-PAYLOAD is not accepted' : 'the body does not match x-amz-content-sha256');
    }
  }

  const signedHeaders = parts.signedHeaders.split(';');
  const expected = await expectedSignature(request, query, { credential, token, signedHeaders, signedAtMs, region, presigned, expires: query.get('X-Amz-Expires') });
  if (expected === undefined || !sameSignature(expected, parts.signature)) {
    return refused('InvalidSignatureException', SIGV4_MESSAGES.mismatch, expected === undefined ? 'a signed header is missing or the path is malformed' : 'the signature does not match');
  }
  return { kind: 'verified', credential };
}

interface SignatureParts {
  readonly credential: string;
  readonly signedHeaders: string;
  readonly signature: string;
}

function fromAuthorizationHeader(value: string): SignatureParts | string {
  const [algorithm, ...rest] = value.trim().split(/\s+/);
  const fields = new Map<string, string>();
  for (const piece of rest.join(' ').split(',')) {
    const eq = piece.indexOf('=');
    if (eq !== -1) fields.set(piece.slice(0, eq).trim(), piece.slice(eq + 1).trim());
  }
  const missing = ['Credential', 'Signature', 'SignedHeaders'].filter((name) => !fields.get(name));
  if (algorithm !== ALGORITHM || missing.length > 0) {
    const names = algorithm === ALGORITHM ? missing : ['Credential', 'Signature', 'SignedHeaders'];
    return `${names.map((name) => `Authorization header requires '${name}' parameter.`).join(' ')} Authorization=${algorithm}`;
  }
  return { credential: fields.get('Credential') ?? '', signedHeaders: fields.get('SignedHeaders') ?? '', signature: fields.get('Signature') ?? '' };
}

function fromQuery(query: ReadonlyMap<string, string>): SignatureParts | string {
  if (query.get('X-Amz-Algorithm') !== ALGORITHM) return `X-Amz-Algorithm must be ${ALGORITHM}.`;
  const missing = ['X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-SignedHeaders', 'X-Amz-Date', 'X-Amz-Expires'].filter((name) => !query.get(name));
  if (missing.length > 0) return `${missing.map((name) => `AWS query-string parameters must include '${name}'.`).join(' ')} Re-examine the query-string parameters.`;
  return { credential: query.get('X-Amz-Credential') ?? '', signedHeaders: query.get('X-Amz-SignedHeaders') ?? '', signature: query.get('X-Amz-Signature') ?? '' };
}

function checkTiming(form: { kind: 'header' } | { kind: 'query'; expires: string | undefined }, signedAtMs: number, nowMs: number): string | undefined {
  if (form.kind === 'header') {
    if (signedAtMs < nowMs - SIGV4_MAX_CLOCK_SKEW_MS) {
      return `Signature expired: ${formatAmzDate(signedAtMs)} is now earlier than ${formatAmzDate(nowMs - SIGV4_MAX_CLOCK_SKEW_MS)} (${formatAmzDate(nowMs)} - 5 min.)`;
    }
    if (signedAtMs > nowMs + SIGV4_MAX_CLOCK_SKEW_MS) {
      return `Signature not yet current: ${formatAmzDate(signedAtMs)} is still later than ${formatAmzDate(nowMs + SIGV4_MAX_CLOCK_SKEW_MS)} (${formatAmzDate(nowMs)} + 5 min.)`;
    }
    return undefined;
  }
  const expires = Number(form.expires);
  if (!Number.isInteger(expires) || expires < 1 || expires > SIGV4_MAX_EXPIRES_SECONDS) {
    return `X-Amz-Expires must be a whole number of seconds from 1 to ${SIGV4_MAX_EXPIRES_SECONDS}.`;
  }
  if (nowMs > signedAtMs + expires * 1000) return `Signature expired: ${formatAmzDate(signedAtMs)} + ${expires} s is earlier than ${formatAmzDate(nowMs)}.`;
  if (signedAtMs > nowMs + SIGV4_MAX_CLOCK_SKEW_MS) return `Signature not yet current: ${formatAmzDate(signedAtMs)} is later than ${formatAmzDate(nowMs)}.`;
  return undefined;
}

interface SigningInputs {
  readonly credential: LocalCredential;
  readonly token: string | undefined;
  readonly signedHeaders: readonly string[];
  readonly signedAtMs: number;
  readonly region: string;
  readonly presigned: boolean;
  readonly expires: string | undefined;
}

/** Signs the request again with the local secret; undefined when a signed header is missing. */
async function expectedSignature(request: SignedRequest, query: ReadonlyMap<string, string>, inputs: SigningInputs): Promise<string | undefined> {
  const headers: Record<string, string> = {};
  for (const name of inputs.signedHeaders) {
    const values = request.headers.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v);
    if (values.length === 0) return undefined;
    headers[name] = values.join(',');
  }
  // The canonical URI of every service but S3 encodes each segment of the path as sent once more: the
  // signer escapes the path it is given, so it gets the raw path, not a decoded one (a connection id's `=`
  // goes out as `%3D` and is signed as `%253D`).
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html#create-canonical-request
  const path = request.path;
  const queryBag: QueryParameterBag = {};
  for (const [name, values] of parseQueryPairs(request.rawQueryString)) {
    if (name !== 'X-Amz-Signature') queryBag[name] = values.length === 1 ? values[0] : values;
  }
  const toSign: HttpRequest = {
    method: request.method,
    protocol: 'http:',
    hostname: headers.host ?? '',
    path,
    query: queryBag,
    headers,
    body: request.body.length > 0 ? request.body : undefined,
  };
  const signer = new SignatureV4({
    service: EXECUTE_API_SERVICE,
    region: inputs.region,
    credentials: {
      accessKeyId: inputs.credential.accessKeyId,
      secretAccessKey: inputs.credential.secretAccessKey,
      ...(inputs.token === undefined ? {} : { sessionToken: inputs.token }),
    },
    sha256: Sha256,
    applyChecksum: false,
  });
  const signable = new Set(inputs.signedHeaders);
  const signingDate = new Date(inputs.signedAtMs);
  if (inputs.presigned) {
    const signed = await signer.presign(toSign, {
      signingDate,
      expiresIn: Number(inputs.expires),
      signableHeaders: signable,
      unhoistableHeaders: signable,
    });
    const signature = signed.query?.['X-Amz-Signature'];
    return signed.query?.['X-Amz-SignedHeaders'] === query.get('X-Amz-SignedHeaders') && typeof signature === 'string' ? signature : '';
  }
  const signed = await signer.sign(toSign, { signingDate, signableHeaders: signable });
  const authorization = signed.headers.authorization ?? '';
  const match = /SignedHeaders=([^,]+), Signature=([0-9a-f]+)$/.exec(authorization);
  return match && match[1] === inputs.signedHeaders.join(';') ? match[2] : '';
}

/** SHA-256 for `@smithy/signature-v4`, from Node's crypto (clients signing requests use it too). */
export class Sha256 extends Hash {
  constructor(secret?: SourceData) {
    super('sha256', secret);
  }
}

function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}

/**
 * Query parameters for signing: split on `&` and the first `=`, percent-decoded. Unlike request routing,
 * `+` stays a `+`: SigV4 canonicalizes the characters the client encoded.
 */
function parseQueryPairs(rawQueryString: string): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  for (const piece of rawQueryString.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const name = safeDecode(eq === -1 ? piece : piece.slice(0, eq));
    const value = eq === -1 ? '' : safeDecode(piece.slice(eq + 1));
    grouped.set(name, [...(grouped.get(name) ?? []), value]);
  }
  return grouped;
}

function parseSigningQuery(rawQueryString: string): Map<string, string> {
  const first = new Map<string, string>();
  for (const [name, values] of parseQueryPairs(rawQueryString)) first.set(name, values[0]);
  return first;
}

function safeDecode(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function headerValue(headers: SignedRequest['headers'], name: string): string | undefined {
  return headers.find(([n]) => n.toLowerCase() === name)?.[1];
}

/** `20260101T120000Z` → ms since epoch. */
function parseAmzDate(value: string): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number);
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  return Number.isNaN(ms) ? undefined : ms;
}

function formatAmzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function refused(errorType: SigV4ErrorType, message: string, reason: string): SigV4Verdict {
  return { kind: 'refused', errorType, message, reason };
}
