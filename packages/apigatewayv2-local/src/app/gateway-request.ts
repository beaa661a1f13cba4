import { ErrorCode, GatewayError } from '../errors.js';
import type { GatewayHttpResponse } from '../http/index.js';
import { resourceKey } from '../model/index.js';
import { toIncomingRequest, toResponse } from '../server/in-process-request.js';
import type { GatewayApiInfo } from './gateway.js';
import type { HttpExchange } from './listen-api.js';

/**
 * `gateway.request`'s answer: the steps `listenHttp` takes for a socket request (413 past the body limit,
 * `failed` when the core throws, the request log), without the socket.
 */
export async function answerInProcess(maxBodyBytes: number, exchange: HttpExchange, request: Request): Promise<Response> {
  const started = performance.now();
  const incoming = await toIncomingRequest(request, Date.now());
  let answer: GatewayHttpResponse;
  if (incoming.body.length > maxBodyBytes) {
    answer = exchange.tooLarge(incoming);
  } else {
    try {
      answer = await exchange.handle(incoming);
    } catch (error) {
      answer = exchange.failed(incoming, error);
    }
  }
  exchange.onExchange?.({ request: incoming, response: answer, durationMs: performance.now() - started });
  return toResponse(answer, incoming.method);
}

/** The HTTP API `gateway.request` names: by logical id, `Name` or `stackName/logicalId`, exactly one. */
export function findHttpApi(apis: readonly GatewayApiInfo[], name: string): GatewayApiInfo {
  const matches = apis.filter((api) => api.logicalId === name || api.name === name || resourceKey(api) === name);
  const listed = (list: readonly GatewayApiInfo[]): string => list.map((api) => `${resourceKey(api)} (${api.name}, ${api.protocol})`).join(', ') || 'none';
  if (matches.length === 0) {
    throw new GatewayError(ErrorCode.UNKNOWN_API, `no API '${name}': give a logical id, Name or stackName/logicalId of ${listed(apis)}`);
  }
  if (matches.length > 1) {
    throw new GatewayError(ErrorCode.UNKNOWN_API, `'${name}' names several APIs (${listed(matches)}); give stackName/logicalId`);
  }
  const [api] = matches as [GatewayApiInfo];
  if (api.protocol !== 'HTTP') {
    throw new GatewayError(
      ErrorCode.UNKNOWN_API,
      `${resourceKey(api)} is a WebSocket API; gateway.request serves HTTP APIs only: connect a WebSocket client to ${api.url}`,
    );
  }
  return api;
}

/** The fetch `Request` for `gateway.request`'s arguments; a relative URL resolves against the API's URL. */
export function toFetchRequest(api: GatewayApiInfo, input: Request | string | URL, init: RequestInit | undefined): Request {
  if (input instanceof Request) return init === undefined ? input : new Request(input, init);
  return new Request(new URL(input, api.url), init);
}
