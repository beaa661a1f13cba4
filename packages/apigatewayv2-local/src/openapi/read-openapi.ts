import type {
  AuthorizationType,
  AuthorizerModel,
  CorsModel,
  IntegrationModel,
  ResourceRef,
  RouteModel,
} from '../model/index.js';
import { isAwsServiceSubtype, lambdaArnFromUri } from '../template/read-integration.js';
import { DEFAULT_HTTP_AUTHORIZER_TTL_SECONDS } from '../template/read-authorizer.js';
import { parseHttpRouteKey } from '../template/route-key.js';
import { DEFAULT_ROUTE_PATH } from './export-openapi.js';

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

type Json = Readonly<Record<string, unknown>>;

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

/** JSON pointer escaping of one reference token (RFC 6901). */
export function pointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

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

interface Report {
  readonly error: (pointer: string, message: string) => void;
  readonly warning: (pointer: string, message: string) => void;
  readonly info?: (pointer: string, message: string) => void;
}

/** How a security scheme authorizes: its authorizer, or IAM. */
type Scheme = { readonly type: 'JWT' | 'CUSTOM'; readonly authorizerId: string } | { readonly type: 'AWS_IAM' } | { readonly type: 'unusable'; readonly why: string };

/** `components.securitySchemes` with `x-amazon-apigateway-authorizer` (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authorizer.html). */
function readSecuritySchemes(components: Json, options: ReadOpenApiOptions, report: Report, authorizers: Map<string, AuthorizerModel>): Map<string, Scheme> {
  const schemes = new Map<string, Scheme>();
  const declared = components.securitySchemes;
  if (declared === undefined) return schemes;
  if (!isObject(declared)) {
    report.error('/components/securitySchemes', 'must be an object of security schemes');
    return schemes;
  }
  for (const [name, scheme] of Object.entries(declared)) {
    const pointer = `/components/securitySchemes/${pointerToken(name)}`;
    if (!isObject(scheme)) {
      report.error(pointer, 'a security scheme must be an object');
      continue;
    }
    if (scheme['x-amazon-apigateway-authtype'] === 'awsSigv4') {
      schemes.set(name, { type: 'AWS_IAM' });
      continue;
    }
    const extension = scheme['x-amazon-apigateway-authorizer'];
    if (!isObject(extension)) {
      schemes.set(name, { type: 'unusable', why: `security scheme ${name} has no x-amazon-apigateway-authorizer` });
      continue;
    }
    const at = `${pointer}/x-amazon-apigateway-authorizer`;
    const authorizerId = options.idFor(pointer);
    const ref = options.ref;
    const identitySource = identitySources(extension.identitySource, `${at}/identitySource`, report);
    const type = typeof extension.type === 'string' ? extension.type.toLowerCase() : extension.type;
    if (type === 'jwt') {
      const jwt = isObject(extension.jwtConfiguration) ? extension.jwtConfiguration : {};
      if (typeof jwt.issuer !== 'string') {
        report.error(`${at}/jwtConfiguration/issuer`, 'a JWT authorizer needs an issuer (a URL)');
        continue;
      }
      const audience = Array.isArray(jwt.audience) ? jwt.audience.filter((a): a is string => typeof a === 'string') : [];
      authorizers.set(authorizerId, { kind: 'jwt', ref, authorizerId, name, identitySource, issuer: jwt.issuer, audience });
      schemes.set(name, { type: 'JWT', authorizerId });
    } else if (type === 'request') {
      const uri = extension.authorizerUri;
      const functionArn = typeof uri === 'string' ? lambdaArnFromUri(uri) : undefined;
      if (functionArn === undefined) {
        report.error(`${at}/authorizerUri`, `a Lambda (request) authorizer needs a Lambda function URI, got ${JSON.stringify(uri)}`);
        continue;
      }
      const version = extension.authorizerPayloadFormatVersion;
      if (version !== undefined && version !== '1.0' && version !== '2.0') {
        report.error(`${at}/authorizerPayloadFormatVersion`, `must be "1.0" or "2.0", got ${JSON.stringify(version)}`);
        continue;
      }
      const ttl = extension.authorizerResultTtlInSeconds;
      authorizers.set(authorizerId, {
        kind: 'lambda',
        ref,
        authorizerId,
        name,
        identitySource,
        functionArn,
        payloadFormatVersion: version === '2.0' ? '2.0' : '1.0',
        enableSimpleResponses: extension.enableSimpleResponses === true,
        resultTtlSeconds: typeof ttl === 'number' ? ttl : DEFAULT_HTTP_AUTHORIZER_TTL_SECONDS,
      });
      schemes.set(name, { type: 'CUSTOM', authorizerId });
    } else {
      report.error(`${at}/type`, `HTTP API authorizers are of type jwt or request, got ${JSON.stringify(extension.type)}`);
    }
  }
  return schemes;
}

function identitySources(value: unknown, pointer: string, report: Report): string[] {
  if (value === undefined) return [];
  if (typeof value === 'string') return value.split(',').map((part) => part.trim()).filter((part) => part !== '');
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value;
  report.error(pointer, 'must be a string of comma-separated expressions or a list of them');
  return [];
}

/** A route's `security`: the first requirement's scheme (AWS applies one authorizer per route). */
function readSecurity(value: unknown, pointer: string, schemes: ReadonlyMap<string, Scheme>, report: Report): { type: AuthorizationType; authorizerId?: string; scopes: string[] } {
  const none = { type: 'NONE' as const, scopes: [] };
  if (value === undefined) return none;
  if (!Array.isArray(value)) {
    report.error(pointer, 'must be a list of security requirements');
    return none;
  }
  const requirements = value.filter((entry) => isObject(entry) && Object.keys(entry).length > 0) as Json[];
  if (requirements.length === 0) return none;
  if (requirements.length > 1 || Object.keys(requirements[0] ?? {}).length > 1) report.warning(pointer, 'an HTTP API route has one authorizer; the first requirement is applied');
  const [name, scopes] = Object.entries(requirements[0] ?? {})[0] ?? [];
  if (name === undefined) return none;
  const scheme = schemes.get(name);
  if (scheme === undefined) {
    report.error(`${pointer}/0/${pointerToken(name)}`, `names security scheme '${name}', which components.securitySchemes does not declare`);
    return none;
  }
  if (scheme.type === 'unusable') {
    report.error(`${pointer}/0/${pointerToken(name)}`, `${scheme.why}, so API Gateway cannot authorize with it`);
    return none;
  }
  const scopeList = Array.isArray(scopes) ? scopes.filter((scope): scope is string => typeof scope === 'string') : [];
  if (scheme.type === 'AWS_IAM') return { type: 'AWS_IAM', scopes: [] };
  return { type: scheme.type, authorizerId: scheme.authorizerId, scopes: scheme.type === 'JWT' ? scopeList : [] };
}

/**
 * An operation's `x-amazon-apigateway-integration`, inline or a `$ref` to
 * `#/components/x-amazon-apigateway-integrations/{name}` (one integration shared by its routes).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-integration.html
 */
function readOperationIntegration(
  operation: Json,
  pointer: string,
  shared: Json,
  options: ReadOpenApiOptions,
  report: Report,
  integrations: Map<string, IntegrationModel>,
): string | undefined {
  let value = operation['x-amazon-apigateway-integration'];
  let at = `${pointer}/x-amazon-apigateway-integration`;
  if (value === undefined) return undefined;
  if (isObject(value) && typeof value.$ref === 'string') {
    const match = /^#\/components\/x-amazon-apigateway-integrations\/(.+)$/.exec(value.$ref);
    const target = match?.[1] === undefined ? undefined : shared[match[1].replace(/~1/g, '/').replace(/~0/g, '~')];
    if (target === undefined) {
      report.error(`${at}/$ref`, `must name an integration of #/components/x-amazon-apigateway-integrations, got '${value.$ref}'`);
      return undefined;
    }
    at = value.$ref.slice(1);
    value = target;
  }
  const integrationId = options.idFor(at);
  if (integrations.has(integrationId)) return integrationId;
  const integration = readIntegrationObject(value, at, integrationId, options.ref, report);
  if (integration === undefined) return undefined;
  integrations.set(integrationId, integration);
  return integrationId;
}

/** The HTTP API default and maximum integration timeout (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html). */
const HTTP_INTEGRATION_TIMEOUT_MS = 30_000;

function readIntegrationObject(value: unknown, at: string, integrationId: string, ref: ResourceRef, report: Report): IntegrationModel | undefined {
  if (!isObject(value)) {
    report.error(at, 'must be an object');
    return undefined;
  }
  const timeout = value.timeoutInMillis;
  if (timeout !== undefined && (typeof timeout !== 'number' || timeout < 50 || timeout > HTTP_INTEGRATION_TIMEOUT_MS)) {
    report.error(`${at}/timeoutInMillis`, `must be a number from 50 to ${HTTP_INTEGRATION_TIMEOUT_MS}, got ${JSON.stringify(timeout)}`);
    return undefined;
  }
  const requestParameters = stringMap(value.requestParameters, `${at}/requestParameters`, report);
  const responseParameters: Record<string, Record<string, string>> = {};
  if (isObject(value.responseParameters)) {
    for (const [status, mapping] of Object.entries(value.responseParameters)) {
      responseParameters[status] = stringMap(mapping, `${at}/responseParameters/${pointerToken(status)}`, report);
    }
  }
  const base = { ref, integrationId, timeoutMs: typeof timeout === 'number' ? timeout : HTTP_INTEGRATION_TIMEOUT_MS, requestParameters, responseParameters };
  const type = typeof value.type === 'string' ? value.type.toLowerCase() : value.type;
  const uri = value.uri;
  if (type === 'aws_proxy') {
    const credentials = typeof value.credentials === 'string' ? { credentialsArn: value.credentials } : {};
    if (value.integrationSubtype !== undefined) {
      const subtype = value.integrationSubtype;
      if (typeof subtype === 'string' && isAwsServiceSubtype(subtype)) return { ...base, ...credentials, kind: 'aws-service', subtype };
      report.warning(`${at}/integrationSubtype`, `AWS service integrations (${JSON.stringify(subtype)}) are not emulated; requests to the route answer 500`);
      return undefined;
    }
    const functionArn = typeof uri === 'string' ? lambdaArnFromUri(uri) : undefined;
    if (functionArn === undefined) {
      report.error(`${at}/uri`, `an aws_proxy integration needs a Lambda function ARN or invocation URI, got ${JSON.stringify(uri)}`);
      return undefined;
    }
    const version = value.payloadFormatVersion;
    if (version !== undefined && version !== '1.0' && version !== '2.0') {
      report.error(`${at}/payloadFormatVersion`, `must be "1.0" or "2.0", got ${JSON.stringify(version)}`);
      return undefined;
    }
    if (version === undefined) report.info?.(`${at}/payloadFormatVersion`, "payloadFormatVersion is not set; using '1.0'");
    return { ...base, ...credentials, kind: 'lambda', functionArn, payloadFormatVersion: version === '2.0' ? '2.0' : '1.0' };
  }
  if (type === 'http_proxy') {
    if (typeof uri !== 'string') {
      report.error(`${at}/uri`, 'an http_proxy integration needs a uri');
      return undefined;
    }
    const connectionType = value.connectionType ?? 'INTERNET';
    if (connectionType !== 'INTERNET' && connectionType !== 'VPC_LINK') {
      report.error(`${at}/connectionType`, `must be INTERNET or VPC_LINK, got ${JSON.stringify(connectionType)}`);
      return undefined;
    }
    const tls = isObject(value.tlsConfig) ? value.tlsConfig.serverNameToVerify : undefined;
    return {
      ...base,
      kind: 'http-proxy',
      uri,
      method: typeof value.httpMethod === 'string' ? value.httpMethod.toUpperCase() : 'ANY',
      connectionType,
      ...(typeof value.connectionId === 'string' && { connectionId: value.connectionId }),
      ...(typeof tls === 'string' && { serverNameToVerify: tls }),
    };
  }
  report.error(`${at}/type`, `HTTP API integrations are of type aws_proxy or http_proxy, got ${JSON.stringify(value.type)}`);
  return undefined;
}

function stringMap(value: unknown, pointer: string, report: Report): Record<string, string> {
  if (value === undefined) return {};
  if (!isObject(value) || !Object.values(value).every((item) => typeof item === 'string')) {
    report.error(pointer, 'must be an object of strings');
    return {};
  }
  return { ...(value as Record<string, string>) };
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
