import type { FunctionModel, GatewayModel } from '../model/index.js';

/**
 * The function an ARN or name refers to, as Lambda's Invoke API resolves `FunctionName`: a full ARN, a
 * qualified ARN (`…:function:name:alias` or `:version`, which run the same code locally), a partial ARN
 * (`123456789012:function:name`) or a plain name. Undefined when the model has no such function.
 * https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html#API_Invoke_RequestSyntax
 */
export function findFunction(model: Pick<GatewayModel, 'functions'>, arnOrName: string): FunctionModel | undefined {
  const name = functionNameOf(arnOrName);
  if (name === undefined) return undefined;
  return model.functions.find((fn) => fn.functionName === name);
}

/** The unqualified function name inside an ARN, partial ARN or `name[:qualifier]`. */
function functionNameOf(arnOrName: string): string | undefined {
  const full = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)(?::[^:]+)?$/.exec(arnOrName);
  if (full) return full[1];
  const partial = /^(?:\d{12}:)?function:([^:]+)(?::[^:]+)?$/.exec(arnOrName);
  if (partial) return partial[1];
  const plain = /^([A-Za-z0-9_-]+)(?::[^:]+)?$/.exec(arnOrName);
  return plain?.[1];
}
