import { describe, expect, it } from 'vitest';
import type { IntegrationResponseModel, MockIntegrationModel } from '../model/index.js';
import { MOCK_DEFAULT_STATUS, mockStatus, renderIntegrationResponse, renderRequestTemplate, selectIntegrationResponse } from './integration-responses.js';
import type { TemplateInput } from './mapping-template.js';

const ref = { stackName: 'S', logicalId: 'Mock' };
const response = (key: string, template?: string): IntegrationResponseModel => ({ ref, key, responseTemplates: template === undefined ? {} : { $default: template } });
const mock = (extra: Partial<MockIntegrationModel> = {}): MockIntegrationModel => ({
  ref, integrationId: 'm1', kind: 'mock', timeoutMs: 29_000, requestParameters: {}, responseParameters: {}, ...extra,
});
const input = (body: string): TemplateInput => ({ body, context: (name) => (name === 'connectionId' ? 'Conn=' : undefined), stageVariables: {} });

describe('WebSocket integration requests and responses', () => {
  it('takes the status from the request template the selection expression picks, else $default', () => {
    const integration = mock({
      requestTemplates: { $default: '{"statusCode": 200}', deny: '{"statusCode": 403}' },
      templateSelectionExpression: '$request.body.action',
    });
    expect(mockStatus(renderRequestTemplate(integration, input('{"action":"deny"}')))).toBe(403);
    expect(mockStatus(renderRequestTemplate(integration, input('{"action":"other"}')))).toBe(200);
    expect(mockStatus(renderRequestTemplate(mock({ requestTemplates: { $default: '{"statusCode": 500}' }, templateSelectionExpression: '\\$default' }), input('')))).toBe(500);
  });

  it('gives the default status without a template or without a statusCode in it', () => {
    expect(mockStatus(renderRequestTemplate(mock(), input('')))).toBe(MOCK_DEFAULT_STATUS);
    expect(mockStatus('{"other": 1}')).toBe(MOCK_DEFAULT_STATUS);
    expect(mockStatus('{"statusCode": "404"}')).toBe(404);
  });

  it('uses a single template whatever its key when there is no selection expression (aws-cdk-lib keys it application/json)', () => {
    expect(mockStatus(renderRequestTemplate(mock({ requestTemplates: { 'application/json': '{"statusCode": 418}' } }), input('')))).toBe(418);
    const selected = mock({ requestTemplates: { 'application/json': '{"statusCode": 418}' }, templateSelectionExpression: '\\$default' });
    expect(mockStatus(renderRequestTemplate(selected, input('')))).toBe(MOCK_DEFAULT_STATUS);
  });

  it('selects the integration response by $integration.response.statusCode: a matching /regex/ key, else $default', () => {
    const responses = [response('$default', 'd'), response('/4\\d\\d/', 'client'), response('/200/', 'ok')];
    expect(selectIntegrationResponse(responses, 200)?.key).toBe('/200/');
    expect(selectIntegrationResponse(responses, 404)?.key).toBe('/4\\d\\d/');
    expect(selectIntegrationResponse(responses, 2000)?.key).toBe('$default');
    expect(selectIntegrationResponse([response('/2\\d\\d/')], 500)).toBeUndefined();
  });

  it('renders the selected response template; a mock without one sends nothing, an HTTP integration its body', () => {
    const integration = mock({ integrationResponses: [response('/200/', '{"action":"pong","id":"$context.connectionId","got":$input.json(\'$.n\')}')] });
    expect(renderIntegrationResponse(integration, 200, input('{"n":1}'))).toBe('{"action":"pong","id":"Conn=","got":1}');
    expect(renderIntegrationResponse(integration, 500, input('{"n":1}'))).toBeUndefined();
    const http = { ...mock(), kind: 'http-proxy', uri: 'http://x', method: 'POST', connectionType: 'INTERNET', templated: true } as const;
    expect(renderIntegrationResponse(http, 200, input('from backend'))).toBe('from backend');
  });
});
