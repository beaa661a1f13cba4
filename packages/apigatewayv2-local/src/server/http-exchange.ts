// TEMPORARY: the subset of local-http's src/http/types.ts the server uses, with the same names and
// shapes; replaced by imports from '../http/types.js' once that file is on main.

export type HeaderPair = readonly [name: string, value: string];
export type HeaderList = readonly HeaderPair[];

export interface IncomingHttpRequest {
  readonly method: string;
  readonly path: string;
  readonly rawQueryString: string;
  readonly headers: HeaderList;
  readonly body: Buffer;
  readonly sourceIp: string;
  readonly protocol: string;
  readonly receivedAtMs: number;
}

export interface HttpReply {
  readonly statusCode: number;
  readonly headers: HeaderList;
  readonly body: Buffer;
}

export type IntegrationLogKind = 'lambda' | 'http-proxy' | 'cors-preflight';

export interface RequestLog {
  readonly requestId: string;
  readonly method: string;
  readonly path: string;
  readonly stage?: string;
  readonly routeKey?: string;
  readonly status: number;
  readonly integration?: IntegrationLogKind;
  readonly durationMs: number;
  readonly error?: string;
}

export interface GatewayHttpResponse extends HttpReply {
  readonly log: RequestLog;
}
