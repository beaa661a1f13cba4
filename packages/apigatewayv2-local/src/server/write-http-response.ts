import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayHttpResponse } from './http-exchange.js';

/**
 * Writes a gateway response to the socket. Header pairs go out as given, so a header named twice
 * (several `Set-Cookie` lines) stays on several lines. `Content-Length` is always sent, as AWS does
 * (gateway-behavior.md 9.1), and a `HEAD` request gets the headers without the body.
 */
export function writeHttpResponse(
  request: IncomingMessage,
  response: ServerResponse,
  answer: GatewayHttpResponse,
  options: { readonly closeConnection?: boolean } = {},
): void {
  const body = typeof answer.body === 'string' ? Buffer.from(answer.body) : answer.body;
  const flat: string[] = [];
  let hasLength = false;
  for (const [name, value] of answer.headers) {
    const lower = name.toLowerCase();
    // Node computes framing itself; a handler-supplied transfer-encoding would corrupt it.
    if (lower === 'transfer-encoding' || lower === 'connection') continue;
    if (lower === 'content-length') {
      if (hasLength) continue;
      hasLength = true;
      flat.push(name, String(body.length));
      continue;
    }
    flat.push(name, value);
  }
  if (!hasLength) flat.push('content-length', String(body.length));
  if (options.closeConnection) flat.push('connection', 'close');
  response.writeHead(answer.statusCode, flat);
  if (request.method === 'HEAD') response.end();
  else response.end(body);
}
