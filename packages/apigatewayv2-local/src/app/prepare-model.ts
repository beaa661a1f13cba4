import type { GatewayModel } from '../model/index.js';
import type { ModelSource } from '../source/model-source.js';
import type { Settings } from './gateway-settings.js';
import { checkInvokePermissions } from './invoke-permissions.js';

/** What the options change in a model as read: the invoke-permission check (unless ignored). */
export function prepareModel(model: GatewayModel, settings: Pick<Settings, 'ignorePermissions'>): GatewayModel {
  return settings.ignorePermissions ? model : checkInvokePermissions(model);
}

/** `source`, each model it reads prepared (at start and on every watch-mode reload). */
export function preparedSource(source: ModelSource, settings: Pick<Settings, 'ignorePermissions'>): ModelSource {
  return { ...source, read: async () => prepareModel(await source.read(), settings) };
}
