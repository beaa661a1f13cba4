import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { GatewayModel } from '../model/index.js';
import { readModelFiles as readGatewayModel } from './read-gateway-model.js';
import { writeFiles } from './template-test-fixtures.js';

async function readJson(template: object): Promise<GatewayModel> {
  const dir = writeFiles({ 'Ws.template.json': template });
  return readGatewayModel({ template: join(dir, 'Ws.template.json') });
}

const api = { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'ws', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' } };
const apiId = { Ref: 'Api' };

describe('reading WebSocket MOCK and HTTP integrations', () => {
  test('reads request templates, integration responses and route responses of a MOCK ping route', async () => {
    const model = await readJson({
      Resources: {
        Api: api,
        Mock: { Type: 'AWS::ApiGatewayV2::Integration', Properties: { ApiId: apiId, IntegrationType: 'MOCK', RequestTemplates: { $default: '{"statusCode": 200}' }, TemplateSelectionExpression: '\\$default' } },
        Pong: {
          Type: 'AWS::ApiGatewayV2::IntegrationResponse',
          Properties: { ApiId: apiId, IntegrationId: { Ref: 'Mock' }, IntegrationResponseKey: '/200/', ResponseTemplates: { $default: '{"action":"pong"}' }, TemplateSelectionExpression: '\\$default' },
        },
        Ping: { Type: 'AWS::ApiGatewayV2::Route', Properties: { ApiId: apiId, RouteKey: 'ping', Target: { 'Fn::Join': ['', ['integrations/', { Ref: 'Mock' }]] }, RouteResponseSelectionExpression: '$default' } },
        PingResponse: { Type: 'AWS::ApiGatewayV2::RouteResponse', Properties: { ApiId: apiId, RouteId: { Ref: 'Ping' }, RouteResponseKey: '$default' } },
        Stage: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: apiId, StageName: 'dev' } },
      },
    });
    const [read] = model.apis;
    expect(read.routes[0]).toMatchObject({ routeKey: 'ping', routeResponseKeys: ['$default'] });
    expect(read.integrations.get(read.routes[0].integrationId!)).toMatchObject({
      kind: 'mock',
      requestTemplates: { $default: '{"statusCode": 200}' },
      templateSelectionExpression: '\\$default',
      integrationResponses: [{ key: '/200/', responseTemplates: { $default: '{"action":"pong"}' }, ref: { logicalId: 'Pong' } }],
    });
    expect(model.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  test('reports what a template uses that is not rendered, by logical id and property', async () => {
    const model = await readJson({
      Resources: {
        Api: api,
        Mock: { Type: 'AWS::ApiGatewayV2::Integration', Properties: { ApiId: apiId, IntegrationType: 'MOCK', RequestTemplates: { $default: '#if(1){"statusCode": 200}#end' } } },
        Out: { Type: 'AWS::ApiGatewayV2::IntegrationResponse', Properties: { ApiId: apiId, IntegrationId: { Ref: 'Mock' }, IntegrationResponseKey: '$default', ResponseTemplates: { $default: '$util.escapeJavaScript($input.body)' } } },
      },
    });
    expect(model.diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ severity: 'warning', logicalId: 'Mock', property: 'RequestTemplates.$default', message: expect.stringContaining('#if, #end') as string }),
        expect.objectContaining({ severity: 'warning', logicalId: 'Out', property: 'ResponseTemplates.$default', message: expect.stringContaining('$util.escapeJavaScript') as string }),
      ]),
    );
  });

  test('reads non-proxy HTTP and AWS service integrations as templated forwards (an AWS service one to its --backend only)', async () => {
    const model = await readJson({
      Resources: {
        Api: api,
        Http: { Type: 'AWS::ApiGatewayV2::Integration', Properties: { ApiId: apiId, IntegrationType: 'HTTP', IntegrationMethod: 'POST', IntegrationUri: 'https://example.com/in', RequestTemplates: { $default: '$input.body' } } },
        Sqs: { Type: 'AWS::ApiGatewayV2::Integration', Properties: { ApiId: apiId, IntegrationType: 'AWS', IntegrationUri: 'arn:aws:apigateway:us-east-1:sqs:path/123/queue', IntegrationMethod: 'POST' } },
      },
    });
    const [read] = model.apis;
    expect([...read.integrations.values()]).toMatchObject([
      { kind: 'http-proxy', uri: 'https://example.com/in', method: 'POST', templated: true, requestTemplates: { $default: '$input.body' } },
      { kind: 'http-proxy', uri: 'https://sqs.us-east-1.amazonaws.com/123/queue', method: 'POST', templated: true, awsService: 'sqs' },
    ]);
    expect(model.diagnostics).toEqual([expect.objectContaining({ logicalId: 'Api', message: expect.stringContaining('no stage') as string })]);
  });
});
