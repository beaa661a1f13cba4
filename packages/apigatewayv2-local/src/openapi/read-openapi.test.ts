import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { ApiModel } from '../model/index.js';
import { compileRouteTable, matchRoute } from '../http/route-table.js';
import { splitPath } from '../http/request-path.js';
import { readModelFiles } from '../template/read-gateway-model.js';
import { writeFiles } from '../template/template-test-fixtures.js';
import { exportOpenApi, integrationOf } from './export-openapi.js';
import { BOOKS_TEMPLATE } from './openapi-test-fixtures.js';
import { readOpenApiDocument } from './read-openapi.js';

const ref = { stackName: 'S', logicalId: 'Api' };
const read = (document: unknown) => readOpenApiDocument(document, { ref, idFor: (pointer) => pointer });

async function readTemplate(template: object) {
  const dir = writeFiles({ 'T.template.json': template });
  return readModelFiles({ template: join(dir, 'T.template.json') });
}

/** A template whose API is only its OpenAPI Body (and the functions and stages it needs). */
function bodyOnlyTemplate(document: object, apiProperties: object = {}, extra: object = {}): object {
  const { BooksFn, AuthFn, DefaultStage, ProdStage } = BOOKS_TEMPLATE.Resources;
  return { Resources: { BooksFn, AuthFn, DefaultStage, ProdStage, Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Body: document, ...apiProperties } }, ...extra } };
}

/** What a request gets from an API: the route, its integration's target and its authorization. */
function routing(api: ApiModel, method: string, path: string): string {
  const match = matchRoute(compileRouteTable(api.routes), method, splitPath(path));
  if (match === undefined) return '404';
  const { route } = match;
  const integration = route.integrationId === undefined ? undefined : api.integrations.get(route.integrationId);
  const target = integration?.kind === 'lambda' ? `lambda ${integration.functionArn} ${integration.payloadFormatVersion}` : integration?.kind === 'http-proxy' ? `http ${integration.method} ${integration.uri} ${JSON.stringify(integration.requestParameters)}` : 'none';
  const authorizer = route.authorizerId === undefined ? undefined : api.authorizers.get(route.authorizerId);
  const auth = authorizer === undefined ? route.authorizationType : `${route.authorizationType} ${JSON.stringify({ ...authorizer, ref: undefined, authorizerId: undefined })}`;
  return `${route.routeKey} → ${target} (${auth} ${route.authorizationScopes.join(' ')}) ${JSON.stringify(match.pathParameters)} timeout ${integration?.timeoutMs}`;
}

const CORPUS: readonly [string, string][] = [
  ['GET', '/books'],
  ['POST', '/books'],
  ['PUT', '/books'],
  ['GET', '/books/42'],
  ['DELETE', '/books/42'],
  ['GET', '/books/42/pages'],
  ['PATCH', '/legacy/a/b/c'],
  ['GET', '/legacy'],
  ['OPTIONS', '/books'],
  ['GET', '/'],
  ['HEAD', '/nothing/here'],
];

describe('readOpenApiDocument', () => {
  test('serving the exported document routes a request corpus exactly as the original template', async () => {
    const original = (await readTemplate(BOOKS_TEMPLATE)).apis[0];
    if (original === undefined) throw new Error('no API');
    const document = exportOpenApi(original, { stage: 'prod' });
    const model = await readTemplate(bodyOnlyTemplate(document));
    const served = model.apis[0];
    if (served === undefined) throw new Error(`Body API not read: ${JSON.stringify(model.diagnostics)}`);
    expect(model.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(served.name).toBe('books');
    expect(served.cors).toEqual(original.cors);
    for (const [method, path] of CORPUS) expect(`${method} ${path}: ${routing(served, method, path)}`).toBe(`${method} ${path}: ${routing(original, method, path)}`);
  });

  test('route resources win over the Body routes with the same key, and the replacement is reported', async () => {
    const document = exportOpenApi((await readTemplate(BOOKS_TEMPLATE)).apis[0]);
    const { BooksIntegration } = BOOKS_TEMPLATE.Resources;
    const model = await readTemplate(
      bodyOnlyTemplate(document, {}, {
        BooksIntegration,
        ListBooks: { Type: 'AWS::ApiGatewayV2::Route', Properties: { ApiId: { Ref: 'Api' }, RouteKey: 'GET /books', AuthorizationType: 'AWS_IAM', Target: { 'Fn::Join': ['', ['integrations/', { Ref: 'BooksIntegration' }]] } } },
      }),
    );
    const api = model.apis[0];
    expect(api.routes.filter((route) => route.routeKey === 'GET /books')).toEqual([expect.objectContaining({ ref: { stackName: 'T', logicalId: 'ListBooks' }, authorizationType: 'AWS_IAM' }) as unknown]);
    expect(model.diagnostics).toContainEqual(expect.objectContaining({ logicalId: 'ListBooks', message: expect.stringContaining('replaced by this route resource') as unknown }));
  });

  test('reads shared integrations ($ref), the default security and JWT scopes', () => {
    const { parts, findings } = read({
      openapi: '3.0.1',
      info: { title: 't', version: '1' },
      security: [{ jwt: ['read'] }],
      paths: {
        '/a': { get: { 'x-amazon-apigateway-integration': { $ref: '#/components/x-amazon-apigateway-integrations/fn' } } },
        '/b': { post: { security: [], 'x-amazon-apigateway-integration': { $ref: '#/components/x-amazon-apigateway-integrations/fn' } } },
      },
      components: {
        securitySchemes: { jwt: { type: 'oauth2', 'x-amazon-apigateway-authorizer': { type: 'jwt', identitySource: '$request.header.Authorization', jwtConfiguration: { issuer: 'https://i', audience: ['a'] } } } },
        'x-amazon-apigateway-integrations': { fn: { type: 'AWS_PROXY', uri: 'arn:aws:lambda:us-east-1:1:function:f', payloadFormatVersion: '2.0' } },
      },
    });
    expect(findings).toEqual([]);
    expect(parts?.integrations.size).toBe(1);
    expect(parts?.routes.map((route) => [route.routeKey, route.authorizationType, route.authorizationScopes, route.integrationId])).toEqual([
      ['GET /a', 'JWT', ['read'], '/components/x-amazon-apigateway-integrations/fn'],
      ['POST /b', 'NONE', [], '/components/x-amazon-apigateway-integrations/fn'],
    ]);
  });

  test.each([
    ['not OpenAPI 3', { swagger: '2.0', paths: {} }, '/openapi', 'must be an OpenAPI 3.0 version'],
    ['an unknown integration type', { openapi: '3.0.1', paths: { '/a': { get: { 'x-amazon-apigateway-integration': { type: 'mock' } } } } }, '/paths/~1a/get/x-amazon-apigateway-integration/type', 'aws_proxy or http_proxy'],
    ['a route key API Gateway rejects', { openapi: '3.0.1', paths: { '/a/': { get: {} } } }, '/paths/~1a~1', 'must not end with /'],
    ['an authorizer reference to nothing', { openapi: '3.0.1', paths: { '/a': { get: { security: [{ nope: [] }] } } } }, '/paths/~1a/get/security/0/nope', "security scheme 'nope'"],
    ['a $ref to no integration', { openapi: '3.0.1', paths: { '/a': { get: { 'x-amazon-apigateway-integration': { $ref: '#/components/x-amazon-apigateway-integrations/x' } } } } }, '/paths/~1a/get/x-amazon-apigateway-integration/$ref', 'must name an integration'],
  ])('refuses %s, naming the JSON pointer and the rule, and gives no parts', (_name, document, pointer, rule) => {
    const { parts, findings } = read(document);
    expect(parts).toBeUndefined();
    expect(findings).toContainEqual(expect.objectContaining({ severity: 'error', pointer, message: expect.stringContaining(rule) as unknown }));
  });

  test('a template whose Body has an error serves nothing of the API and says where the error is', async () => {
    const model = await readTemplate(bodyOnlyTemplate({ openapi: '3.0.1', paths: { '/a': { trace: {} } } }));
    expect(model.apis).toEqual([]);
    expect(model.diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', logicalId: 'Api', property: 'Body', message: expect.stringContaining('Body#/paths/~1a/trace: ') as unknown }));
  });

  test('names what the document uses and the gateway does not emulate', () => {
    const { parts, findings } = read({ openapi: '3.0.1', 'x-amazon-apigateway-tag-value': 'x', paths: { '/a': { get: { 'x-amazon-apigateway-integration': { type: 'aws_proxy', integrationSubtype: 'Kinesis-PutRecord' } } } } });
    expect(parts?.routes).toHaveLength(1);
    expect(findings.map((finding) => finding.pointer)).toEqual(['/x-amazon-apigateway-tag-value', '/paths/~1a/get/x-amazon-apigateway-integration/integrationSubtype', '/paths/~1a/get']);
  });

  test('reads AWS service integrations the gateway serves (SQS, EventBridge, Step Functions) with their role, as the export writes them', () => {
    const integration = { type: 'aws_proxy', integrationSubtype: 'SQS-SendMessage', credentials: 'arn:aws:iam::1:role/r', payloadFormatVersion: '1.0', requestParameters: { QueueUrl: 'https://sqs/q', MessageBody: '$request.body' } };
    const { parts, findings } = read({ openapi: '3.0.1', paths: { '/orders': { post: { 'x-amazon-apigateway-integration': integration } } } });
    expect(findings).toEqual([]);
    const model = [...(parts?.integrations.values() ?? [])][0];
    expect(model).toMatchObject({ kind: 'aws-service', subtype: 'SQS-SendMessage', credentialsArn: 'arn:aws:iam::1:role/r', requestParameters: integration.requestParameters });
    expect(integrationOf(model)).toMatchObject({ type: 'aws_proxy', integrationSubtype: 'SQS-SendMessage', credentials: 'arn:aws:iam::1:role/r', requestParameters: integration.requestParameters });
  });
});
