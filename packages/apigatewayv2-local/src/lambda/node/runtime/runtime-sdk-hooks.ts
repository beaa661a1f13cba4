/**
 * Module resolve hooks (registered by the bootstrap with `module.register`) that give ES module handlers
 * the runtime's AWS SDK, as `NODE_PATH` gives it to CommonJS: a bare `@aws-sdk/*` or `@smithy/*` specifier
 * that the handler's own directories do not resolve is resolved again from the runtime SDK directory.
 * https://nodejs.org/api/module.html#customization-hooks
 */
import type { InitializeHook, ResolveHook } from 'node:module';
import { isRuntimeSdkSpecifier } from './runtime-sdk-specifier.js';

/** What the bootstrap passes: a file URL inside the runtime SDK directory, to resolve from. */
export interface RuntimeSdkHookData {
  readonly parentUrl: string;
}

let sdkParentUrl: string | undefined;

export const initialize: InitializeHook<RuntimeSdkHookData> = (data) => {
  sdkParentUrl = data.parentUrl;
};

export const resolve: ResolveHook = async (specifier, context, nextResolve) => {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    if (sdkParentUrl === undefined || !isRuntimeSdkSpecifier(specifier) || (error as { code?: unknown } | null)?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    try {
      return await nextResolve(specifier, { ...context, parentURL: sdkParentUrl });
    } catch {
      // Not in the runtime SDK either: the handler's own error names the module and the importing file.
      throw error;
    }
  }
};
