// TEMPORARY: mirrors the shapes `local-http` defines in src/http/types.ts; replaced by imports once it lands.

/** One HTTP request as the socket delivered it. */
export interface IncomingHttpRequest {
  readonly method: string;
  /** The request target's path, undecoded, without the query string. */
  readonly rawPath: string;
  /** The query string without `?`; `''` when none. */
  readonly rawQueryString: string;
  /** Header name/value pairs in arrival order, names as sent. */
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Buffer;
  readonly sourceIp: string;
  /** e.g. `HTTP/1.1`. */
  readonly protocol: string;
  readonly receivedAtMs: number;
}

export interface RequestLogEntry {
  readonly routeKey?: string;
  readonly integration?: string;
}

export interface GatewayHttpResponse {
  readonly statusCode: number;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Buffer | string;
  readonly log: RequestLogEntry;
}
