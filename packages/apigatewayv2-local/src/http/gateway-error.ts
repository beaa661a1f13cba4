import type { HttpReply } from './types.js';

/**
 * Request body limit of HTTP APIs: 10 MB
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html). The server stops
 * reading a body past it (`ReceivedRequest.bodyTooLarge`) and the HTTP core answers 413 before routing.
 */
export const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

/** Why a request was answered 413, for the request log. */
export const PAYLOAD_TOO_LARGE_REASON = `request body exceeds ${MAX_PAYLOAD_BYTES} bytes`;

/**
 * Every status the gateway itself answers with, and the message AWS puts in the body (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-lambda.html).
 * 413 and 429 bodies are unconfirmed; 403 is the disabled-endpoint / authorizer-deny answer.
 */
export const GATEWAY_ERROR_MESSAGES = {
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  413: 'Request Entity Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
} as const;

export type GatewayErrorStatus = keyof typeof GATEWAY_ERROR_MESSAGES;

/**
 * What an HTTP API answers when an integration's `TimeoutInMillis` elapses, for every integration type.
 * Captures of real HTTP APIs show `503 {"message":"Service Unavailable"}`
 * (https://github.com/cortexlabs/cortex/issues/1225); AWS's Knowledge Center says 504
 * (https://repost.aws/knowledge-center/api-gateway-504-errors). One constant (README, "Differences from AWS").
 */
export const INTEGRATION_TIMEOUT_STATUS = 503 satisfies GatewayErrorStatus;

/**
 * A response the gateway generates itself (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-lambda.html): compact JSON `{"message":"…"}` without a
 * trailing newline, `apigw-requestid`, and deliberately no `content-type` (real captures have none).
 * `message` replaces the standard one where AWS words it otherwise (IAM signature errors).
 */
export function gatewayError(status: GatewayErrorStatus, requestId: string, message: string = GATEWAY_ERROR_MESSAGES[status]): HttpReply {
  return {
    statusCode: status,
    headers: [['apigw-requestid', requestId]],
    body: Buffer.from(JSON.stringify({ message }), 'utf8'),
  };
}
