/**
 * Module resolve hooks (registered by the bootstrap with `module.register`) that give ES module handlers
 * what `NODE_PATH` gives CommonJS ones: a bare specifier that the handler's own directories do not resolve
 * is resolved again from the function's layers (`opt/nodejs/node{N}/node_modules`, then
 * `opt/nodejs/node_modules`, where the gateway's `APIGW_LOCAL_OPT` stands for `/opt`), and an `@aws-sdk/*` or
 * `@smithy/*` one from the runtime SDK directory, in Lambda's `NODE_PATH` order.
 * https://nodejs.org/api/module.html#customization-hooks
 * https://docs.aws.amazon.com/lambda/latest/dg/packaging-layers.html#packaging-layers-paths
 */
import type { InitializeHook, ResolveHook } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isRuntimeSdkSpecifier } from './runtime-sdk-specifier.js';

/** What the bootstrap passes: a file URL inside the runtime SDK directory, to resolve from. */
export interface RuntimeSdkHookData {
  readonly parentUrl: string;
}

let sdkParentUrl: string | undefined;

/**
 * A file URL inside the layers' `nodejs/node{N}` directory: resolving a package from there looks in its
 * `node_modules`, then in `nodejs/node_modules` (Node.js walks up the parent directories).
 */
function layerParentUrl(env: NodeJS.ProcessEnv): string | undefined {
  const opt = env.APIGW_LOCAL_OPT;
  if (opt === undefined || opt === '') return undefined;
  const version = /^AWS_Lambda_nodejs(\d+)/.exec(env.AWS_EXECUTION_ENV ?? '')?.[1] ?? process.versions.node.split('.')[0];
  return pathToFileURL(path.join(opt, 'nodejs', `node${version}`, 'index.js')).href;
}

// Hooks run on their own thread, which gets a copy of the environment the function started with.
const layersParentUrl = layerParentUrl(process.env);

export const initialize: InitializeHook<RuntimeSdkHookData> = (data) => {
  sdkParentUrl = data.parentUrl;
};

/** A package name rather than a path or URL. */
function isBareSpecifier(specifier: string): boolean {
  return !/^(?:\.{0,2}\/|[a-zA-Z][a-zA-Z0-9+.-]*:|#)/.test(specifier);
}

export const resolve: ResolveHook = async (specifier, context, nextResolve) => {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code !== 'ERR_MODULE_NOT_FOUND' || !isBareSpecifier(specifier)) throw error;
    const parents = [layersParentUrl, isRuntimeSdkSpecifier(specifier) ? sdkParentUrl : undefined];
    for (const parentURL of parents) {
      if (parentURL === undefined) continue;
      try {
        return await nextResolve(specifier, { ...context, parentURL });
      } catch {
        // Not there: the next directory, else the handler's own error.
      }
    }
    // Not in the layers or the runtime SDK either: the handler's own error names the module and the importing file.
    throw error;
  }
};
