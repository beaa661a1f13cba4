import type { Duplex } from 'node:stream';
import { writeRawResponse } from './write-raw-response.js';

/**
 * Answers a request Node could not parse (an HTTP server's `clientError`), as far as the socket still takes
 * an answer: 431 for a head over the server's `maxHeaderSize`, 408 for a request that took too long, 400 for
 * anything else.
 */
export function answerClientError(error: Error & { readonly code?: string }, socket: Duplex): void {
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  if (socket.writable) writeRawResponse(socket, status, [], Buffer.alloc(0));
  else socket.destroy();
}
