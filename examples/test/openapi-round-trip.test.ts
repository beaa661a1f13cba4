// Issue 19's round trip over the example apps: each HTTP API is exported as OpenAPI by apigw-local, the API is
// rebuilt from that document alone (its routes, integrations and authorizers removed from the template, the
// document as Body), and the local gateway must read the same routes, integrations, authorization and CORS.
// (Requests are routed from the route keys alone, so equal routes mean equal routing for any request corpus;
// test/openapi-round-trip.e2e.test.ts in apigatewayv2-local also compares answers over sockets-free requests.)
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type Stack } from 'aws-cdk-lib';
import { exportOpenApi, readGatewayModel, type ApiModel } from 'apigatewayv2-local';
import { afterAll, describe, expect, test } from 'vitest';
import { BooksApiStack } from '../books-api/lib/books-api-stack.js';
import { PrivateApiStack } from '../private-api/lib/private-api-stack.js';
import { PythonApiStack } from '../python-api/lib/python-api-stack.js';

const directories: string[] = [];
afterAll(() => directories.forEach((directory) => rmSync(directory, { recursive: true, force: true })));

const REPLACED_TYPES = new Set(['AWS::ApiGatewayV2::Route', 'AWS::ApiGatewayV2::Integration', 'AWS::ApiGatewayV2::Authorizer']);

type Resource = { Type: string; Properties?: Record<string, unknown>; DependsOn?: string | string[] };

/** What serving an API depends on, by route key: the integration's target and settings, the authorization. */
function served(api: ApiModel): Record<string, unknown> {
  const routes: Record<string, unknown> = {};
  for (const route of api.routes) {
    const integration = route.integrationId === undefined ? undefined : api.integrations.get(route.integrationId);
    const authorizer = route.authorizerId === undefined ? undefined : api.authorizers.get(route.authorizerId);
    routes[route.routeKey] = {
      integration: integration && { ...integration, ref: undefined, integrationId: undefined },
      authorization: route.authorizationType,
      scopes: route.authorizationScopes,
      authorizer: authorizer && { ...authorizer, ref: undefined, authorizerId: undefined },
    };
  }
  return { routes, cors: api.cors };
}

async function roundTrip(stackName: string, build: (app: App) => Stack): Promise<void> {
  const original = mkdtempSync(join(tmpdir(), 'openapi-round-trip-'));
  directories.push(original);
  const app = new App({ outdir: original });
  build(app);
  app.synth();
  const model = await readGatewayModel({ assembly: original });
  const httpApis = model.apis.filter((api) => api.protocol === 'HTTP');
  expect(httpApis.length).toBeGreaterThan(0);

  const rebuilt = mkdtempSync(join(tmpdir(), 'openapi-round-trip-body-'));
  directories.push(rebuilt);
  cpSync(original, rebuilt, { recursive: true });
  const templateFile = join(rebuilt, `${stackName}.template.json`);
  const template = JSON.parse(readFileSync(templateFile, 'utf8')) as { Resources: Record<string, Resource> };
  const removed = new Set(Object.keys(template.Resources).filter((id) => REPLACED_TYPES.has(template.Resources[id].Type)));
  for (const id of removed) delete template.Resources[id];
  for (const resource of Object.values(template.Resources)) {
    if (resource.DependsOn !== undefined) resource.DependsOn = [resource.DependsOn].flat().filter((id) => !removed.has(id));
  }
  for (const api of httpApis) {
    const properties = template.Resources[api.ref.logicalId].Properties!;
    delete properties.CorsConfiguration;
    properties.Body = exportOpenApi(api);
  }
  writeFileSync(templateFile, JSON.stringify(template));

  const fromBody = await readGatewayModel({ assembly: rebuilt });
  expect(fromBody.diagnostics.filter((d) => d.severity === 'error' && d.property === 'Body')).toEqual([]);
  for (const api of httpApis) {
    const again = fromBody.apis.find((candidate) => candidate.ref.logicalId === api.ref.logicalId);
    expect(again, `${api.ref.logicalId} served from its Body`).toBeDefined();
    expect(api.routes.length).toBeGreaterThan(0);
    expect(served(again!)).toEqual(served(api));
  }
}

describe('every example HTTP API, served from its exported OpenAPI document', () => {
  test('books-api', () => roundTrip('BooksApi', (app) => new BooksApiStack(app, 'BooksApi', { booksBackendUrl: 'http://127.0.0.1:3100' })));
  test('private-api', () => roundTrip('PrivateApi', (app) => new PrivateApiStack(app, 'PrivateApi')));
  test('python-api', () => roundTrip('PythonApi', (app) => new PythonApiStack(app, 'PythonApi')));
});
