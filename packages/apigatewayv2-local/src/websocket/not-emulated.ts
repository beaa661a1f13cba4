import type { StartUpWarning } from '../gateway/not-emulated.js';
import type { ApiModel } from '../model/index.js';
import { compileWebSocketApi } from './websocket-api.js';

/** What a WebSocket API's template asks for that is not served as AWS would, said at start-up. */
export function notEmulatedOnWebSocket(api: ApiModel): StartUpWarning[] {
  const warnings: StartUpWarning[] = [];
  const selection = compileWebSocketApi(api).selection;
  if (!selection.ok) {
    warnings.push({ ...api.ref, message: `route selection expression ${selection.source}: ${selection.problem}; every message goes to $default` });
  }
  return warnings;
}
