import type { GatewayModel } from '../model/index.js';
import type { ModelSource } from '../source/model-source.js';
import type { Settings } from './gateway-settings.js';
import { applyEnvironmentOverrides } from './environment-overrides.js';
import type { FunctionDebuggers } from './function-debuggers.js';
import { checkInvokePermissions } from './invoke-permissions.js';

type PrepareSettings = Pick<Settings, 'ignorePermissions' | 'environmentOverrides'>;

/** What the options change in a model as read: environment overrides, the invoke-permission check (unless ignored). */
export function prepareModel(model: GatewayModel, settings: PrepareSettings): GatewayModel {
  const overridden = applyEnvironmentOverrides(model, settings.environmentOverrides);
  return settings.ignorePermissions ? overridden : checkInvokePermissions(overridden);
}

/**
 * `source`, each model it reads prepared (at start and on every watch-mode reload), and with debuggers on
 * its functions when `debuggers` is given.
 */
export function preparedSource(source: ModelSource, settings: PrepareSettings, debuggers?: FunctionDebuggers): ModelSource {
  return {
    ...source,
    read: async () => {
      const prepared = prepareModel(await source.read(), settings);
      return debuggers === undefined ? prepared : debuggers.attach(prepared);
    },
  };
}
