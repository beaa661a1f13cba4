import { resourceKey, type ApiModel, type GatewayModel } from '../model/index.js';
import { resolveCustomDomain, stagePath } from '../http/resolve-custom-domain.js';
import type { DomainRoute } from '../server/listen-custom-domains.js';
import type { ServedListener } from './listen-api.js';

/**
 * What the custom domain port answers for a `Host` no `AWS::ApiGatewayV2::DomainName` of the model names:
 * API Gateway's answer for a host it has no domain for is 403 `{"message":"Forbidden"}` (unconfirmed for
 * HTTP APIs; it is what CloudFront-fronted API Gateway answers for an unknown host).
 */
export const UNKNOWN_HOST_STATUS = 403;
/** What it answers when the domain has no mapping for the path and no empty mapping (unconfirmed). */
export const NO_MAPPING_STATUS = 404;

const FORBIDDEN = '{"message":"Forbidden"}';
const NOT_FOUND = '{"message":"Not Found"}';

/**
 * Routes requests on the custom domain port: `Host` and mapping key pick the API and stage (the model's
 * current domains, so a reload changes them), then that API's own listener answers under the stage's path.
 */
export function customDomainRoutes(
  current: () => GatewayModel,
  listenerOf: (api: ApiModel) => ServedListener | undefined,
): (host: string, path: string) => DomainRoute {
  return (host, path) => {
    const model = current();
    const target = resolveCustomDomain(model.domains ?? [], host, path);
    if (target.kind === 'unknown-host') {
      return { kind: 'refused', status: UNKNOWN_HOST_STATUS, body: FORBIDDEN, error: `no custom domain ${target.host} in the template` };
    }
    if (target.kind === 'no-mapping') {
      return { kind: 'refused', status: NO_MAPPING_STATUS, body: NOT_FOUND, error: `no API mapping of ${target.domain.domainName} matches ${path}` };
    }
    const api = model.apis.find((candidate) => candidate.apiId === target.mapping.apiId);
    const listener = api && listenerOf(api);
    if (!api || !listener) return { kind: 'refused', status: NO_MAPPING_STATUS, body: NOT_FOUND, error: `API ${target.mapping.apiId} is not served` };
    const routed = stagePath(target.mapping, target.remainder);
    return listener.protocol === 'HTTP'
      ? { kind: 'http', path: routed, exchange: listener.exchange }
      : { kind: 'websocket', path: routed, upgrade: listener.upgrade, manage: listener.manage };
  };
}

/**
 * The start-up lines for the custom domain port: each domain's URL and what each mapping key reaches.
 */
export function describeCustomDomains(model: GatewayModel, port: number): string[] {
  const domains = model.domains ?? [];
  if (domains.length === 0) return [];
  const lines = ['', `custom domains on port ${port} (https and http, by Host header):`];
  for (const domain of domains) {
    // A domain of WebSocket APIs (AWS does not mix the two on one domain) is shown as its clients connect.
    const webSocket = domain.mappings.length > 0 && domain.mappings.every((m) => model.apis.find((a) => a.apiId === m.apiId)?.protocol === 'WEBSOCKET');
    lines.push(`  ${domain.domainName}  ${webSocket ? 'wss' : 'https'}://${domain.domainName}:${port}`);
    for (const mapping of [...domain.mappings].sort((a, b) => b.apiMappingKey.length - a.apiMappingKey.length)) {
      const api = model.apis.find((candidate) => candidate.apiId === mapping.apiId);
      const what = api ? `${api.protocol} API ${resourceKey(api.ref)} (${api.name})` : `API ${mapping.apiId}`;
      lines.push(`    /${mapping.apiMappingKey.padEnd(12)} → ${what} stage ${mapping.stage}`);
    }
  }
  return lines;
}
