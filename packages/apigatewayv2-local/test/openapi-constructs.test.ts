// The two exporters (construct side: HttpApi.toOpenApi over the L1 resources; local side: exportOpenApi over
// the model read from the synthesized template) share no code; this checks they agree on one app, and that
// an API defined by an OpenAPI document in the constructs is served by the local gateway.
import { join } from 'node:path';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { ApiDefinition, CorsHttpMethod, HttpApi, HttpMethod } from 'cdk-apigatewayv2';
import { HttpJwtAuthorizer } from 'cdk-apigatewayv2/authorizers';
import { HttpProxyIntegration, LambdaProxyIntegration } from 'cdk-apigatewayv2/integrations';
import { afterAll, describe, expect, test } from 'vitest';
import { exportOpenApi } from '../src/openapi/export-openapi.js';
import { readModelFiles } from '../src/template/read-gateway-model.js';
import { synthStack, type SynthesizedApp } from './support/synth-stack.js';

const made: SynthesizedApp[] = [];
afterAll(() => made.forEach((app) => app.dispose()));

type Doc = { paths: Record<string, Record<string, Record<string, unknown>>>; components?: { securitySchemes: Record<string, unknown> }; [key: string]: unknown };

/** What both exporters must agree on, per operation: integration type, payload format, timeout, security. */
function shape(document: Doc): Record<string, unknown> {
  const operations: Record<string, unknown> = {};
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (method === 'parameters') {
        operations[`${path} parameters`] = operation;
        continue;
      }
      const integration = operation['x-amazon-apigateway-integration'] as Record<string, unknown> | undefined;
      operations[`${method} ${path}`] = {
        security: operation.security,
        type: integration?.type,
        httpMethod: integration?.httpMethod,
        payloadFormatVersion: integration?.payloadFormatVersion,
        timeoutInMillis: integration?.timeoutInMillis,
      };
    }
  }
  return { operations, schemes: Object.keys(document.components?.securitySchemes ?? {}), cors: document['x-amazon-apigateway-cors'] };
}

describe('OpenAPI in the constructs and the local gateway', () => {
  test('HttpApi.toOpenApi and apigw-local openapi agree on the same app', async () => {
    let fromConstructs: Doc | undefined;
    const app = synthStack('OpenApiExport', (stack) => {
      const fn = new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 })') });
      const api = new HttpApi(stack, 'Api', {
        corsPreflight: { allowOrigins: ['https://example.com'], allowMethods: [CorsHttpMethod.GET] },
        defaultIntegration: new LambdaProxyIntegration({ handler: fn }),
      });
      const integration = new LambdaProxyIntegration({ handler: fn });
      api.addRoutes({ path: '/books', methods: [HttpMethod.GET, HttpMethod.POST], integration });
      api.addRoutes({
        path: '/books/{id}',
        methods: [HttpMethod.GET],
        integration,
        authorizer: new HttpJwtAuthorizer({ jwtIssuer: 'https://issuer.example.com', jwtAudience: ['client'] }),
        authorizationScopes: ['books/read'],
      });
      api.addRoutes({ path: '/legacy/{proxy+}', integration: new HttpProxyIntegration({ url: 'https://legacy.example.com/{proxy}' }) });
      fromConstructs = api.toOpenApi() as Doc;
    });
    made.push(app);
    const model = await readModelFiles({ assembly: app.directory });
    const local = exportOpenApi(model.apis[0]) as unknown as Doc;
    expect(fromConstructs).toBeDefined();
    expect(shape(fromConstructs!)).toEqual(shape(local));
    expect(Object.keys(local.paths)).toEqual(['/$default', '/books', '/books/{id}', '/legacy/{proxy+}']);
  });

  test('an HttpApi defined by an inline document with bound handlers is served by the local gateway', async () => {
    const app = synthStack('OpenApiImport', (stack) => {
      const fn = new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 })') });
      new HttpApi(stack, 'Api', {
        apiDefinition: ApiDefinition.fromInline({
          openapi: '3.0.1',
          info: { title: 'pets', version: '1' },
          paths: { '/pets/{id}': { get: { operationId: 'getPet', responses: {} } }, '/pets': { post: { responses: {} } } },
        }),
        apiDefinitionHandlers: { 'getPet': fn, 'POST /pets': fn },
      });
    });
    made.push(app);
    const model = await readModelFiles({ assembly: app.directory });
    const api = model.apis[0];
    expect(model.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(api.routes.map((route) => route.routeKey).sort()).toEqual(['GET /pets/{id}', 'POST /pets']);
    const integration = api.integrations.get(api.routes[0].integrationId!);
    expect(integration).toMatchObject({ kind: 'lambda', payloadFormatVersion: '2.0', functionArn: model.functions[0].arn });
    expect(model.permissions?.some((permission) => permission.principal === 'apigateway.amazonaws.com')).toBe(true);
  });

  test('an asset definition is found by the local gateway through the asset metadata', async () => {
    const app = synthStack('OpenApiAsset', (stack) => {
      new HttpApi(stack, 'Api', { apiDefinition: ApiDefinition.fromAsset(join(import.meta.dirname, 'fixtures', 'openapi-pets.yaml')) });
    });
    made.push(app);
    const model = await readModelFiles({ assembly: app.directory });
    expect(model.apis[0]?.routes.map((route) => route.routeKey)).toEqual(['GET /pets']);
  });
});
