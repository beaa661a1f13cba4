import type { ApiMappingModel, DomainModel } from '../model/index.js';
import { PropertyReader } from './property-reader.js';
import { reportUnknownProperties, type PropertyRules } from './property-rules.js';
import type { StackScope } from './stack-scope.js';

const DOMAIN_PROPERTIES: PropertyRules = {
  read: ['DomainName'],
  // Certificates, endpoint types and tags: the custom domain port presents the local certificate instead.
  ignored: ['DomainNameConfigurations', 'Tags'],
  unsupported: {
    MutualTlsAuthentication: 'mutual TLS is not emulated; clients are not asked for certificates',
    RoutingMode: 'routing rules are not applied; API mappings decide',
  },
};

const MAPPING_PROPERTIES: PropertyRules = { read: ['ApiId', 'DomainName', 'Stage', 'ApiMappingKey'], ignored: [] };

/**
 * Reads `AWS::ApiGatewayV2::DomainName` and `ApiMapping` resources (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-mappings.html). Mappings to APIs
 * outside the model, or to domains the template does not define, are reported and dropped.
 */
export function readDomains(scopes: readonly StackScope[], apiIds: ReadonlySet<string>): DomainModel[] {
  const domains = new Map<string, { ref: DomainModel['ref']; domainName: string; mappings: ApiMappingModel[] }>();
  for (const scope of scopes) {
    for (const [logicalId, resource] of scope.resources()) {
      if (resource.Type !== 'AWS::ApiGatewayV2::DomainName') continue;
      const reader = new PropertyReader(scope, logicalId, resource);
      reportUnknownProperties(scope, logicalId, resource.Properties ?? {}, DOMAIN_PROPERTIES);
      const domainName = reader.string('DomainName');
      if (domainName === undefined) continue;
      domains.set(domainName, { ref: { stackName: scope.stackName, logicalId }, domainName, mappings: [] });
    }
  }
  for (const scope of scopes) {
    for (const [logicalId, resource] of scope.resources()) {
      if (resource.Type !== 'AWS::ApiGatewayV2::ApiMapping') continue;
      const reader = new PropertyReader(scope, logicalId, resource);
      reportUnknownProperties(scope, logicalId, resource.Properties ?? {}, MAPPING_PROPERTIES);
      const domainName = reader.string('DomainName');
      const apiId = reader.string('ApiId');
      const stage = reader.string('Stage');
      if (domainName === undefined || apiId === undefined || stage === undefined) continue;
      const domain = domains.get(domainName);
      if (!domain) {
        scope.diagnostics.warning('INVALID_PROPERTY', reader.at('DomainName'), `domain ${domainName} is not defined in the template; the mapping is ignored`);
        continue;
      }
      if (!apiIds.has(apiId)) {
        scope.diagnostics.warning('UNKNOWN_API', reader.at('ApiId'), `API ${apiId} is not defined in the template or assembly; the mapping is ignored`);
        continue;
      }
      const key = (reader.string('ApiMappingKey') ?? '').replace(/^\/+|\/+$/g, '');
      domain.mappings.push({ ref: { stackName: scope.stackName, logicalId }, apiId, stage, apiMappingKey: key });
    }
  }
  return [...domains.values()];
}
