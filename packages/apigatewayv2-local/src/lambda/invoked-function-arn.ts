import type { FunctionModel } from '../model/index.js';
import type { RuntimeHost } from './runtime-adapter.js';

/**
 * The ARN a handler sees as `context.invokedFunctionArn`: the model's, or, when the template gave none
 * that resolves to an ARN, the one Lambda would assign in the gateway's region and account.
 */
export function invokedFunctionArn(fn: FunctionModel, host: Pick<RuntimeHost, 'region' | 'accountId'>): string {
  if (fn.arn.startsWith('arn:')) return fn.arn;
  return `arn:aws:lambda:${host.region}:${host.accountId}:function:${fn.functionName}`;
}
