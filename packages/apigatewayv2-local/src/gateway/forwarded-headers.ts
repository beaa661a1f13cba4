import type { HeaderList, HeaderPair } from './headers.js';
import type { RequestFacts } from './request-facts.js';

/**
 * How header names reach the integration: HTTP APIs lower-case them (payload 1.0 and 2.0); WebSocket
 * events keep the client's spelling and name the gateway's own headers as AWS writes them.
 */
export type HeaderNameCase = 'lower' | 'as-received';

const ADDED_NAMES = {
  lower: { for: 'x-forwarded-for', port: 'x-forwarded-port', proto: 'x-forwarded-proto', trace: 'x-amzn-trace-id' },
  'as-received': { for: 'X-Forwarded-For', port: 'X-Forwarded-Port', proto: 'X-Forwarded-Proto', trace: 'X-Amzn-Trace-Id' },
} as const;

/**
 * The request headers an integration receives: the client's headers, with the ones API Gateway sets
 * itself: `X-Forwarded-For` (client IP appended), `X-Forwarded-Port`, `X-Forwarded-Proto` and
 * `X-Amzn-Trace-Id` (kept when the client sent one).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 *
 * Locally the port and protocol are those the client really used (`http`, the local port) rather than
 * AWS's `443`/`https`, so apps that build absolute URLs from them point back at the local gateway.
 */
export function gatewayRequestHeaders(received: HeaderList, facts: RequestFacts, nameCase: HeaderNameCase): HeaderPair[] {
  const names = ADDED_NAMES[nameCase];
  const headers: HeaderPair[] = [];
  const forwardedFor: string[] = [];
  let traceId: string | undefined;
  for (const [name, value] of received) {
    const lower = name.toLowerCase();
    if (lower === 'x-forwarded-for') forwardedFor.push(value);
    else if (lower === 'x-forwarded-port' || lower === 'x-forwarded-proto') continue;
    else {
      if (lower === 'x-amzn-trace-id') traceId ??= value;
      headers.push([nameCase === 'lower' ? lower : name, value]);
    }
  }
  forwardedFor.push(facts.identity.sourceIp);
  headers.push([names.for, forwardedFor.join(', ')]);
  headers.push([names.port, portOf(facts.domainName)]);
  headers.push([names.proto, 'http']);
  if (traceId === undefined) headers.push([names.trace, traceIdFor(facts.requestId, facts.requestTimeEpoch)]);
  return headers;
}

function portOf(domainName: string): string {
  if (domainName === lastPort.domainName) return lastPort.port;
  const match = /:(\d+)$/.exec(domainName);
  lastPort = { domainName, port: match ? match[1] : '80' };
  return lastPort.port;
}

/** Clients of one local port send the same Host on every request: the last answer is kept. */
let lastPort = { domainName: '', port: '80' };

/**
 * An X-Ray style trace id (`Root=1-{epoch seconds hex}-{24 hex}`), derived from the request id so that
 * events stay deterministic under injected ids: three FNV-1a hashes of it (different offsets) give the
 * 96 bits, cheaper per request than a cryptographic digest and as unique for distinct ids.
 */
export function traceIdFor(requestId: string, epochMs: number): string {
  TRACE_BYTES.writeUInt32BE(Math.floor(epochMs / 1000) >>> 0, 0);
  TRACE_BYTES.writeUInt32BE(fnv1a(requestId, 0x811c9dc5), 4);
  TRACE_BYTES.writeUInt32BE(fnv1a(requestId, 0x01000193), 8);
  TRACE_BYTES.writeUInt32BE(fnv1a(requestId, 0x9e3779b9), 12);
  const hex = TRACE_BYTES.toString('hex');
  return `Root=1-${hex.slice(0, 8)}-${hex.slice(8)}`;
}

/** Scratch space for `traceIdFor`: the epoch seconds and the three hashes. */
const TRACE_BYTES = Buffer.alloc(16);

function fnv1a(text: string, offset: number): number {
  let hash = offset;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}
