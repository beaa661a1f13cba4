import type { HeaderList } from './headers.js';

/**
 * A request as the server received it, before any gateway processing: what HTTP API requests, WebSocket
 * upgrades and `@connections` calls are all read into, once, by the server (or by `gateway.request` for an
 * in-process call).
 */
export interface ReceivedRequest {
  /** As received (node's parser gives standard methods in upper case). */
  readonly method: string;
  /** Raw path as received (still percent-encoded), without the query string, e.g. `/prod/pets`. */
  readonly path: string;
  /** Query string without `?`; `''` when there is none. */
  readonly rawQueryString: string;
  /** Raw header pairs in arrival order; names as the client wrote them; duplicates kept. */
  readonly headers: HeaderList;
  /** The body; empty for upgrades and when `bodyTooLarge` is set. */
  readonly body: Buffer;
  /**
   * Set when the body went past the limit of the port it came to: the server stopped reading it (`body` is
   * empty) and the request is answered with 413.
   */
  readonly bodyTooLarge?: true;
  /** Client IP of the TCP connection. */
  readonly sourceIp: string;
  /** e.g. `HTTP/1.1`. */
  readonly protocol: string;
  /** When the server started reading the request (ms since epoch). */
  readonly receivedAtMs: number;
}

/** What reading a body produced: its bytes, or the news that it went past the limit. */
export type BodyReading = { readonly kind: 'complete'; readonly body: Buffer } | { readonly kind: 'too-large' };

/** The `body` / `bodyTooLarge` fields of a request whose body was read as `reading`. */
export function bodyFields(reading: BodyReading): Pick<ReceivedRequest, 'body' | 'bodyTooLarge'> {
  return reading.kind === 'complete' ? { body: reading.body } : { body: EMPTY_BODY, bodyTooLarge: true };
}

/**
 * Whether a body of `bytes` is over a port's `limitBytes`: the one comparison behind every 413 (socket
 * requests are cut short at the limit, in-process requests are measured whole).
 */
export function isOverLimit(bytes: number, limitBytes: number): boolean {
  return bytes > limitBytes;
}

const EMPTY_BODY = Buffer.alloc(0);
