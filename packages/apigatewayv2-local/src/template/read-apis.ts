import type { ApiKeyModel, ApiModel, DomainModel } from '../model/index.js';
import { finishApi, type ApiDraft } from './api-draft.js';
import { PropertyReader } from './property-reader.js';
import { reportUnknownProperties, type PropertyRules } from './property-rules.js';
import { AUTHORIZER_PROPERTIES, readAuthorizer } from './read-authorizer.js';
import { readApiKeys } from './read-api-keys.js';
import { readDomains } from './read-domains.js';
import { readApi } from './read-api.js';
import { integrationProperties, readIntegration, readTemplates } from './read-integration.js';
import { readRoute, ROUTE_PROPERTIES } from './read-route.js';
import { readStage, STAGE_PROPERTIES } from './read-stage.js';
import type { StackScope } from './stack-scope.js';

const MODEL_PROPERTIES: PropertyRules = { read: ['ApiId', 'Name', 'ContentType', 'Schema'], ignored: ['Description'] };
const ROUTE_RESPONSE_PROPERTIES: PropertyRules = {
  read: ['ApiId', 'RouteId', 'RouteResponseKey'],
  // Response models only document the response; API Gateway does not validate responses against them.
  ignored: ['ModelSelectionExpression', 'ResponseModels', 'ResponseParameters'],
};

/** Resource types that are read for their effect on others, or that change nothing locally. */
const IGNORED_TYPES: Readonly<Record<string, string | undefined>> = {
  'AWS::ApiGatewayV2::Deployment': 'deployments are not needed locally: every stage serves the current template',
  'AWS::ApiGatewayV2::VpcLink': 'VPC links are not created locally; private integrations are forwarded to the backend given with --backend',
  'AWS::Lambda::Permission': undefined,
  'AWS::Lambda::Alias': undefined,
  'AWS::Lambda::Version': undefined,
};

/** Resource types a user might expect to be served that are not. */
const UNSUPPORTED_TYPES: Readonly<Record<string, string>> = {
  'AWS::ApiGatewayV2::ApiGatewayManagedOverrides': 'managed overrides of quick-create APIs are not applied',
  'AWS::ApiGatewayV2::RoutingRule': 'routing rules of custom domains are not applied',
  'AWS::Serverless::Api': 'SAM resources are not supported; synthesize with AWS::ApiGatewayV2::* resources',
  'AWS::Serverless::HttpApi': 'SAM resources are not supported; synthesize with AWS::ApiGatewayV2::* resources',
  'AWS::ApiGateway::RestApi': 'REST APIs (API Gateway v1) are not served; only AWS::ApiGatewayV2 HTTP and WebSocket APIs are',
};

export interface ReadApisResult {
  readonly apis: readonly ApiModel[];
  readonly domains: readonly DomainModel[];
  readonly apiKeys: readonly ApiKeyModel[];
}

/**
 * Reads every `AWS::ApiGatewayV2::*` resource of the given stacks. APIs come first so that children in
 * other stacks (via `Fn::ImportValue`) find them by `ApiId`.
 */
export function readApis(scopes: readonly StackScope[]): ReadApisResult {
  const drafts = new Map<string, ApiDraft>();
  for (const scope of scopes) {
    for (const [logicalId, resource] of scope.resources()) {
      if (resource.Type !== 'AWS::ApiGatewayV2::Api') continue;
      const draft = readApi(new PropertyReader(scope, logicalId, resource));
      if (draft) drafts.set(draft.apiId, draft);
    }
  }
  // Integrations, authorizers and models before the routes and stages that name them is not required (ids are
  // computed, not looked up), but route responses need their route.
  const order = ['Integration', 'Authorizer', 'Model', 'Route', 'Stage', 'RouteResponse', 'IntegrationResponse'];
  for (const kind of order) {
    for (const scope of scopes) {
      for (const [logicalId, resource] of scope.resources()) {
        if (resource.Type !== `AWS::ApiGatewayV2::${kind}`) continue;
        readChild(kind, new PropertyReader(scope, logicalId, resource), drafts);
      }
    }
  }
  for (const scope of scopes) reportOtherTypes(scope);
  for (const draft of drafts.values()) reportDanglingReferences(draft, scopes);
  const finished = [...drafts.values()]
    .sort((a, b) => compare(a.ref.stackName, b.ref.stackName) || compare(a.ref.logicalId, b.ref.logicalId))
    .map(finishApi);
  const { apis, apiKeys } = readApiKeys(scopes, finished);
  return { apis, domains: readDomains(scopes, new Set(drafts.keys())), apiKeys };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function apiOf(reader: PropertyReader, drafts: ReadonlyMap<string, ApiDraft>): ApiDraft | undefined {
  const apiId = reader.string('ApiId');
  if (apiId === undefined) {
    if (!reader.has('ApiId')) reader.scope.diagnostics.error('INVALID_PROPERTY', reader.at('ApiId'), 'ApiId is required');
    return undefined;
  }
  const draft = drafts.get(apiId);
  if (!draft) {
    reader.scope.diagnostics.warning('UNKNOWN_API', reader.at('ApiId'), `API ${apiId} is not defined in the template or assembly; this resource is ignored`);
  }
  return draft;
}

/** The local id a child resource gets (the same value `Ref` and `Fn::GetAtt …Id` give). */
function idOf(reader: PropertyReader): string {
  return String(reader.scope.ref(reader.logicalId));
}

function readChild(kind: string, reader: PropertyReader, drafts: ReadonlyMap<string, ApiDraft>): void {
  const { scope, logicalId } = reader;
  const props = reader.resource.Properties ?? {};
  const diagnostics = scope.diagnostics;
  switch (kind) {
    case 'Integration': {
      const api = apiOf(reader, drafts);
      reportUnknownProperties(scope, logicalId, props, integrationProperties(props.IntegrationType, api?.protocol));
      const id = idOf(reader);
      const integration = api && readIntegration(reader, api, id);
      if (api && integration) api.integrations.set(id, integration);
      return;
    }
    case 'Authorizer': {
      reportUnknownProperties(scope, logicalId, props, AUTHORIZER_PROPERTIES);
      const api = apiOf(reader, drafts);
      const id = idOf(reader);
      const authorizer = api && readAuthorizer(reader, api, id);
      if (api && authorizer) api.authorizers.set(id, authorizer);
      return;
    }
    case 'Model': {
      reportUnknownProperties(scope, logicalId, props, MODEL_PROPERTIES);
      const api = apiOf(reader, drafts);
      const name = reader.string('Name');
      if (!api || name === undefined) return;
      let schema = reader.value('Schema');
      if (typeof schema === 'string') {
        try {
          schema = JSON.parse(schema);
        } catch {
          reader.invalid('Schema', 'a JSON schema', schema);
          return;
        }
      }
      api.models.set(name, { name, contentType: reader.string('ContentType') ?? 'application/json', schema });
      return;
    }
    case 'Route': {
      reportUnknownProperties(scope, logicalId, props, ROUTE_PROPERTIES);
      const api = apiOf(reader, drafts);
      const route = api && readRoute(reader, idOf(reader), api.protocol);
      if (!api || !route) return;
      const clash = api.routes.find((other) => other.routeKey === route.routeKey);
      if (clash && clash.ref.logicalId === api.ref.logicalId && clash.ref.stackName === api.ref.stackName) {
        // A route of the API's OpenAPI Body (or quick create): the route resource replaces it, as API Gateway's
        // reimport overwrites routes with the ones defined afterwards (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-open-api.html).
        api.routes.splice(api.routes.indexOf(clash), 1, route);
        diagnostics.info('IGNORED_RESOURCE', reader.at('RouteKey'), `route ${route.routeKey} of API ${api.ref.logicalId}'s OpenAPI definition is replaced by this route resource`);
        return;
      }
      if (clash) {
        // API Gateway refuses a second route with the same key (ConflictException); serve the first one.
        diagnostics.error('INVALID_PROPERTY', reader.at('RouteKey'), `route key '${route.routeKey}' is already used by ${clash.ref.logicalId}; this route is not served`);
        return;
      }
      api.routes.push(route);
      return;
    }
    case 'Stage': {
      reportUnknownProperties(scope, logicalId, props, STAGE_PROPERTIES);
      const api = apiOf(reader, drafts);
      const stage = api && readStage(reader);
      if (api && stage) api.stages.push(stage);
      return;
    }
    case 'RouteResponse': {
      reportUnknownProperties(scope, logicalId, props, ROUTE_RESPONSE_PROPERTIES);
      const api = apiOf(reader, drafts);
      const routeId = reader.string('RouteId');
      const key = reader.string('RouteResponseKey');
      if (!api || routeId === undefined || key === undefined) return;
      const route = api.routes.find((r) => r.routeId === routeId);
      if (route) route.routeResponseKeys = [...(route.routeResponseKeys ?? []), key];
      else diagnostics.warning('INVALID_PROPERTY', reader.at('RouteId'), `route ${routeId} is not a route of API ${api.apiId}; the response is ignored`);
      return;
    }
    case 'IntegrationResponse':
      readIntegrationResponse(reader, drafts);
      return;
  }
}

const INTEGRATION_RESPONSE_PROPERTIES: PropertyRules = {
  read: ['ApiId', 'IntegrationId', 'IntegrationResponseKey', 'ResponseTemplates', 'TemplateSelectionExpression'],
  // Response parameters map headers, which a WebSocket client never receives.
  ignored: ['ResponseParameters'],
  unsupported: { ContentHandlingStrategy: 'content handling conversions (WebSocket) are not applied' },
};

/**
 * `AWS::ApiGatewayV2::IntegrationResponse`: attached to a WebSocket MOCK or HTTP integration, whose answers
 * it shapes. Proxy integrations answer with their own result, so there it changes nothing.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-integration-responses.html
 */
function readIntegrationResponse(reader: PropertyReader, drafts: ReadonlyMap<string, ApiDraft>): void {
  const props = reader.resource.Properties ?? {};
  const diagnostics = reader.scope.diagnostics;
  const api = apiOf(reader, drafts);
  const integrationId = reader.string('IntegrationId');
  const integration = integrationId === undefined ? undefined : api?.integrations.get(integrationId);
  const templated = integration !== undefined && (integration.kind === 'mock' || (integration.kind === 'http-proxy' && integration.templated === true));
  if (!api || !integration || !templated || integrationId === undefined) {
    // Lambda proxy integrations answer with the function's result; only mapping templates would change it.
    if (props.ResponseTemplates !== undefined || props.TemplateSelectionExpression !== undefined) {
      diagnostics.warning('UNSUPPORTED_PROPERTY', reader.at(props.ResponseTemplates !== undefined ? 'ResponseTemplates' : 'TemplateSelectionExpression'), 'integration response mapping templates are applied to WebSocket MOCK and HTTP integrations only; this one is not');
    } else {
      diagnostics.info('IGNORED_RESOURCE', reader.at(), 'integration responses without templates change nothing locally');
    }
    return;
  }
  reportUnknownProperties(reader.scope, reader.logicalId, props, INTEGRATION_RESPONSE_PROPERTIES);
  const key = reader.string('IntegrationResponseKey');
  if (key === undefined) {
    diagnostics.error('INVALID_PROPERTY', reader.at('IntegrationResponseKey'), 'IntegrationResponseKey is required');
    return;
  }
  const templateSelectionExpression = reader.string('TemplateSelectionExpression');
  const response = {
    ref: { stackName: reader.scope.stackName, logicalId: reader.logicalId },
    key,
    responseTemplates: readTemplates(reader, 'ResponseTemplates') ?? {},
    ...(templateSelectionExpression !== undefined && { templateSelectionExpression }),
  };
  api.integrations.set(integrationId, { ...integration, integrationResponses: [...(integration.integrationResponses ?? []), response] });
}

/**
 * Routes whose `Target` or `AuthorizerId` names nothing in the template, and APIs without a stage (which
 * serve nothing: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-stages.html). Integrations and authorizers that exist but are unsupported were
 * reported where they are defined.
 */
function reportDanglingReferences(draft: ApiDraft, scopes: readonly StackScope[]): void {
  const definedIds = new Set<string>();
  for (const scope of scopes) {
    for (const [logicalId, resource] of scope.resources()) {
      if (resource.Type === 'AWS::ApiGatewayV2::Integration' || resource.Type === 'AWS::ApiGatewayV2::Authorizer') {
        definedIds.add(String(scope.ref(logicalId)));
      }
    }
  }
  const diagnostics = scopes[0]?.diagnostics;
  if (!diagnostics) return;
  for (const route of draft.routes) {
    if (route.integrationId !== undefined && !draft.integrations.has(route.integrationId) && !definedIds.has(route.integrationId)) {
      diagnostics.warning('INVALID_PROPERTY', { ...route.ref, property: 'Target' }, `integration ${route.integrationId} is not defined; requests to ${route.routeKey} answer 500`);
    }
    if (route.authorizerId !== undefined && !draft.authorizers.has(route.authorizerId) && !definedIds.has(route.authorizerId)) {
      diagnostics.warning('INVALID_PROPERTY', { ...route.ref, property: 'AuthorizerId' }, `authorizer ${route.authorizerId} is not defined; requests to ${route.routeKey} are refused`);
    }
  }
  if (draft.stages.length === 0) {
    diagnostics.warning('INVALID_PROPERTY', draft.ref, `API ${draft.name} has no stage; it answers every request with 404 until a stage is added`);
  }
}

/** Reports API-related resource types that are not served, and the ones deliberately ignored. */
function reportOtherTypes(scope: StackScope): void {
  for (const [logicalId, resource] of scope.resources()) {
    const at = { stackName: scope.stackName, logicalId };
    const unsupported = UNSUPPORTED_TYPES[resource.Type];
    if (unsupported !== undefined) {
      scope.diagnostics.warning('UNSUPPORTED_RESOURCE', at, unsupported);
      continue;
    }
    if (Object.hasOwn(IGNORED_TYPES, resource.Type)) {
      const reason = IGNORED_TYPES[resource.Type];
      if (reason) scope.diagnostics.info('IGNORED_RESOURCE', at, reason);
      continue;
    }
    const known = ['Api', 'Integration', 'Authorizer', 'Model', 'Route', 'Stage', 'RouteResponse', 'IntegrationResponse', 'DomainName', 'ApiMapping'];
    if (resource.Type.startsWith('AWS::ApiGatewayV2::') && !known.includes(resource.Type.slice('AWS::ApiGatewayV2::'.length))) {
      scope.diagnostics.warning('UNSUPPORTED_RESOURCE', at, `${resource.Type} is not supported by the local gateway`);
    }
  }
}
