import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { handleHttpRequest } from './handle-http-request.js';
import {
  FakeInvoker,
  FakeUpstream,
  deps,
  headerMap,
  httpApi,
  httpIntegration,
  lambdaIntegration,
  request,
  returns,
  route,
  stage,
} from './http-test-fixtures.js';
import { evaluateJsonPath, evaluateMappingValue, type MappingSources } from './mapping-value.js';
import { parseMappingKey } from './parameter-mapping.js';
import type { UpstreamResponse } from './types.js';

const sources: MappingSources = {
  requestHeader: (name) => (name.toLowerCase() === 'x-a' ? ['1', '2'] : []),
  requestQuery: (name) => (name === 'q' ? ['x', 'y'] : []),
  requestBody: '{"user":{"id":7,"name":"ann"},"items":[{"sku":"s1"}]}',
  requestPath: '/pets/7',
  pathParameters: { id: '7' },
  context: (name) => (name === 'requestId' ? 'RID=' : undefined),
  stageVariables: { env: 'dev' },
};

describe('evaluateMappingValue', () => {
  it.each([
    ['$request.header.X-A', '1,2'],
    ['$request.querystring.q', 'x,y'],
    ['$request.body.user.name', 'ann'],
    ['$request.body.user', '{"id":7,"name":"ann"}'],
    ["$request.body.items[0]['sku']", 's1'],
    ['$request.path', '/pets/7'],
    ['$request.path.id', '7'],
    ['$context.requestId', 'RID='],
    ['$stageVariables.env', 'dev'],
    ['${request.path.id}-${stageVariables.env}', '7-dev'],
    ['static value', 'static value'],
    ['$request.header.missing', ''],
    ['$request.body..user', ''],
  ])('evaluates %s', (expression, expected) => {
    expect(evaluateMappingValue(expression, sources)).toBe(expected);
  });

  it('gives nothing for JSONPath over a body that is not JSON', () => {
    expect(evaluateJsonPath('not json', '.a')).toBeUndefined();
  });
});

describe('parseMappingKey', () => {
  it('reads header, query string, path and status code targets', () => {
    expect(parseMappingKey('append:header.X-Y')).toEqual({ operation: 'append', target: 'header', name: 'X-Y' });
    expect(parseMappingKey('remove:querystring.q')).toEqual({ operation: 'remove', target: 'querystring', name: 'q' });
    expect(parseMappingKey('overwrite:path')).toEqual({ operation: 'overwrite', target: 'path', name: '' });
    expect(parseMappingKey('overwrite:statuscode')).toEqual({ operation: 'overwrite', target: 'statuscode', name: '' });
    expect(parseMappingKey('integration.request.header.x')).toBeUndefined();
  });
});

describe('parameter mapping on HTTP proxy integrations', () => {
  async function proxy(requestParameters: Record<string, string>, target: string, answer?: UpstreamResponse, responseParameters = {}) {
    const upstream = new FakeUpstream(() => answer ?? { kind: 'response', statusCode: 200, headers: [['x-backend', 'b']], body: Buffer.from('{"n":1}') });
    const api = httpApi({
      routes: [route('GET /pets/{id}')],
      integrations: [httpIntegration('http://b.example/pets/{id}', { requestParameters, responseParameters })],
      stages: [stage('dev', { env: 'dev' })],
    });
    const response = await handleHttpRequest(
      api,
      request('GET', target, { headers: [['X-Keep', 'k'], ['X-Drop', 'd'], ['X-Twice', '1']] }),
      deps({ forward: upstream.forward }),
    );
    return { response, sent: upstream.requests[0] };
  }

  it('appends, overwrites and removes headers and query parameters', async () => {
    const { sent } = await proxy(
      {
        'append:header.X-Twice': '2',
        'overwrite:header.X-Keep': '$request.path.id',
        'remove:header.X-Drop': "''",
        'overwrite:header.X-Stage': '$stageVariables.env',
        'append:querystring.a': 'added value',
        'overwrite:querystring.b': 'new',
        'remove:querystring.c': "''",
      },
      '/dev/pets/7?b=old&c=1&keep=%2F',
    );
    expect(sent?.url).toBe('http://b.example/pets/7?keep=%2F&a=added%20value&b=new');
    expect(headerMap(sent?.headers ?? [])).toMatchObject({ 'x-twice': ['1', '2'], 'x-keep': ['7'], 'x-stage': ['dev'] });
    expect(headerMap(sent?.headers ?? [])['x-drop']).toBeUndefined();
  });

  it('overwrites the path the backend receives', async () => {
    const { sent } = await proxy({ 'overwrite:path': '/v2/animals/${request.path.id}' }, '/dev/pets/7?q=1');
    expect(sent?.url).toBe('http://b.example/v2/animals/7?q=1');
  });

  it('maps response headers and the status code for the matching integration status', async () => {
    const { response } = await proxy({}, '/dev/pets/7', undefined, {
      '200': { 'overwrite:statuscode': '202', 'append:header.X-N': '$response.body.n', 'remove:header.x-backend': "''" },
      '500': { 'overwrite:statuscode': '404' },
    });
    expect(response.statusCode).toBe(202);
    expect(headerMap(response.headers)).toMatchObject({ 'x-n': ['1'] });
    expect(headerMap(response.headers)['x-backend']).toBeUndefined();
  });
});

describe('parameter mapping on Lambda integrations', () => {
  it('changes the headers and query string of the event (unconfirmed)', async () => {
    const invoker = new FakeInvoker(() => returns({ statusCode: 200 }));
    const api = httpApi({
      routes: [route('GET /x')],
      integrations: [lambdaIntegration({ requestParameters: { 'overwrite:header.x-user': '$request.querystring.u', 'remove:querystring.u': "''" } })],
    });
    await handleHttpRequest(api, request('GET', '/x?u=ann&v=1'), deps({ invoker }));
    const event = invoker.event as APIGatewayProxyEventV2;
    expect(event.headers['x-user']).toBe('ann');
    expect(event.rawQueryString).toBe('v=1');
    expect(event.queryStringParameters).toEqual({ v: '1' });
  });
});
