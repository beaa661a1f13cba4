import type { ErrorFields } from './environment-messages.js';
import type { InvokeResult } from './invoker.js';

/** Lambda's limit on a synchronous response (6 MB). https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html */
export const MAX_RESPONSE_BYTES = 6 * 1024 * 1024;

/** A runtime's result: `success`, or Lambda's error when it is over `MAX_RESPONSE_BYTES` (the byte count only for long ones). */
export function checkResponseSize(payload: string): InvokeResult {
  if (payload.length > MAX_RESPONSE_BYTES / 4 && Buffer.byteLength(payload) > MAX_RESPONSE_BYTES) {
    return { kind: 'function-error', ...responseSizeError(Buffer.byteLength(payload)) };
  }
  return { kind: 'success', payload };
}

/** Lambda's error for a result over `MAX_RESPONSE_BYTES`, whichever runtime produced it. */
export function responseSizeError(bytes: number): ErrorFields {
  return {
    errorType: 'Function.ResponseSizeTooLarge',
    errorMessage: `Response payload size (${bytes} bytes) exceeds the ${MAX_RESPONSE_BYTES}-byte limit for synchronous invocations.`,
    trace: [],
  };
}
