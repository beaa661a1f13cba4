import type { IncomingMessage } from 'node:http';

/** What reading a request body produced: the whole body, or the news that it is over the limit. */
export type RequestBodyResult =
  | { readonly kind: 'complete'; readonly body: Buffer }
  | { readonly kind: 'too-large'; readonly receivedBytes: number };

const NO_BODY: Promise<RequestBodyResult> = Promise.resolve({ kind: 'complete', body: Buffer.alloc(0) });

/**
 * Reads a request body into memory, up to `limitBytes`. Past the limit it stops keeping data, so a huge
 * upload never holds more than the limit in memory, and reports `too-large` at once (a declared
 * `Content-Length` over the limit is refused before any byte is read). The caller answers 413
 * (gateway-behavior.md 7.1: 10 MB payload quota; 9.2 for the body) and closes the connection.
 */
export function readRequestBody(request: IncomingMessage, limitBytes: number): Promise<RequestBodyResult> {
  const length = request.headers['content-length'];
  // Without Content-Length or Transfer-Encoding an HTTP/1.1 request has no body (RFC 9112 6.3); Node
  // discards the empty stream itself once the response is sent.
  if ((length === undefined || length === '0') && request.headers['transfer-encoding'] === undefined) return NO_BODY;
  const declared = Number(length);
  if (Number.isFinite(declared) && declared > limitBytes) {
    return Promise.resolve({ kind: 'too-large', receivedBytes: 0 });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received > limitBytes) {
        cleanUp();
        resolve({ kind: 'too-large', receivedBytes: received });
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
