import type { ReceivedRequest } from '../gateway/received-request.js';
import type { GatewayHttpResponse } from './types.js';

/** How one exchange went, for the request log. */
export interface HttpExchangeRecord {
  readonly request: ReceivedRequest;
  readonly response: GatewayHttpResponse;
  readonly durationMs: number;
}

/** How one HTTP API answers a received request, whether it came from its port or from `gateway.request`. */
export interface HttpExchange {
  /** Answers one request (the HTTP core: 413 for a body past the limit included); may reject. */
  readonly handle: (request: ReceivedRequest) => Promise<GatewayHttpResponse>;
  /** The answer when `handle` threw (a bug, not a function error): the API keeps serving. */
  readonly failed: (request: ReceivedRequest, error: unknown) => GatewayHttpResponse;
  /** Called once per answered request. */
  readonly onExchange?: (record: HttpExchangeRecord) => void;
}

/**
 * One exchange, the same for a socket request and an in-process one: the answer of `handle`, or of `failed`
 * when it threw, then the request log. `elapsedMs` tells how long ago the request began.
 */
export async function answerExchange(exchange: HttpExchange, request: ReceivedRequest, elapsedMs: () => number): Promise<GatewayHttpResponse> {
  let answer: GatewayHttpResponse;
  try {
    answer = await exchange.handle(request);
  } catch (error) {
    answer = exchange.failed(request, error);
  }
  exchange.onExchange?.({ request, response: answer, durationMs: elapsedMs() });
  return answer;
}
