import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readModelFiles } from '../template/read-gateway-model.js';
import { writeFiles } from '../template/template-test-fixtures.js';
import { exportOpenApi } from './export-openapi.js';
import { BOOKS_TEMPLATE } from './openapi-test-fixtures.js';

async function booksApi() {
  const dir = writeFiles({ 'Books.template.json': BOOKS_TEMPLATE });
  const model = await readModelFiles({ template: join(dir, 'Books.template.json') });
  const api = model.apis[0];
  if (api === undefined) throw new Error('no API read');
  return api;
}

const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:books';

describe('exportOpenApi', () => {
  test('lists every route under its path and method, ANY and $default as x-amazon-apigateway-any-method', async () => {
    const document = exportOpenApi(await booksApi());
    expect(document.openapi).toBe('3.0.1');
    expect(document['x-amazon-apigateway-importexport-version']).toBe('1.0');
    const paths = document.paths as Record<string, Record<string, unknown>>;
    expect(Object.keys(paths)).toEqual(['/$default', '/books', '/books/{id}', '/legacy/{proxy+}']);
    expect(Object.keys(paths['/books'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(paths['/$default']?.['x-amazon-apigateway-any-method']).toMatchObject({ isDefaultRoute: true });
    expect(paths['/legacy/{proxy+}']?.['x-amazon-apigateway-any-method']).toBeDefined();
    expect(paths['/legacy/{proxy+}']?.parameters).toEqual([{ name: 'proxy+', in: 'path', required: true, schema: { type: 'string' } }]);
    expect(paths['/books/{id}']?.parameters).toEqual([{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }]);
  });

  test('gives each operation its integration: Lambda proxy with payload format, HTTP proxy with method, timeout and parameter mapping', async () => {
    const paths = exportOpenApi(await booksApi()).paths as Record<string, Record<string, Record<string, unknown>>>;
    expect(paths['/books']?.get?.['x-amazon-apigateway-integration']).toEqual({
      type: 'aws_proxy',
      httpMethod: 'POST',
      uri: FUNCTION_ARN,
      payloadFormatVersion: '2.0',
      connectionType: 'INTERNET',
      timeoutInMillis: 30000,
    });
    expect(paths['/legacy/{proxy+}']?.['x-amazon-apigateway-any-method']?.['x-amazon-apigateway-integration']).toEqual({
      type: 'http_proxy',
      httpMethod: 'ANY',
      uri: 'https://legacy.example.com/{proxy}',
      payloadFormatVersion: '1.0',
      connectionType: 'INTERNET',
      timeoutInMillis: 10000,
      requestParameters: { 'append:header.x-from': 'gateway' },
    });
  });

  test('exports authorizers as security schemes and each route its scheme and scopes', async () => {
    const document = exportOpenApi(await booksApi());
    const paths = document.paths as Record<string, Record<string, Record<string, unknown>>>;
    expect(paths['/books/{id}']?.get?.security).toEqual([{ cognito: ['books/read'] }]);
    expect(paths['/books']?.post?.security).toEqual([{ custom: [] }]);
    expect(paths['/books/{id}']?.delete?.security).toEqual([{ sigv4: [] }]);
    expect(paths['/books']?.get?.security).toBeUndefined();
    const schemes = (document.components as { securitySchemes: Record<string, Record<string, unknown>> }).securitySchemes;
    expect(schemes.cognito?.['x-amazon-apigateway-authorizer']).toEqual({
      type: 'jwt',
      identitySource: '$request.header.Authorization',
      jwtConfiguration: { issuer: 'https://issuer.example.com', audience: ['books-client'] },
    });
    expect(schemes.custom?.['x-amazon-apigateway-authorizer']).toEqual({
      type: 'request',
      identitySource: '$request.header.X-Token',
      authorizerUri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations',
      authorizerPayloadFormatVersion: '2.0',
      enableSimpleResponses: true,
      authorizerResultTtlInSeconds: 60,
    });
    expect(schemes.sigv4).toMatchObject({ type: 'apiKey', 'x-amazon-apigateway-authtype': 'awsSigv4' });
  });

  test('exports CORS as x-amazon-apigateway-cors and the stage as the servers base path', async () => {
    const api = await booksApi();
    const document = exportOpenApi(api, { stage: 'prod' });
    expect(document['x-amazon-apigateway-cors']).toEqual({
      allowOrigins: ['https://example.com'],
      allowMethods: ['GET', 'POST'],
      allowHeaders: ['authorization'],
      maxAge: 600,
    });
    expect(document.servers).toEqual([{ url: `https://${api.apiId}.execute-api.us-east-1.amazonaws.com/{basePath}`, variables: { basePath: { default: 'prod' } } }]);
    expect((exportOpenApi(api, { stage: '$default' }).servers as { variables: { basePath: { default: string } } }[])[0]?.variables.basePath.default).toBe('');
  });
});

describe('exportOpenApi, checked by an OpenAPI validator', () => {
  test('the exported document validates against the OpenAPI 3.0 schema', async () => {
    const parser = (await import('@apidevtools/swagger-parser')).default;
    const document = exportOpenApi(await booksApi(), { stage: 'prod' });
    // validate() dereferences in place: give it a copy.
    await expect(parser.validate(structuredClone(document) as never)).resolves.toBeDefined();
  });
});
