import { Stack } from 'aws-cdk-lib';
import { CfnApi, CfnAuthorizer, CfnIntegration, CfnRoute, CfnStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { IConstruct } from 'constructs';

/**
 * Options of `HttpApi.toOpenApi`.
 */
export interface HttpApiToOpenApiOptions {
  /**
   * The stage whose base path the document's `servers` URL names.
   * @default - the `$default` stage (an empty base path)
   */
  readonly stageName?: string;
}

/** The import/export algorithm version HTTP APIs know (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-extensions-importexport-version.html). */
const IMPORT_EXPORT_VERSION = '1.0';
/** `info.version`: AWS puts the last deployment's date there, which a synthesized app does not have. */
const INFO_VERSION = '1.0';
const ANY_METHOD = 'x-amazon-apigateway-any-method';

type Json = unknown;
type JsonObject = { [key: string]: Json };

/** A resolved value read as an object (an absent or non-object value reads as empty). */
function obj(value: Json): JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : {};
}

/**
 * The OpenAPI 3.0.1 document of an HTTP API, as API Gateway's export gives it
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-export.html), built from the L1
 * resources of the API in its stack. Values are resolved with `Stack.resolve`: what CloudFormation decides at
 * deploy time (function ARNs, ids) stays as `Ref` / `Fn::GetAtt` / `Fn::Join` inside the document.
 * @internal
 */
export function exportHttpApiOpenApi(api: CfnApi, options: HttpApiToOpenApiOptions = {}): JsonObject {
  const stack = Stack.of(api);
  const resolve = (value: unknown): Json => stack.resolve(value) as Json;
  const apiRef = JSON.stringify(resolve(api.ref));
  const all = stack.node.findAll();
  const ofApi = <T extends { apiId: string }>(kind: new (...args: never[]) => T): T[] =>
    all.filter((c: IConstruct): c is IConstruct & T => c instanceof kind).filter((c) => JSON.stringify(resolve(c.apiId)) === apiRef);

  const integrations = new Map<string, CfnIntegration>();
  for (const integration of ofApi(CfnIntegration)) integrations.set(JSON.stringify(resolve(`integrations/${integration.ref}`)), integration);
  const authorizers = new Map<string, CfnAuthorizer>();
  for (const authorizer of ofApi(CfnAuthorizer)) authorizers.set(JSON.stringify(resolve(authorizer.ref)), authorizer);

  const paths: { [path: string]: JsonObject } = {};
  let usesIam = false;
  for (const route of ofApi(CfnRoute)) {
    const routeKey = resolve(route.routeKey) as string;
    const [method, path] = routeKey === '$default' ? [ANY_METHOD, '/$default'] : splitKey(routeKey);
    const operations = (paths[path] ??= {});
    const integration = route.target === undefined ? undefined : integrations.get(JSON.stringify(resolve(route.target)));
    const authorizer = route.authorizerId === undefined ? undefined : authorizers.get(JSON.stringify(resolve(route.authorizerId)));
    const type = resolve(route.authorizationType) as string | undefined;
    let security: Json;
    if (type === 'AWS_IAM') {
      usesIam = true;
      security = [{ sigv4: [] }];
    } else if (authorizer !== undefined) {
      security = [{ [String(resolve(authorizer.name))]: type === 'JWT' ? (resolve(route.authorizationScopes) ?? []) : [] }];
    }
    operations[method] = compact({
      isDefaultRoute: routeKey === '$default' ? true : undefined,
      responses: { default: { description: `Default response for ${routeKey}` } },
      security,
      'x-amazon-apigateway-integration': integration === undefined ? undefined : integrationOf(integration, resolve),
    });
    const parameters = pathParameters(path);
    if (parameters.length > 0) operations.parameters = parameters;
  }
  const securitySchemes: JsonObject = {};
  for (const authorizer of authorizers.values()) securitySchemes[String(resolve(authorizer.name))] = schemeOf(authorizer, resolve);
  if (usesIam) securitySchemes.sigv4 = { 'type': 'apiKey', 'name': 'Authorization', 'in': 'header', 'x-amazon-apigateway-authtype': 'awsSigv4' };
  const stageName = options.stageName ?? ofApi(CfnStage).map((stage) => resolve(stage.stageName) as string)[0];
  const cors = resolve(api.corsConfiguration);
  return compact({
    'openapi': '3.0.1',
    'info': compact({ title: resolve(api.name), description: resolve(api.description), version: INFO_VERSION }),
    'servers': [{
      url: { 'Fn::Join': ['', ['https://', resolve(api.ref), '.execute-api.', resolve(stack.region), '.', resolve(stack.urlSuffix), '/{basePath}']] },
      variables: { basePath: { default: stageName === undefined || stageName === '$default' ? '' : stageName } },
    }],
    'paths': Object.fromEntries(Object.entries(paths).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    'components': Object.keys(securitySchemes).length > 0 ? { securitySchemes } : undefined,
    'x-amazon-apigateway-cors': cors === undefined ? undefined : corsOf(obj(cors)),
    'x-amazon-apigateway-importexport-version': IMPORT_EXPORT_VERSION,
  });
}

function splitKey(routeKey: string): [string, string] {
  const space = routeKey.indexOf(' ');
  const method = routeKey.slice(0, space);
  return [method === 'ANY' ? ANY_METHOD : method.toLowerCase(), routeKey.slice(space + 1)];
}

function pathParameters(path: string): Json[] {
  if (path === '/$default') return [];
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
}

/** `x-amazon-apigateway-integration` (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-integration.html). */
function integrationOf(integration: CfnIntegration, resolve: (value: unknown) => Json): Json {
  const type = String(resolve(integration.integrationType)).toLowerCase();
  const uri = resolve(integration.integrationUri);
  return compact({
    type,
    httpMethod: type === 'aws_proxy' ? 'POST' : (resolve(integration.integrationMethod) ?? 'ANY'),
    uri: type === 'aws_proxy' ? unwrapInvocationUri(uri) : uri,
    payloadFormatVersion: resolve(integration.payloadFormatVersion) ?? '1.0',
    connectionType: resolve(integration.connectionType) ?? 'INTERNET',
    connectionId: resolve(integration.connectionId),
    timeoutInMillis: resolve(integration.timeoutInMillis) ?? 30000,
    requestParameters: resolve(integration.requestParameters),
    responseParameters: resolve(integration.responseParameters),
    tlsConfig: resolve(integration.tlsConfig),
    integrationSubtype: resolve(integration.integrationSubtype),
    credentials: resolve(integration.credentialsArn),
  });
}

/** A plain string invocation URI becomes the function ARN (as the local gateway's export gives it); intrinsics stay. */
function unwrapInvocationUri(uri: Json): Json {
  if (typeof uri !== 'string') return uri;
  return /^arn:[^:]+:apigateway:[^:]*:lambda:path\/[^/]+\/functions\/(.+)\/invocations$/.exec(uri)?.[1] ?? uri;
}

/** A security scheme with `x-amazon-apigateway-authorizer` (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authorizer.html). */
function schemeOf(authorizer: CfnAuthorizer, resolve: (value: unknown) => Json): Json {
  const identitySource = resolve(authorizer.identitySource);
  const joined = Array.isArray(identitySource) && identitySource.every((s) => typeof s === 'string') ? identitySource.join(',') : identitySource;
  if (resolve(authorizer.authorizerType) === 'JWT') {
    const jwt = obj(resolve(authorizer.jwtConfiguration));
    return {
      'type': 'oauth2',
      'flows': {},
      'x-amazon-apigateway-authorizer': { type: 'jwt', identitySource: joined, jwtConfiguration: compact({ issuer: jwt.issuer, audience: jwt.audience }) },
    };
  }
  return {
    'type': 'apiKey',
    'name': 'Authorization',
    'in': 'header',
    'x-amazon-apigateway-authorizer': compact({
      type: 'request',
      identitySource: joined,
      authorizerUri: resolve(authorizer.authorizerUri),
      authorizerPayloadFormatVersion: resolve(authorizer.authorizerPayloadFormatVersion),
      enableSimpleResponses: resolve(authorizer.enableSimpleResponses),
      authorizerResultTtlInSeconds: resolve(authorizer.authorizerResultTtlInSeconds),
    }),
  };
}

function corsOf(cors: JsonObject): Json {
  return compact({
    allowOrigins: cors.allowOrigins,
    allowMethods: cors.allowMethods,
    allowHeaders: cors.allowHeaders,
    exposeHeaders: cors.exposeHeaders,
    allowCredentials: cors.allowCredentials,
    maxAge: cors.maxAge,
  });
}

function compact(record: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}
