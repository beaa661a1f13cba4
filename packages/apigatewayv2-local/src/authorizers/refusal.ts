import { GATEWAY_ERROR_MESSAGES } from '../http/gateway-error.js';
import type { HeaderLine, Refusal } from './authorization-types.js';

/** A refusal with the gateway's standard message for its status (`{"message":"Unauthorized"}` …). */
export function refuse(status: 401 | 403 | 500, reason: string, headers: readonly HeaderLine[] = []): Refusal {
  return { status, message: GATEWAY_ERROR_MESSAGES[status], headers, reason };
}
