import type { ReceivedRequest } from './received-request.js';

/** A `ReceivedRequest` for tests: `GET /` from 127.0.0.1 at time 0 unless told otherwise. */
export function receivedRequest(fields: Partial<ReceivedRequest> = {}): ReceivedRequest {
  return { method: 'GET', path: '/', rawQueryString: '', headers: [], body: Buffer.alloc(0), sourceIp: '127.0.0.1', protocol: 'HTTP/1.1', receivedAtMs: 0, ...fields };
}
