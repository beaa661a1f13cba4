// The check of issue 19: the local gateway serves the OpenAPI document it exported from a template (a template
// whose API is only that Body) with the same answers as the original template, over one request corpus.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startGateway, type Gateway } from '../src/index.js';
import { runOpenApiCommand } from '../src/openapi/openapi-command.js';
import { BOOKS_TEMPLATE } from '../src/openapi/openapi-test-fixtures.js';

const ECHO_ROUTE = 'exports.handler = async (event) => ({ statusCode: 200, body: "lambda " + event.routeKey + " " + JSON.stringify(event.pathParameters || {}) })';

let directory = '';
let backend: Server;
const gateways: Gateway[] = [];

/** BOOKS_TEMPLATE with handlers that echo their route key and the HTTP proxy pointed at a local backend. */
function originalTemplate(backendUrl: string): object {
  const resources = structuredClone(BOOKS_TEMPLATE.Resources) as Record<string, { Properties: Record<string, unknown> }>;
  for (const id of ['BooksFn', 'AuthFn']) (resources[id].Properties.Code as { ZipFile: string }).ZipFile = ECHO_ROUTE;
  resources.LegacyIntegration.Properties.IntegrationUri = `${backendUrl}/{proxy}`;
  return { Resources: resources };
}

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'apigw-local-openapi-'));
  backend = createServer((request, response) => response.end(`backend ${request.method} ${request.url} ${String(request.headers['x-from'])}`));
  await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.close()));
  await new Promise<void>((resolve) => backend.close(() => resolve()));
  rmSync(directory, { recursive: true, force: true });
});

const CORPUS: readonly [string, string, RequestInit?][] = [
  ['GET', '/books'],
  ['GET', '/books/42'],
  ['GET', '/books/42', { headers: { authorization: 'Bearer not-a-jwt' } }],
  ['POST', '/books'],
  ['POST', '/books', { headers: { 'x-token': 'let-me-in' } }],
  ['DELETE', '/books/42'],
  ['PATCH', '/legacy/a/b'],
  ['GET', '/nowhere'],
  ['PUT', '/books'],
  ['OPTIONS', '/books', { headers: { origin: 'https://example.com', 'access-control-request-method': 'GET' } }],
  ['GET', '/books', { headers: { origin: 'https://example.com' } }],
];

async function answers(gateway: Gateway): Promise<string[]> {
  const results: string[] = [];
  for (const [method, path, init] of CORPUS) {
    const response = await gateway.request('Api', path, { method, ...init });
    const cors = response.headers.get('access-control-allow-origin') ?? '-';
    results.push(`${method} ${path} → ${response.status} ${cors} ${await response.text()}`);
  }
  return results;
}

describe('apigw-local serves its own OpenAPI export', () => {
  test('the Body-only template answers the corpus as the original template does', async () => {
    const backendUrl = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
    const original = join(directory, 'original.template.json');
    writeFileSync(original, JSON.stringify(originalTemplate(backendUrl)));
    const document = JSON.parse(await runOpenApiCommand({ source: { template: original }, api: 'Api' })) as object;
    const { BooksFn, AuthFn, DefaultStage } = (originalTemplate(backendUrl) as { Resources: Record<string, unknown> }).Resources;
    const fromBody = join(directory, 'body.template.json');
    writeFileSync(fromBody, JSON.stringify({ Resources: { BooksFn, AuthFn, DefaultStage, Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Body: document } } } }));

    const options = { port: 0, quiet: true, ignorePermissions: true, log: () => undefined } as const;
    const before = await startGateway({ template: original, ...options });
    gateways.push(before);
    const after = await startGateway({ template: fromBody, ...options });
    gateways.push(after);
    const expected = await answers(before);
    expect(expected.join('\n')).toContain('lambda $default');
    expect(expected.join('\n')).toContain('backend PATCH /a/b gateway');
    expect(await answers(after)).toEqual(expected);
  });
});
