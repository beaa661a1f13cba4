/**
 * The text frames API Gateway sends a client when it cannot deliver a message to an integration, with or
 * without a route response. The spacing is AWS's, as captured (one space after the first colon only).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-routes-integrations.html
 */
export const ERROR_FRAME_MESSAGES = {
  /** The integration failed (function error, crash, bad configuration). */
  failed: 'Internal server error',
  /** The integration timeout (29 s by default) elapsed. */
  timedOut: 'Endpoint request timed out',
  /** No route matched and there is no `$default` route. */
  noRoute: 'Forbidden',
} as const;

export type ErrorFrameKind = keyof typeof ERROR_FRAME_MESSAGES;

export function errorFrame(kind: ErrorFrameKind, connectionId: string, requestId: string): string {
  return `{"message": "${ERROR_FRAME_MESSAGES[kind]}", "connectionId":"${connectionId}", "requestId":"${requestId}"}`;
}
