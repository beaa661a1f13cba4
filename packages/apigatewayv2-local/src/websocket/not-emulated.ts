import type { StartUpWarning } from '../gateway/not-emulated.js';
import type { ApiModel } from '../model/index.js';
import { CONNECT_ROUTE_KEY, compileWebSocketApi } from './websocket-api.js';

/** What a WebSocket API's template asks for that is not served as AWS would, said at start-up. */
export function notEmulatedOnWebSocket(api: ApiModel): StartUpWarning[] {
  const warnings: StartUpWarning[] = [];
  const selection = compileWebSocketApi(api).selection;
  if (!selection.ok) {
    warnings.push({ ...api.ref, message: `route selection expression ${selection.source}: ${selection.problem}; every message goes to $default` });
  }
  const keySource = api.apiKeySelectionExpression;
  if (keySource !== undefined && !/^\$request\.header\./.test(keySource)) {
    warnings.push({ ...api.ref, message: `API key selection expression ${keySource} is not emulated; keys are read from the x-api-key header` });
  }
  for (const route of api.routes) {
    if (route.apiKeyRequired && route.routeKey !== CONNECT_ROUTE_KEY) {
      warnings.push({ ...route.ref, message: `${route.routeKey}: ApiKeyRequired is checked on $connect only (a connection's key is checked once)` });
    }
  }
  return warnings;
}
