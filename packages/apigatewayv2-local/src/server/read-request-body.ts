import type { IncomingMessage } from 'node:http';
import { type BodyReading, isOverLimit } from '../gateway/received-request.js';

const NO_BODY: BodyReading = { kind: 'complete', body: Buffer.alloc(0) };
const TOO_LARGE: BodyReading = { kind: 'too-large' };

/**
 * Reads a request body into memory, up to `limitBytes`. Past the limit it stops keeping data, so a huge
 * upload never holds more than the limit in memory, and reports `too-large` at once (a declared
 * `Content-Length` over the limit is refused before any byte is read). The request is then answered 413
 * and the connection closed. A request without a body gets its answer at once, not a promise: most
 * requests have none, and the caller then skips a turn of the microtask queue.
 */
export function readRequestBody(request: IncomingMessage, limitBytes: number): BodyReading | Promise<BodyReading> {
  const length = request.headers['content-length'];
  // Without Content-Length or Transfer-Encoding an HTTP/1.1 request has no body (https://www.rfc-editor.org/rfc/rfc9112#name-message-body-length); Node
  // discards the empty stream itself once the response is sent.
  if ((length === undefined || length === '0') && request.headers['transfer-encoding'] === undefined) return NO_BODY;
  const declared = Number(length);
  if (Number.isFinite(declared) && isOverLimit(declared, limitBytes)) return TOO_LARGE;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (isOverLimit(received, limitBytes)) {
        cleanUp();
        resolve(TOO_LARGE);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanUp();
      resolve({ kind: 'complete', body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, received) });
    };
    const onError = (error: Error): void => {
      cleanUp();
      reject(error);
    };
    const cleanUp = (): void => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
  });
}
