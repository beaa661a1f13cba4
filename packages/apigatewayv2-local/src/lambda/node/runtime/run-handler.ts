import type { LoadedHandler } from './load-handler.js';

/** The fields of Lambda's Node.js `context` object that are the same for every invocation of the environment. */
export interface FunctionFields {
  readonly functionName: string;
  readonly functionVersion: string;
  readonly memoryLimitInMB: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
}

/** What one invocation adds to them. */
export interface InvocationFields {
  readonly invokedFunctionArn: string;
  readonly awsRequestId: string;
  /** `Date.now()` at which the invocation times out (`getRemainingTimeInMillis`). */
  readonly deadlineMs: number;
}

/**
 * Calls a handler the way Lambda's Node.js runtime does and settles with the first of: the returned
 * promise, the callback, or `context.done/succeed/fail`. A handler that is not async and never calls back
 * never settles: in Lambda it runs into its timeout, and so it does here.
 * `callbackWaitsForEmptyEventLoop` is accepted but not honoured: the response is sent as soon as the
 * callback is called (a documented local difference).
 * https://docs.aws.amazon.com/lambda/latest/dg/nodejs-context.html
 */
export function runHandler(handler: LoadedHandler, event: unknown, fn: FunctionFields, invocation: InvocationFields): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const succeed = (result: unknown): void => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      // Handlers may throw anything; the value is reported as Lambda reports it (see format-error).
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
      reject(error);
    };
    const callback = (error?: unknown, result?: unknown): void => {
      if (error === undefined || error === null) succeed(result);
      else fail(error);
    };
    const { deadlineMs } = invocation;
    // One literal of fixed shape: built per invocation, so no spreads (they cost more than the handler).
    const context = {
      functionName: fn.functionName,
      functionVersion: fn.functionVersion,
      invokedFunctionArn: invocation.invokedFunctionArn,
      memoryLimitInMB: fn.memoryLimitInMB,
      awsRequestId: invocation.awsRequestId,
      logGroupName: fn.logGroupName,
      logStreamName: fn.logStreamName,
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => Math.max(0, deadlineMs - Date.now()),
      done: callback,
      succeed,
      fail,
    };
    try {
      const returned = handler(event, context, callback);
      if (isPromiseLike(returned)) returned.then(succeed, fail);
    } catch (error) {
      fail(error);
    }
  });
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
