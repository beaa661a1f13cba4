import type { ApiModel, IntegrationModel, RouteModel } from '../model/index.js';

/**
 * The integration a route's `Target` names, or undefined when it names none (or one the template reader
 * could not read): the one route → integration lookup of every protocol, the start-up report included.
 */
export function routeIntegration(api: Pick<ApiModel, 'integrations'>, route: Pick<RouteModel, 'integrationId' | 'invokeDenied'>): IntegrationModel | undefined {
  const integration = route.integrationId === undefined ? undefined : api.integrations.get(route.integrationId);
  // A route whose function API Gateway may not invoke carries that to invokeFunction (app/invoke-permissions.ts).
  return route.invokeDenied !== undefined && integration?.kind === 'lambda' ? { ...integration, invokeDenied: route.invokeDenied } : integration;
}
