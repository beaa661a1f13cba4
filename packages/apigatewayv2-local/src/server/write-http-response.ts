import type { IncomingMessage, ServerResponse } from 'node:http';
import { isFramingHeader } from '../http/framing-headers.js';
import type { HttpReply } from '../http/index.js';

/**
 * Writes a gateway reply to the socket. Header pairs go out as given, so a header named twice
 * (several `Set-Cookie` lines) stays on several lines. `Content-Length` is always sent, as AWS's answers
 * carry it, and a `HEAD` request gets the headers without the body
 * (https://www.rfc-editor.org/rfc/rfc9110#name-head).
 */
export function writeHttpResponse(
  request: IncomingMessage,
  response: ServerResponse,
  reply: HttpReply,
  options: { readonly closeConnection?: boolean } = {},
): void {
  const flat: string[] = [];
  for (const [name, value] of reply.headers) {
    if (!isFramingHeader(name.toLowerCase())) flat.push(name, value);
  }
  flat.push('content-length', String(reply.body.length));
  if (options.closeConnection) flat.push('connection', 'close');
  response.writeHead(reply.statusCode, flat);
  if (request.method === 'HEAD') response.end();
  else response.end(reply.body);
}
