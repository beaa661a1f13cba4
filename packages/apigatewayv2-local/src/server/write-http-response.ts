import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpReply } from '../http/index.js';

/** Headers the server owns: it frames the body it sends itself. */
export const FRAMING_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection']);

/**
 * Writes a gateway reply to the socket. Header pairs go out as given, so a header named twice
 * (several `Set-Cookie` lines) stays on several lines. `Content-Length` is always sent, as AWS does
 * (gateway-behavior.md 9.1), and a `HEAD` request gets the headers without the body (1.7).
 */
export function writeHttpResponse(
  request: IncomingMessage,
  response: ServerResponse,
  reply: HttpReply,
  options: { readonly closeConnection?: boolean } = {},
): void {
  const flat: string[] = [];
  for (const [name, value] of reply.headers) {
    if (!FRAMING_HEADERS.has(name.toLowerCase())) flat.push(name, value);
  }
  flat.push('content-length', String(reply.body.length));
  if (options.closeConnection) flat.push('connection', 'close');
  response.writeHead(reply.statusCode, flat);
  if (request.method === 'HEAD') response.end();
  else response.end(reply.body);
}
