import { isPlainObject, parsePayload, readHeaderObject, readStatusCode } from '../gateway/lambda-result.js';

/** A `$connect` function's answer to the handshake. */
export type ConnectResult =
  | { readonly kind: 'accept'; readonly statusCode: number; readonly subprotocol?: string }
  | { readonly kind: 'reject'; readonly statusCode: number }
  | { readonly kind: 'malformed'; readonly reason: string };

/**
 * Status when a `$connect` function returns no `statusCode` (undefined, a string, an object without one):
 * unconfirmed what AWS does; the handshake is accepted.
 */
export const CONNECT_DEFAULT_STATUS = 200;

/**
 * Reads a `$connect` result: a 2xx `statusCode` accepts the handshake, any other status refuses it with that
 * status. Only the `Sec-WebSocket-Protocol` header reaches the client (it selects a subprotocol); the other
 * headers and the body are dropped.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-connect-route-subprotocol.html
 */
export function readConnectResult(payload: string): ConnectResult {
  const parsed = parsePayload(payload);
  if (!parsed.ok || !isPlainObject(parsed.value) || parsed.value.statusCode === undefined || parsed.value.statusCode === null) {
    return { kind: 'accept', statusCode: CONNECT_DEFAULT_STATUS };
  }
  const statusCode = readStatusCode(parsed.value.statusCode);
  if (statusCode === undefined) return { kind: 'malformed', reason: `statusCode ${JSON.stringify(parsed.value.statusCode)} is not an HTTP status` };
  if (statusCode < 200 || statusCode > 299) return { kind: 'reject', statusCode };
  const headers = readHeaderObject(parsed.value.headers);
  if (!headers.ok) return { kind: 'malformed', reason: headers.reason };
  const subprotocol = headers.entries.find(([name]) => name.toLowerCase() === 'sec-websocket-protocol')?.[1];
  return subprotocol === undefined ? { kind: 'accept', statusCode } : { kind: 'accept', statusCode, subprotocol };
}

/**
 * The text a two-way route sends back for a function's result: the `body` of a returned object (decoded
 * when `isBase64Encoded`), a returned string as it is, any other value as JSON. Nothing for `null`, or an
 * object with a `statusCode` but no `body`. The status code never becomes an error for the client.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-route-response.html
 */
export function readMessageReply(payload: string): string | undefined {
  const parsed = parsePayload(payload);
  if (!parsed.ok) return payload;
  const value = parsed.value;
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (!isPlainObject(value)) return JSON.stringify(value);
  if (!('body' in value)) return 'statusCode' in value ? undefined : JSON.stringify(value);
  const body = value.body;
  if (body === undefined || body === null) return undefined;
  if (typeof body !== 'string') return JSON.stringify(body);
  return value.isBase64Encoded === true ? Buffer.from(body, 'base64').toString('utf8') : body;
}
