import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { GatewayModel } from '../model/index.js';
import { findFunction } from './find-function.js';
import { readModelFiles as readGatewayModel } from './read-gateway-model.js';
import { writeFiles } from './template-test-fixtures.js';

async function readJson(template: object): Promise<GatewayModel> {
  const dir = writeFiles({ 'Features.template.json': template });
  return readGatewayModel({ template: join(dir, 'Features.template.json') });
}

const fnArn = { 'Fn::GetAtt': ['Fn', 'Arn'] };
const fn = { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'fn', Runtime: 'nodejs22.x', Handler: 'i.h', Code: { ZipFile: 'x' } } };

describe('readGatewayModel API features', () => {
  test('quick create builds the $default stage, route and Lambda integration with payload 2.0', async () => {
    const model = await readJson({ Resources: { Fn: fn, Quick: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'q', ProtocolType: 'HTTP', Target: fnArn } } } });
    const api = model.apis[0];
    expect(api.stages).toMatchObject([{ name: '$default', autoDeploy: true }]);
    expect(api.routes).toMatchObject([{ routeKey: '$default', authorizationType: 'NONE' }]);
    expect(api.integrations.get(api.routes[0].integrationId!)).toMatchObject({ kind: 'lambda', functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:fn', payloadFormatVersion: '2.0', timeoutMs: 30_000 });
  });

  test('quick create with a URL target and a route key builds an HTTP proxy route', async () => {
    const model = await readJson({ Resources: { Quick: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'q', ProtocolType: 'HTTP', Target: 'https://example.com', RouteKey: 'GET /x' } } } });
    const api = model.apis[0];
    expect(api.routes[0].routeKey).toBe('GET /x');
    expect(api.integrations.get(api.routes[0].integrationId!)).toMatchObject({ kind: 'http-proxy', uri: 'https://example.com', method: 'ANY' });
  });

  test('reads HTTP proxy integrations through a VPC link, parameter mappings in both forms, and custom domains', async () => {
    const model = await readJson({
      Resources: {
        Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'a', ProtocolType: 'HTTP', CorsConfiguration: { AllowOrigins: ['*'], AllowCredentials: false, ExposeHeaders: ['x-id'] } } },
        Stage: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: { Ref: 'Api' }, StageName: '$default', AutoDeploy: true } },
        Link: { Type: 'AWS::ApiGatewayV2::VpcLink', Properties: { Name: 'l', SubnetIds: [] } },
        Private: {
          Type: 'AWS::ApiGatewayV2::Integration',
          Properties: {
            ApiId: { Ref: 'Api' },
            IntegrationType: 'HTTP_PROXY',
            IntegrationMethod: 'GET',
            IntegrationUri: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/x/1/2',
            ConnectionType: 'VPC_LINK',
            ConnectionId: { Ref: 'Link' },
            TlsConfig: { ServerNameToVerify: 'backend.internal' },
            PayloadFormatVersion: '1.0',
            RequestParameters: { 'append:header.x-from': '$context.requestId' },
            ResponseParameters: {
              '200': { ResponseParameters: [{ Destination: 'overwrite:header.x-a', Source: 'a' }] },
              '404': { 'overwrite:statuscode': '204' },
            },
          },
        },
        Route: { Type: 'AWS::ApiGatewayV2::Route', Properties: { ApiId: { Ref: 'Api' }, RouteKey: 'GET /p', Target: { 'Fn::Sub': 'integrations/${Private}' } } },
        Domain: { Type: 'AWS::ApiGatewayV2::DomainName', Properties: { DomainName: 'api.example.com', DomainNameConfigurations: [{ CertificateArn: 'x' }] } },
        Mapping: { Type: 'AWS::ApiGatewayV2::ApiMapping', Properties: { DomainName: { Ref: 'Domain' }, ApiId: { Ref: 'Api' }, Stage: { Ref: 'Stage' }, ApiMappingKey: 'v1/orders/' } },
      },
    });
    const api = model.apis[0];
    expect(api.cors).toEqual({ allowOrigins: ['*'], allowMethods: [], allowHeaders: [], exposeHeaders: ['x-id'], allowCredentials: false });
    const integration = api.integrations.get(api.routes[0].integrationId!);
    expect(integration).toMatchObject({
      kind: 'http-proxy',
      method: 'GET',
      connectionType: 'VPC_LINK',
      connectionId: expect.stringMatching(/^[a-z0-9]{7}$/) as unknown,
      serverNameToVerify: 'backend.internal',
      requestParameters: { 'append:header.x-from': '$context.requestId' },
      responseParameters: { '200': { 'overwrite:header.x-a': 'a' }, '404': { 'overwrite:statuscode': '204' } },
    });
    expect(model.domains).toEqual([
      { ref: { stackName: 'Features', logicalId: 'Domain' }, domainName: 'api.example.com', mappings: [{ ref: { stackName: 'Features', logicalId: 'Mapping' }, apiId: api.apiId, stage: '$default', apiMappingKey: 'v1/orders' }] },
    ]);
    expect(model.diagnostics.map((d) => `${d.severity} ${d.logicalId} ${d.code}`)).toEqual(['info Link IGNORED_RESOURCE']);
  });

  test('reads WebSocket models, and MOCK integrations with their templates and integration responses', async () => {
    const model = await readJson({
      Resources: {
        Ws: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'ws', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.type', ApiKeySelectionExpression: '$request.header.x-api-key' } },
        Stage: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: { Ref: 'Ws' }, StageName: 'prod' } },
        Schema: { Type: 'AWS::ApiGatewayV2::Model', Properties: { ApiId: { Ref: 'Ws' }, Name: 'Msg', ContentType: 'application/json', Schema: '{"type":"object","required":["text"]}' } },
        Mock: { Type: 'AWS::ApiGatewayV2::Integration', Properties: { ApiId: { Ref: 'Ws' }, IntegrationType: 'MOCK', RequestTemplates: { '200': '{"statusCode":200}' } } },
        Route: {
          Type: 'AWS::ApiGatewayV2::Route',
          Properties: { ApiId: { Ref: 'Ws' }, RouteKey: 'ping', Target: { 'Fn::Join': ['/', ['integrations', { Ref: 'Mock' }]] }, ModelSelectionExpression: 'default', RequestModels: { default: 'Msg' }, ApiKeyRequired: true },
        },
        Response: { Type: 'AWS::ApiGatewayV2::IntegrationResponse', Properties: { ApiId: { Ref: 'Ws' }, IntegrationId: { Ref: 'Mock' }, IntegrationResponseKey: '$default', ResponseTemplates: { a: 'b' } } },
      },
    });
    const ws = model.apis[0];
    expect(ws).toMatchObject({ protocol: 'WEBSOCKET', routeSelectionExpression: '$request.body.type', apiKeySelectionExpression: '$request.header.x-api-key' });
    expect(ws.models.get('Msg')).toEqual({ name: 'Msg', contentType: 'application/json', schema: { type: 'object', required: ['text'] } });
    expect(ws.routes[0]).toMatchObject({ routeKey: 'ping', modelSelectionExpression: 'default', requestModels: { default: 'Msg' }, apiKeyRequired: true, routeResponseKeys: [] });
    expect(ws.integrations.get(ws.routes[0].integrationId!)).toMatchObject({
      kind: 'mock',
      timeoutMs: 29_000,
      requestTemplates: { '200': '{"statusCode":200}' },
      integrationResponses: [{ key: '$default', responseTemplates: { a: 'b' } }],
    });
    expect(model.diagnostics).toEqual([]);
  });

  test('API ids are stable across reads and differ between logical ids', async () => {
    const template = { Resources: { A: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'a', ProtocolType: 'HTTP' } }, B: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'b', ProtocolType: 'HTTP' } } } };
    const first = await readJson(template);
    const second = await readJson(template);
    expect(first.apis.map((a) => a.apiId)).toEqual(second.apis.map((a) => a.apiId));
    expect(first.apis[0].apiId).not.toBe(first.apis[1].apiId);
    expect(first.apis.map((a) => a.apiId).every((id) => /^[a-z0-9]{10}$/.test(id))).toBe(true);
  });
});

describe('readGatewayModel validates routes and integrations as API Gateway does', () => {
  const api = { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'a', ProtocolType: 'HTTP' } };
  const stage = { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: { Ref: 'Api' }, StageName: '$default' } };
  const route = (routeKey: string): object => ({ Type: 'AWS::ApiGatewayV2::Route', Properties: { ApiId: { Ref: 'Api' }, RouteKey: routeKey } });

  test('drops route keys API Gateway would reject, and a second route with the same key', async () => {
    const model = await readJson({
      Resources: {
        Api: api,
        Stage: stage,
        Ok: route('GET /pets/{id}'),
        Root: route('GET /'),
        Greedy: route('ANY /{proxy+}'),
        Default: route('$default'),
        Trailing: route('GET /pets/'),
        Lower: route('get /pets'),
        Partial: route('GET /a{b}'),
        GreedyMiddle: route('GET /{p+}/x'),
        Same: route('GET /pets/{id}'),
      },
    });
    expect(model.apis[0].routes.map((r) => r.ref.logicalId).sort()).toEqual(['Default', 'Greedy', 'Ok', 'Root']);
    const messages = Object.fromEntries(model.diagnostics.map((d) => [d.logicalId, d.message]));
    expect(messages.Trailing).toContain('must not end with /');
    expect(messages.Lower).toContain("must be '$default' or 'METHOD /path'");
    expect(messages.Partial).toContain('whole segment');
    expect(messages.GreedyMiddle).toContain('must be the last segment');
    expect(messages.Same).toBe("route key 'GET /pets/{id}' is already used by Ok; this route is not served");
  });

  test('an out-of-range TimeoutInMillis is reported and the default used', async () => {
    const model = await readJson({
      Resources: {
        Fn: fn,
        Api: api,
        Stage: stage,
        Int: { Type: 'AWS::ApiGatewayV2::Integration', Properties: { ApiId: { Ref: 'Api' }, IntegrationType: 'AWS_PROXY', IntegrationUri: fnArn, PayloadFormatVersion: '2.0', TimeoutInMillis: 60000 } },
      },
    });
    expect([...model.apis[0].integrations.values()][0].timeoutMs).toBe(30_000);
    expect(model.diagnostics).toMatchObject([{ logicalId: 'Int', property: 'TimeoutInMillis', code: 'INVALID_PROPERTY' }]);
  });

  test('aliases and versions resolve to their function', async () => {
    const model = await readJson({
      Resources: {
        Fn: fn,
        Api: api,
        Stage: stage,
        Live: { Type: 'AWS::Lambda::Alias', Properties: { FunctionName: { Ref: 'Fn' }, FunctionVersion: { 'Fn::GetAtt': ['V1', 'Version'] }, Name: 'live' } },
        V1: { Type: 'AWS::Lambda::Version', Properties: { FunctionName: { Ref: 'Fn' } } },
        ToAlias: { Type: 'AWS::ApiGatewayV2::Integration', Properties: { ApiId: { Ref: 'Api' }, IntegrationType: 'AWS_PROXY', IntegrationUri: { Ref: 'Live' }, PayloadFormatVersion: '2.0' } },
        ToVersion: { Type: 'AWS::ApiGatewayV2::Integration', Properties: { ApiId: { Ref: 'Api' }, IntegrationType: 'AWS_PROXY', IntegrationUri: { Ref: 'V1' }, PayloadFormatVersion: '2.0' } },
      },
    });
    const arns = [...model.apis[0].integrations.values()].map((i) => (i.kind === 'lambda' ? i.functionArn : ''));
    expect(arns[0]).toBe('arn:aws:lambda:us-east-1:123456789012:function:fn:live');
    expect(arns[1]).toMatch(/^arn:aws:lambda:us-east-1:123456789012:function:fn:\d+$/);
    expect(arns.map((arn) => findFunction(model, arn)?.functionName)).toEqual(['fn', 'fn']);
    expect(model.diagnostics).toEqual([]);
  });
});
