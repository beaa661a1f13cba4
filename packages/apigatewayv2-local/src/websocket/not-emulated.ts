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
  for (const route of api.routes) {
    const integration = route.integrationId === undefined ? undefined : api.integrations.get(route.integrationId);
    if (integration?.kind === 'http-proxy') {
      warnings.push({ ...route.ref, message: `${route.routeKey}: HTTP integrations are not served on WebSocket routes locally; the client gets an error` });
    } else if (integration?.kind === 'mock') {
      warnings.push({ ...route.ref, message: `${route.routeKey}: MOCK integration: accepted without a reply (integration response templates are not applied)` });
    }
  }
  return warnings;
}
