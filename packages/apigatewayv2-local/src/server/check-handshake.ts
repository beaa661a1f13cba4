import type { IncomingMessage } from 'node:http';

/** The only WebSocket version the gateway speaks (RFC 6455); a handshake asking another is answered 426. */
export const WEBSOCKET_VERSION = '13';

/** Why a handshake is refused: the status and headers of the refusal. */
export interface HandshakeRefusal {
  readonly status: number;
  readonly headers: readonly (readonly [string, string])[];
}

/**
 * Why a handshake is not one RFC 6455 allows (an HTTP/1.1 or later GET with `Upgrade: websocket` and a
 * 16-byte base64 key: 400), or undefined when it is. Another `Sec-WebSocket-Version` is answered 426 with
 * the version the server speaks.
 * https://www.rfc-editor.org/rfc/rfc6455#section-4.2.1
 * https://www.rfc-editor.org/rfc/rfc6455#section-4.2.2
 */
export function checkHandshake(request: IncomingMessage): HandshakeRefusal | undefined {
  const valid =
    request.method === 'GET' &&
    request.httpVersion !== '1.0' &&
    (request.headers.upgrade ?? '').toLowerCase() === 'websocket' &&
    /^[+/0-9A-Za-z]{22}==$/.test(request.headers['sec-websocket-key'] ?? '');
  if (!valid) return { status: 400, headers: [] };
  if (request.headers['sec-websocket-version'] !== WEBSOCKET_VERSION) {
    return { status: 426, headers: [['Sec-WebSocket-Version', WEBSOCKET_VERSION]] };
  }
  return undefined;
}
