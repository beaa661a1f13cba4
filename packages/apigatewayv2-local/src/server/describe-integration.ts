import { findBackend } from '../http/upstream-target.js';
import type { ApiModel, FunctionModel, IntegrationModel } from '../model/index.js';
import { routeIntegration } from '../gateway/route-integration.js';

export interface DescribeIntegrationContext {
  readonly resolveFunction: (arn: string) => FunctionModel | undefined;
  /** `--backend` URLs, looked up as the HTTP core looks them up (`findBackend`). */
  readonly backends: ReadonlyMap<string, string>;
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
      if (integration.connectionType === 'VPC_LINK') {
        const backend = findBackend(integration, context.backends);
        return `private ${integration.method} ${backend ?? 'unreachable (no --backend)'}`;
      }
      return `HTTP ${integration.method} ${integration.uri}`;
    }
    case 'mock':
      return 'mock';
  }
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
