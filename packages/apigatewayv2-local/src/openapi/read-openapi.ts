import type {
  AuthorizerModel,
  CorsModel,
  IntegrationModel,
  ResourceRef,
  RouteModel,
} from '../model/index.js';
import { parseHttpRouteKey } from '../template/route-key.js';
import { DEFAULT_ROUTE_PATH } from './export-openapi.js';
import { isObject, pointerToken, type Report } from './openapi-json.js';
import { readOperationIntegration } from './read-openapi-integration.js';
import { readSecurity, readSecuritySchemes } from './read-openapi-security.js';

export { pointerToken } from './openapi-json.js';

/**
 * Reading an OpenAPI 3 document (an HTTP API's `Body`) into the model's routes, integrations, authorizers and
 * CORS, as API Gateway's import does (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-open-api.html).
 * Pure: findings are returned, each with the JSON pointer of the value it is about and the rule it breaks.
 * A document with any error gives no parts at all: nothing is served half-parsed.
 */

/** A finding about the document: where (a JSON pointer into it) and what. */
export interface OpenApiFinding {
  readonly severity: 'error' | 'warning' | 'info';
  readonly pointer: string;
  readonly message: string;
}

/** What the document contributes to its API. */
export interface OpenApiParts {
  readonly title?: string;
  readonly description?: string;
  readonly routes: RouteModel[];
  readonly integrations: Map<string, IntegrationModel>;
  readonly authorizers: Map<string, AuthorizerModel>;
  readonly cors?: CorsModel;
}

export interface ReadOpenApiOptions {
  /** The API resource the document belongs to (what the routes', integrations' … `ref` name). */
  readonly ref: ResourceRef;
  /** A stable id for an element of the document, from its pointer (`#/paths/~1books/get` …). */
  readonly idFor: (pointer: string) => string;
}

export interface ReadOpenApiResult {
  /** Undefined when the document has an error. */
  readonly parts?: OpenApiParts;
  readonly findings: readonly OpenApiFinding[];
}


/** The operation keys of a path item that become routes; `trace` is not a method HTTP APIs route. */
const OPERATION_KEYS: Readonly<Record<string, string>> = {
  get: 'GET',
  put: 'PUT',
  post: 'POST',
  delete: 'DELETE',
  options: 'OPTIONS',
  head: 'HEAD',
  patch: 'PATCH',
  'x-amazon-apigateway-any-method': 'ANY',
};

/** Path item and operation keys that document the API and change nothing in how it answers. */
const DOCUMENTATION_KEYS = new Set(['summary', 'description', 'parameters', 'servers', 'operationId', 'tags', 'responses', 'requestBody', 'deprecated', 'externalDocs', 'callbacks', 'isDefaultRoute']);

/** Top-level keys with no effect on serving (documentation, or the import algorithm's version). */
const IGNORED_TOP_LEVEL = new Set(['openapi', 'info', 'servers', 'paths', 'components', 'security', 'tags', 'externalDocs', 'x-amazon-apigateway-cors', 'x-amazon-apigateway-importexport-version']);


export function readOpenApiDocument(document: unknown, options: ReadOpenApiOptions): ReadOpenApiResult {
  const findings: OpenApiFinding[] = [];
  const error = (pointer: string, message: string): void => void findings.push({ severity: 'error', pointer, message });
  const warning = (pointer: string, message: string): void => void findings.push({ severity: 'warning', pointer, message });
  const info = (pointer: string, message: string): void => void findings.push({ severity: 'info', pointer, message });

  if (!isObject(document)) {
    error('', 'the document must be an object (OpenAPI 3.0)');
    return { findings };
  }
  if (typeof document.openapi !== 'string' || !/^3\.0(\.\d+)?$/.test(document.openapi)) {
    const got = document.swagger !== undefined ? `swagger ${JSON.stringify(document.swagger)}` : JSON.stringify(document.openapi);
    error('/openapi', `must be an OpenAPI 3.0 version such as "3.0.1", got ${got}`);
    return { findings };
  }
  for (const key of Object.keys(document)) {
    if (!IGNORED_TOP_LEVEL.has(key) && key.startsWith('x-amazon-apigateway-')) warning(`/${pointerToken(key)}`, `${key} is not emulated by the local gateway`);
  }
  const components = isObject(document.components) ? document.components : {};
  const authorizers = new Map<string, AuthorizerModel>();
  const schemes = readSecuritySchemes(components, options, { error, warning }, authorizers);
  const integrations = new Map<string, IntegrationModel>();
  const routes: RouteModel[] = [];
  const defaultSecurity = document.security;

  if (!isObject(document.paths)) {
    error('/paths', 'must be an object of path items');
    return { findings };
  }
  const sharedIntegrations = isObject(components['x-amazon-apigateway-integrations']) ? components['x-amazon-apigateway-integrations'] : {};
  for (const [path, item] of Object.entries(document.paths)) {
    const itemPointer = `/paths/${pointerToken(path)}`;
    if (!isObject(item)) {
      error(itemPointer, 'a path item must be an object');
      continue;
    }
    for (const [key, operation] of Object.entries(item)) {
      const pointer = `${itemPointer}/${pointerToken(key)}`;
      const method = OPERATION_KEYS[key];
      if (method === undefined) {
        if (key === 'trace') error(pointer, 'HTTP API routes take GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS or ANY; API Gateway rejects TRACE');
        else if (key.startsWith('x-amazon-apigateway-')) warning(pointer, `${key} is not emulated by the local gateway`);
        else if (!DOCUMENTATION_KEYS.has(key) && !key.startsWith('x-') && key !== '$ref') warning(pointer, `${key} is not a path item field OpenAPI 3.0 knows`);
        continue;
      }
      if (!isObject(operation)) {
        error(pointer, 'an operation must be an object');
        continue;
      }
      const isDefault = path === DEFAULT_ROUTE_PATH;
      if (isDefault && method !== 'ANY') {
        error(pointer, `the $default route is declared as x-amazon-apigateway-any-method under ${DEFAULT_ROUTE_PATH}`);
        continue;
      }
      const routeKey = isDefault ? '$default' : `${method} ${path}`;
      const parsed = parseHttpRouteKey(routeKey);
      if (!parsed.ok) {
        error(itemPointer, `route key '${routeKey}' ${parsed.problem}; API Gateway rejects it`);
        continue;
      }
      const integrationId = readOperationIntegration(operation, pointer, sharedIntegrations, options, { error, warning, info }, integrations);
      if (integrationId === undefined) warning(pointer, `${routeKey} has no x-amazon-apigateway-integration; requests to it answer 500`);
      const security = operation.security ?? defaultSecurity;
      const access = readSecurity(security, operation.security !== undefined ? `${pointer}/security` : '/security', schemes, { error, warning });
      routes.push({
        ref: options.ref,
        routeId: options.idFor(pointer),
        routeKey,
        httpKey: parsed.key,
        ...(integrationId !== undefined && { integrationId }),
        authorizationType: access.type,
        ...(access.authorizerId !== undefined && { authorizerId: access.authorizerId }),
        authorizationScopes: access.scopes,
        apiKeyRequired: false,
        requestModels: {},
        routeResponseKeys: [],
      });
    }
  }
  if (findings.some((finding) => finding.severity === 'error')) return { findings };
  const about = isObject(document.info) ? document.info : {};
  const cors = document['x-amazon-apigateway-cors'] === undefined ? undefined : readCors(document['x-amazon-apigateway-cors'], { error, warning });
  if (findings.some((finding) => finding.severity === 'error')) return { findings };
  return {
    parts: {
      ...(typeof about.title === 'string' && { title: about.title }),
      ...(typeof about.description === 'string' && { description: about.description }),
      routes,
      integrations,
      authorizers,
      ...(cors !== undefined && { cors }),
    },
    findings,
  };
}


/** `x-amazon-apigateway-cors` (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-cors-configuration.html). */
function readCors(value: unknown, report: Report): CorsModel | undefined {
  const at = '/x-amazon-apigateway-cors';
  if (!isObject(value)) {
    report.error(at, 'must be an object');
    return undefined;
  }
  const list = (key: string): string[] => {
    const item = value[key];
    if (item === undefined) return [];
    if (Array.isArray(item) && item.every((entry) => typeof entry === 'string')) return item;
    report.error(`${at}/${key}`, 'must be a list of strings');
    return [];
  };
  const maxAge = value.maxAge;
  if (maxAge !== undefined && typeof maxAge !== 'number') report.error(`${at}/maxAge`, `must be a number of seconds, got ${JSON.stringify(maxAge)}`);
  return {
    allowOrigins: list('allowOrigins'),
    allowMethods: list('allowMethods'),
    allowHeaders: list('allowHeaders'),
    exposeHeaders: list('exposeHeaders'),
    allowCredentials: value.allowCredentials === true,
    ...(typeof maxAge === 'number' && { maxAgeSeconds: maxAge }),
  };
}
