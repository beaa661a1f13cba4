import type { ApiMappingModel, DomainModel } from '../model/index.js';

/** Where a request to a custom domain goes, or why it goes nowhere. */
export type CustomDomainTarget =
  | {
      readonly kind: 'mapped';
      readonly domain: DomainModel;
      readonly mapping: ApiMappingModel;
      /** The path after the mapping key, from `/` (query not included), as the client encoded it. */
      readonly remainder: string;
    }
  /** No `AWS::ApiGatewayV2::DomainName` of the model serves this host. */
  | { readonly kind: 'unknown-host'; readonly host: string }
  /** The domain has no mapping whose key prefixes the path, and no empty mapping. */
  | { readonly kind: 'no-mapping'; readonly domain: DomainModel };

/** The host name of a `Host` header: lower case, without the port. */
export function hostNameOf(host: string): string {
  return host.replace(/:\d+$/, '').replace(/\.$/, '').toLowerCase();
}

function servesHost(domainName: string, host: string): boolean {
  const name = domainName.toLowerCase();
  // A wildcard domain serves every subdomain of its parent (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-custom-domain-names.html).
  return name.startsWith('*.') ? host.endsWith(name.slice(1)) && host.length > name.length - 1 : name === host;
}

/**
 * Resolves a request to a custom domain as API Gateway resolves base paths: the domain by the `Host`
 * header (an exact name before a wildcard), then the mapping with the longest key that prefixes the path
 * segment by segment, else the empty (`$default`) mapping; the key is stripped from the path.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-mappings.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-mappings.html
 */
export function resolveCustomDomain(domains: readonly DomainModel[], host: string, path: string): CustomDomainTarget {
  const name = hostNameOf(host);
  const domain = domains.find((d) => d.domainName.toLowerCase() === name) ?? domains.find((d) => servesHost(d.domainName, name));
  if (!domain) return { kind: 'unknown-host', host: name };
  let best: ApiMappingModel | undefined;
  for (const mapping of domain.mappings) {
    const key = mapping.apiMappingKey;
    const matches = key === '' || path === `/${key}` || path.startsWith(`/${key}/`);
    if (matches && (best === undefined || key.length > best.apiMappingKey.length)) best = mapping;
  }
  if (!best) return { kind: 'no-mapping', domain };
  const remainder = best.apiMappingKey === '' ? path : path.slice(best.apiMappingKey.length + 1);
  return { kind: 'mapped', domain, mapping: best, remainder: remainder === '' ? '/' : remainder };
}

/**
 * The path the mapped API's own listener serves a custom-domain request under: the remainder for the
 * `$default` stage, `/{stage}{remainder}` for a named stage (the mapping picks the stage).
 */
export function stagePath(mapping: Pick<ApiMappingModel, 'stage'>, remainder: string): string {
  return mapping.stage === '$default' ? remainder : `/${encodeURIComponent(mapping.stage)}${remainder}`;
}
