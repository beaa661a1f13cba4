import type {
  ApiModel,
  AuthorizerModel,
  CorsModel,
  HttpRouteKey,
  IntegrationModel,
  RouteModel,
} from '../model/index.js';

/**
 * An OpenAPI 3.0.1 document with API Gateway's `x-amazon-apigateway-*` extensions, as plain JSON values
 * (what `JSON.stringify` or a YAML writer takes).
 */
export type OpenApiDocument = { readonly [key: string]: OpenApiValue };
export type OpenApiValue = string | number | boolean | null | readonly OpenApiValue[] | { readonly [key: string]: OpenApiValue };

export interface ExportOpenApiOptions {
  /** The stage whose URL `servers` names (its base path); undefined: the API's first stage, if any. */
  readonly stage?: string;
  /** The region of the `servers` URL. @default 'us-east-1' */
  readonly region?: string;
}

/**
 * The only import/export algorithm version HTTP APIs know
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-extensions-importexport-version.html).
 */
export const IMPORT_EXPORT_VERSION = '1.0';

/**
 * `info.version` of an exported document. AWS's export puts the stage's last deployment date there, which a
 * template does not have: a fixed value keeps exports of the same template identical (listed in the README
 * under "Differences from AWS").
 */
export const EXPORTED_INFO_VERSION = '1.0';

/** The path AWS's export lists the `$default` route under (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-open-api.html). */
export const DEFAULT_ROUTE_PATH = '/$default';

const ANY_METHOD = 'x-amazon-apigateway-any-method';

/**
 * The OpenAPI 3.0.1 document of an HTTP API, as API Gateway exports one
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-export.html): every route under its
 * path and method (`ANY` as `x-amazon-apigateway-any-method`, `$default` under `/$default`), each with its
 * integration (`x-amazon-apigateway-integration`) and authorization (`security`), authorizers as security
 * schemes, CORS as `x-amazon-apigateway-cors`. Pure: a function of the model.
 */
export function exportOpenApi(api: ApiModel, options: ExportOpenApiOptions = {}): OpenApiDocument {
  const stage = options.stage === undefined ? api.stages[0] : api.stages.find((s) => s.name === options.stage);
  const region = options.region ?? 'us-east-1';
  const basePath = stage === undefined || stage.name === '$default' ? '' : stage.name;
  const paths: Record<string, Record<string, OpenApiValue>> = {};
  for (const route of api.routes) {
    if (route.httpKey === undefined) continue;
    const { path, method } = pathAndMethod(route.httpKey);
    const operations = (paths[path] ??= {});
    operations[method] = operation(api, route);
    const parameters = pathParameters(route.httpKey);
    if (parameters.length > 0) operations.parameters = parameters;
  }
  const securitySchemes = securitySchemesOf(api);
  return {
    openapi: '3.0.1',
    info: {
      title: api.name,
      ...(api.description !== undefined && { description: api.description }),
      version: EXPORTED_INFO_VERSION,
    },
    servers: [
      {
        url: `https://${api.apiId}.execute-api.${region}.amazonaws.com/{basePath}`,
        variables: { basePath: { default: basePath } },
      },
    ],
    paths: sortedByKey(paths),
    ...(Object.keys(securitySchemes).length > 0 && { components: { securitySchemes } }),
    ...(api.cors !== undefined && { 'x-amazon-apigateway-cors': corsOf(api.cors) }),
    'x-amazon-apigateway-importexport-version': IMPORT_EXPORT_VERSION,
  };
}

function pathAndMethod(key: HttpRouteKey): { path: string; method: string } {
  if (key.kind === 'default') return { path: DEFAULT_ROUTE_PATH, method: ANY_METHOD };
  return { path: key.path, method: key.method === 'ANY' ? ANY_METHOD : key.method.toLowerCase() };
}

/** One `in: path` parameter per variable; a greedy one keeps its `+`, as AWS's export does. */
function pathParameters(key: HttpRouteKey): OpenApiValue[] {
  if (key.kind === 'default') return [];
  return key.segments.flatMap((segment) =>
    segment.kind === 'literal'
      ? []
      : [{ name: segment.kind === 'greedy' ? `${segment.name}+` : segment.name, in: 'path', required: true, schema: { type: 'string' } }],
  );
}

function operation(api: ApiModel, route: RouteModel): Record<string, OpenApiValue> {
  const integration = route.integrationId === undefined ? undefined : api.integrations.get(route.integrationId);
  const security = securityOf(api, route);
  return {
    ...(route.httpKey?.kind === 'default' && { isDefaultRoute: true }),
    responses: { default: { description: `Default response for ${route.routeKey}` } },
    ...(security !== undefined && { security }),
    ...(integration !== undefined && { 'x-amazon-apigateway-integration': integrationOf(integration) }),
  };
}

/** `x-amazon-apigateway-integration` (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-integration.html). */
export function integrationOf(integration: IntegrationModel): Record<string, OpenApiValue> {
  const common = {
    timeoutInMillis: integration.timeoutMs,
    ...(Object.keys(integration.requestParameters).length > 0 && { requestParameters: { ...integration.requestParameters } }),
    ...(Object.keys(integration.responseParameters).length > 0 && { responseParameters: copyNested(integration.responseParameters) }),
  };
  switch (integration.kind) {
    case 'lambda':
      return {
        type: 'aws_proxy',
        httpMethod: 'POST',
        uri: integration.functionArn,
        payloadFormatVersion: integration.payloadFormatVersion,
        connectionType: 'INTERNET',
        ...(integration.credentialsArn !== undefined && { credentials: integration.credentialsArn }),
        ...common,
      };
    case 'http-proxy':
      return {
        type: 'http_proxy',
        httpMethod: integration.method,
        uri: integration.uri,
        payloadFormatVersion: '1.0',
        connectionType: integration.connectionType,
        ...(integration.connectionId !== undefined && { connectionId: integration.connectionId }),
        ...(integration.serverNameToVerify !== undefined && { tlsConfig: { serverNameToVerify: integration.serverNameToVerify } }),
        ...common,
      };
    case 'aws-service':
      // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services.html
      return {
        type: 'aws_proxy',
        integrationSubtype: integration.subtype,
        payloadFormatVersion: '1.0',
        connectionType: 'INTERNET',
        ...(integration.credentialsArn !== undefined && { credentials: integration.credentialsArn }),
        ...common,
      };
    case 'mock':
      return { type: 'mock', ...common };
  }
}

function copyNested(value: Readonly<Record<string, Readonly<Record<string, string>>>>): Record<string, OpenApiValue> {
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, { ...inner }]));
}

/** The name of the security scheme of IAM-authorized routes. */
export const SIGV4_SCHEME = 'sigv4';

function securityOf(api: ApiModel, route: RouteModel): OpenApiValue[] | undefined {
  switch (route.authorizationType) {
    case 'NONE':
      return undefined;
    case 'AWS_IAM':
      return [{ [SIGV4_SCHEME]: [] }];
    case 'JWT':
    case 'CUSTOM': {
      const authorizer = route.authorizerId === undefined ? undefined : api.authorizers.get(route.authorizerId);
      if (authorizer === undefined) return undefined;
      return [{ [authorizer.name]: route.authorizationType === 'JWT' ? [...route.authorizationScopes] : [] }];
    }
  }
}

/** `components.securitySchemes` (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authorizer.html). */
function securitySchemesOf(api: ApiModel): Record<string, OpenApiValue> {
  const schemes: Record<string, OpenApiValue> = {};
  for (const authorizer of api.authorizers.values()) schemes[authorizer.name] = securityScheme(authorizer);
  if (api.routes.some((route) => route.authorizationType === 'AWS_IAM')) {
    schemes[SIGV4_SCHEME] = { type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'awsSigv4' };
  }
  return schemes;
}

function securityScheme(authorizer: AuthorizerModel): OpenApiValue {
  if (authorizer.kind === 'jwt') {
    return {
      type: 'oauth2',
      flows: {},
      'x-amazon-apigateway-authorizer': {
        type: 'jwt',
        identitySource: authorizer.identitySource.join(','),
        jwtConfiguration: { issuer: authorizer.issuer, audience: [...authorizer.audience] },
      },
    };
  }
  const region = /^arn:[^:]+:lambda:([^:]+):/.exec(authorizer.functionArn)?.[1] ?? 'us-east-1';
  const partition = /^arn:([^:]+):/.exec(authorizer.functionArn)?.[1] ?? 'aws';
  return {
    type: 'apiKey',
    name: 'Authorization',
    in: 'header',
    'x-amazon-apigateway-authorizer': {
      type: 'request',
      identitySource: authorizer.identitySource.join(','),
      authorizerUri: `arn:${partition}:apigateway:${region}:lambda:path/2015-03-31/functions/${authorizer.functionArn}/invocations`,
      authorizerPayloadFormatVersion: authorizer.payloadFormatVersion,
      enableSimpleResponses: authorizer.enableSimpleResponses,
      authorizerResultTtlInSeconds: authorizer.resultTtlSeconds,
    },
  };
}

/** `x-amazon-apigateway-cors` (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-cors-configuration.html). */
function corsOf(cors: CorsModel): Record<string, OpenApiValue> {
  return {
    ...(cors.allowOrigins.length > 0 && { allowOrigins: [...cors.allowOrigins] }),
    ...(cors.allowMethods.length > 0 && { allowMethods: [...cors.allowMethods] }),
    ...(cors.allowHeaders.length > 0 && { allowHeaders: [...cors.allowHeaders] }),
    ...(cors.exposeHeaders.length > 0 && { exposeHeaders: [...cors.exposeHeaders] }),
    ...(cors.allowCredentials && { allowCredentials: true }),
    ...(cors.maxAgeSeconds !== undefined && { maxAge: cors.maxAgeSeconds }),
  };
}

function sortedByKey<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
