import { serviceOfSubtype } from '../http/aws-service-actions.js';
import { findBackend } from '../http/upstream-target.js';
import type { ApiModel, FunctionModel, IntegrationModel } from '../model/index.js';
import { routeIntegration } from '../gateway/route-integration.js';

export interface DescribeIntegrationContext {
  readonly resolveFunction: (arn: string) => FunctionModel | undefined;
  /** `--backend` URLs, looked up as the HTTP core looks them up (`findBackend`). */
  readonly backends: ReadonlyMap<string, string>;
  /** `--service-endpoint` URLs by service (`sqs`, `eventbridge`, `stepfunctions`). */
  readonly serviceEndpoints?: ReadonlyMap<string, string>;
}

/** A short human description of where a route goes, for the start-up table. */
export function describeIntegration(
  integration: IntegrationModel | undefined,
  context: DescribeIntegrationContext,
): string {
  if (!integration) return '(no integration)';
  switch (integration.kind) {
    case 'lambda': {
      const fn = integration.functionArn.includes('${') ? undefined : context.resolveFunction(integration.functionArn);
      const target = fn ? fn.ref.logicalId : integration.functionArn;
      return `Lambda ${target} (payload ${integration.payloadFormatVersion})`;
    }
    case 'http-proxy': {
      // The URL requests really go to (a --backend wins over the template's), and the logical id --backend takes.
      const backend = findBackend(integration, context.backends);
      const id = `integration ${integration.ref.logicalId}`;
      if (integration.connectionType === 'VPC_LINK') {
        return backend === undefined
          ? `private ${integration.method} unreachable (${id}: no --backend)`
          : `private ${integration.method} ${backend} (${id}, --backend)`;
      }
      const kind = integration.awsService === undefined ? 'HTTP' : `AWS ${integration.awsService}`;
      if (backend === undefined) return `${kind} ${integration.method} ${integration.uri} (${id}${integration.awsService === undefined ? '' : ': not emulated without --backend'})`;
      return `${kind} ${integration.method} ${withBackend(integration.uri, backend)} (${id}, --backend)`;
    }
    case 'mock':
      return 'mock';
    case 'aws-service': {
      const endpoint = context.serviceEndpoints?.get(serviceOfSubtype(integration.subtype));
      return `${integration.subtype} ${endpoint ?? 'unreachable (no --service-endpoint)'} (integration ${integration.ref.logicalId})`;
    }
  }
}

/**
 * The template URI as `--backend` rewrites it (see `buildUpstreamUrl`): the backend's scheme, host, port and
 * base path, then the URI's own path and query, placeholders kept.
 */
function withBackend(uri: string, backend: string): string {
  const base = backend.replace(/[?#].*$/, '').replace(/\/$/, '');
  return base + uri.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
}

/** Each route key of an API with its integration's description, for the table and the request log. */
export function describeRoutes(api: ApiModel, context: DescribeIntegrationContext): Map<string, string> {
  return new Map(
    api.routes.map((route) => [
      route.routeKey,
      describeIntegration(routeIntegration(api, route), context),
    ]),
  );
}
