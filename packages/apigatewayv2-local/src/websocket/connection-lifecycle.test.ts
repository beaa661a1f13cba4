import { describe, expect, it } from 'vitest';
import type { RouteAccessRequest } from '../gateway/route-access.js';
import type { WebSocketEvent } from './build-websocket-event.js';
import { connectClient, type ConnectOutcome } from './connect-client.js';
import { disconnectClient, receiveMessage } from './connection-lifecycle.js';
import { FakeUpstream, httpIntegration } from '../http/http-test-fixtures.js';
import type { IntegrationModel, MockIntegrationModel, RouteModel } from '../model/index.js';
import type { ConnectionContext } from './types.js';
import { compileWebSocketApi, type CompiledWebSocketApi } from './websocket-api.js';
import { CONNECTED_AT, FakeInvoker, returns, upgrade, webSocketApi, wsDeps, wsRoute } from './websocket-test-fixtures.js';

function accepted(outcome: ConnectOutcome): ConnectionContext {
  if (outcome.kind !== 'accepted') throw new Error(`refused with ${outcome.status}`);
  return outcome.connection;
}

describe('connectClient ($connect before the handshake)', () => {
  it('opens the connection without a $connect route', async () => {
    const outcome = await connectClient(compileWebSocketApi(webSocketApi([])), upgrade(), wsDeps());
    expect(outcome).toMatchObject({ kind: 'accepted', log: { eventType: 'CONNECT', status: 101 } });
    expect(accepted(outcome)).toMatchObject({ connectionId: 'Conn00000000001=', connectedAt: CONNECTED_AT, domainName: '127.0.0.1:3001' });
  });

  it('sends the CONNECT event with headers, query string and stage variables', async () => {
    const invoker = new FakeInvoker(() => returns({ statusCode: 200 }));
    await connectClient(compileWebSocketApi(webSocketApi([wsRoute('$connect')])), upgrade('/dev', 'token=a&token=b&x=1'), wsDeps({ invoker }));
    const event = invoker.event as WebSocketEvent;
    expect(event).toEqual({
      headers: {
        Host: '127.0.0.1:3001',
        'User-Agent': 'wscat/5',
        'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
        'X-Forwarded-For': '203.0.113.7',
        'X-Forwarded-Port': '3001',
        'X-Forwarded-Proto': 'http',
        'X-Amzn-Trace-Id': expect.stringMatching(/^Root=1-5fd5ea4b-[0-9a-f]{24}$/) as string,
      },
      multiValueHeaders: expect.objectContaining({ Host: ['127.0.0.1:3001'] }) as Record<string, string[]>,
      queryStringParameters: { token: 'b', x: '1' },
      multiValueQueryStringParameters: { token: ['a', 'b'], x: ['1'] },
      requestContext: {
        routeKey: '$connect',
        eventType: 'CONNECT',
        extendedRequestId: 'Mc7UVioPPHcEKPA=',
        requestTime: '13/Dec/2020:10:17:47 +0000',
        messageDirection: 'IN',
        stage: 'dev',
        connectedAt: CONNECTED_AT,
        requestTimeEpoch: CONNECTED_AT,
        identity: { sourceIp: '203.0.113.7', userAgent: 'wscat/5' },
        requestId: 'Mc7UVioPPHcEKPA=',
        domainName: '127.0.0.1:3001',
        connectionId: 'Conn00000000001=',
        apiId: 'abc123defg',
      },
      stageVariables: { color: 'blue' },
      isBase64Encoded: false,
    });
  });

  it('refuses the upgrade with the status the function returns, and accepts 2xx with its subprotocol', async () => {
    const api = compileWebSocketApi(webSocketApi([wsRoute('$connect')]));
    const refused = await connectClient(api, upgrade(), wsDeps({ invoker: new FakeInvoker(() => returns({ statusCode: 401, body: 'no' })) }));
    expect(refused).toMatchObject({ kind: 'rejected', status: 401, body: Buffer.from('{"message":"Unauthorized"}') });
    const teapot = await connectClient(api, upgrade(), wsDeps({ invoker: new FakeInvoker(() => returns({ statusCode: 418 })) }));
    expect(teapot).toMatchObject({ kind: 'rejected', status: 418, body: Buffer.alloc(0) });
    const withProtocol = await connectClient(
      api,
      upgrade(),
      wsDeps({ invoker: new FakeInvoker(() => returns({ statusCode: 200, headers: { 'Sec-WebSocket-Protocol': 'chat' } })) }),
    );
    expect(withProtocol).toMatchObject({ kind: 'accepted', subprotocol: 'chat' });
    const noStatus = await connectClient(api, upgrade(), wsDeps({ invoker: new FakeInvoker(() => returns(null)) }));
    expect(noStatus.kind).toBe('accepted');
  });

  it('refuses with 502 when the function fails and 504 when the integration times out', async () => {
    const api = compileWebSocketApi(webSocketApi([wsRoute('$connect')]));
    const failing = new FakeInvoker(() => ({ kind: 'function-error', errorType: 'Error', errorMessage: 'boom', trace: [] }));
    expect(await connectClient(api, upgrade(), wsDeps({ invoker: failing }))).toMatchObject({ kind: 'rejected', status: 502 });
    const slowApi = webSocketApi([wsRoute('$connect')]);
    const slow = { ...slowApi, integrations: new Map([...slowApi.integrations].map(([id, i]) => [id, { ...i, timeoutMs: 5 }])) };
    const never = new FakeInvoker(() => new Promise(() => undefined));
    expect(await connectClient(compileWebSocketApi(slow), upgrade(), wsDeps({ invoker: never }))).toMatchObject({ kind: 'rejected', status: 504 });
  });

  it('refuses an unknown stage with 404 without running $connect', async () => {
    const invoker = new FakeInvoker(() => returns({ statusCode: 200 }));
    const outcome = await connectClient(compileWebSocketApi(webSocketApi([wsRoute('$connect')])), upgrade('/prod'), wsDeps({ invoker }));
    expect(outcome).toMatchObject({ kind: 'rejected', status: 404 });
    expect(invoker.calls).toHaveLength(0);
  });

  it('asks authorizeRoute about $connect and carries the authorizer result on every later event', async () => {
    const asked: RouteAccessRequest[] = [];
    const invoker = new FakeInvoker(() => returns({ statusCode: 200 }));
    const deps = wsDeps({
      invoker,
      authorizeRoute: (request) => {
        asked.push(request);
        return Promise.resolve({ kind: 'allowed', authorizer: { kind: 'lambda', principalId: 'user-1', context: { tier: 'gold' } } });
      },
    });
    const api = compileWebSocketApi(webSocketApi([wsRoute('$connect'), wsRoute('$default')]));
    const connection = accepted(await connectClient(api, upgrade('/dev', 'token=t'), deps));
    expect(asked[0]).toMatchObject({
      request: { method: 'GET', path: '/dev', rawQueryString: 'token=t' },
      route: { routeKey: '$connect' },
      resourceArn: 'arn:aws:execute-api:us-east-1:123456789012:abc123defg/dev/$connect',
    });
    expect(asked[0]?.contextVariable?.('connectionId')).toBe('Conn00000000001=');
    await receiveMessage(api, connection, 'hi', deps);
    const events = invoker.calls.map((call) => call.request.event as WebSocketEvent);
    expect(events.map((e) => e.requestContext.authorizer)).toEqual([
      { principalId: 'user-1', tier: 'gold' },
      { principalId: 'user-1', tier: 'gold' },
    ]);
  });

  it('refuses with the status authorizeRoute denies with', async () => {
    const deps = wsDeps({ authorizeRoute: () => Promise.resolve({ kind: 'denied', status: 403, reason: 'policy denies' }) });
    const outcome = await connectClient(compileWebSocketApi(webSocketApi([wsRoute('$connect')])), upgrade(), deps);
    expect(outcome).toMatchObject({ kind: 'rejected', status: 403, log: { error: 'policy denies' } });
  });
});

describe('receiveMessage', () => {
  async function open(routes = [wsRoute('echo', { twoWay: true }), wsRoute('quiet'), wsRoute('$default', { twoWay: true })]) {
    const api = compileWebSocketApi(webSocketApi(routes));
    const connection = accepted(await connectClient(api, upgrade(), wsDeps()));
    return { api, connection };
  }

  it('sends a two-way route result back and nothing for a one-way route', async () => {
    const { api, connection } = await open();
    const invoker = new FakeInvoker(() => returns({ statusCode: 200, body: 'pong' }));
    expect(await receiveMessage(api, connection, '{"action":"echo"}', wsDeps({ invoker }))).toMatchObject({ reply: 'pong', log: { routeKey: 'echo', replied: true } });
    const quiet = await receiveMessage(api, connection, '{"action":"quiet"}', wsDeps({ invoker }));
    expect(quiet.reply).toBeUndefined();
    expect(quiet.log).toMatchObject({ routeKey: 'quiet', replied: false });
  });

  it('gives the MESSAGE event a messageId and the connection facts', async () => {
    const { api, connection } = await open();
    const invoker = new FakeInvoker(() => returns('ok'));
    await receiveMessage(api, connection, '{"action":"echo"}', wsDeps({ invoker }));
    const event = invoker.event as WebSocketEvent;
    expect(event.body).toBe('{"action":"echo"}');
    expect(event.requestContext).toMatchObject({
      eventType: 'MESSAGE',
      routeKey: 'echo',
      messageId: 'Mc7UVioPPHcEKPB=',
      requestId: 'Mc7UVioPPHcEKPA=',
      connectionId: connection.connectionId,
      connectedAt: CONNECTED_AT,
      identity: { sourceIp: '203.0.113.7', userAgent: 'wscat/5' },
    });
    expect(event.headers).toBeUndefined();
  });

  it('sends the Forbidden frame when no route matches and there is no $default', async () => {
    const { api, connection } = await open([wsRoute('echo')]);
    const outcome = await receiveMessage(api, connection, '{"action":"other"}', wsDeps());
    expect(outcome.reply).toBe(`{"message": "Forbidden", "connectionId":"${connection.connectionId}", "requestId":"Mc7UVioPPHcEKPA="}`);
  });

  it('sends the Internal server error frame for a failed function, even on a one-way route', async () => {
    const { api, connection } = await open();
    const invoker = new FakeInvoker(() => ({ kind: 'runtime-error', errorType: 'Runtime.ExitError', errorMessage: 'exit 1' }));
    const outcome = await receiveMessage(api, connection, '{"action":"quiet"}', wsDeps({ invoker }));
    expect(outcome.reply).toMatch(/^\{"message": "Internal server error", "connectionId":"Conn00000000001=", "requestId":"[^"]+"\}$/);
  });
});

describe('disconnectClient', () => {
  it('runs $disconnect with the close code and reason and a minimal header set', async () => {
    const api = compileWebSocketApi(webSocketApi([wsRoute('$disconnect')]));
    const connection = accepted(await connectClient(api, upgrade(), wsDeps()));
    const invoker = new FakeInvoker(() => returns({ statusCode: 500 }));
    const record = await disconnectClient(api, connection, { statusCode: 1001, reason: 'bye' }, wsDeps({ invoker }));
    expect(record).toMatchObject({ eventType: 'DISCONNECT', routeKey: '$disconnect', status: 1001 });
    expect(record.error).toBeUndefined();
    const event = invoker.event as WebSocketEvent;
    expect(event.requestContext).toMatchObject({ eventType: 'DISCONNECT', disconnectStatusCode: 1001, disconnectReason: 'bye' });
    expect(event.headers).toEqual({ Host: '127.0.0.1:3001', 'x-api-key': '', 'X-Forwarded-For': '', 'x-restapi': '' });
  });
});

describe('MOCK and HTTP integrations on WebSocket routes', () => {
  const ref = { stackName: 'TestStack', logicalId: 'MockInteg' };
  const mockIntegration = (extra: Partial<MockIntegrationModel> = {}): MockIntegrationModel => ({
    ref, integrationId: 'Mock', kind: 'mock', timeoutMs: 29_000, requestParameters: {}, responseParameters: {},
    requestTemplates: { $default: '{"statusCode": 200}' }, ...extra,
  });
  const withIntegration = (integration: IntegrationModel, routes: RouteModel[]): CompiledWebSocketApi => {
    const api = webSocketApi(routes);
    return compileWebSocketApi({ ...api, integrations: new Map([...api.integrations, [integration.integrationId, integration]]) });
  };
  const connection = async (api: CompiledWebSocketApi): Promise<ConnectionContext> => accepted(await connectClient(api, upgrade(), wsDeps()));

  it('answers a two-way MOCK route with its integration response template, without invoking a function', async () => {
    const integration = mockIntegration({ integrationResponses: [{ ref, key: '/200/', responseTemplates: { $default: '{"action":"pong","id":"$context.connectionId","echo":$input.json(\'$.n\')}' } }] });
    const api = withIntegration(integration, [wsRoute('ping', { twoWay: true, integrationId: 'Mock' }), wsRoute('quiet', { integrationId: 'Mock' })]);
    const invoker = new FakeInvoker(() => returns({ statusCode: 200 }));
    const deps = wsDeps({ invoker });
    const open = await connection(api);
    const outcome = await receiveMessage(api, open, '{"action":"ping","n":7}', deps);
    expect(outcome.reply).toBe(`{"action":"pong","id":"${open.connectionId}","echo":7}`);
    expect((await receiveMessage(api, open, '{"action":"quiet"}', deps)).reply).toBeUndefined();
    expect(invoker.calls).toHaveLength(0);
  });

  it('refuses $connect with the status a MOCK request template gives', async () => {
    const api = withIntegration(mockIntegration({ requestTemplates: { $default: '{"statusCode": 403}' } }), [wsRoute('$connect', { integrationId: 'Mock' })]);
    expect(await connectClient(api, upgrade(), wsDeps())).toMatchObject({ kind: 'rejected', status: 403 });
  });

  it('forwards a message to an HTTP_PROXY integration and sends the backend body back on a two-way route', async () => {
    const upstream = new FakeUpstream(() => ({ kind: 'response', statusCode: 200, headers: [], body: Buffer.from('from backend') }));
    const api = withIntegration(httpIntegration('https://example.com/${stageVariables.color}/in', { integrationId: 'Http', method: 'ANY' }), [wsRoute('send', { twoWay: true, integrationId: 'Http' })]);
    const open = await connection(api);
    const outcome = await receiveMessage(api, open, '{"action":"send"}', wsDeps({ forward: upstream.forward }));
    expect(outcome.reply).toBe('from backend');
    expect(upstream.requests[0]).toMatchObject({ method: 'POST', url: 'https://example.com/blue/in', body: Buffer.from('{"action":"send"}') });
  });

  it('sends the HTTP integration to --backend, and answers an unreachable backend with the error frame', async () => {
    const upstream = new FakeUpstream(() => ({ kind: 'failed', message: 'ECONNREFUSED' }));
    const integration = httpIntegration('https://example.com/in', { integrationId: 'Http', method: 'PUT' });
    const api = withIntegration(integration, [wsRoute('send', { twoWay: true, integrationId: 'Http' })]);
    const open = await connection(api);
    const outcome = await receiveMessage(api, open, '{"action":"send"}', wsDeps({ forward: upstream.forward, backends: new Map([[integration.ref.logicalId, 'http://127.0.0.1:9/base']]) }));
    expect(upstream.requests[0]).toMatchObject({ method: 'PUT', url: 'http://127.0.0.1:9/base/in' });
    expect(JSON.parse(outcome.reply!)).toMatchObject({ message: 'Internal server error' });
  });

  it('renders a non-proxy HTTP integration through its request template and integration response', async () => {
    const upstream = new FakeUpstream((request) => ({ kind: 'response', statusCode: 201, headers: [], body: Buffer.from(`{"saw":${request.body.toString()}}`) }));
    const integration = httpIntegration('https://example.com/in', {
      integrationId: 'Http', templated: true, requestTemplates: { $default: '{"who":"$context.connectionId"}' },
      integrationResponses: [{ ref, key: '$default', responseTemplates: { $default: '{"status":"done","who":"$input.path(\'$.saw.who\')"}' } }],
    });
    const api = withIntegration(integration, [wsRoute('send', { twoWay: true, integrationId: 'Http' })]);
    const open = await connection(api);
    const outcome = await receiveMessage(api, open, '{"action":"send"}', wsDeps({ forward: upstream.forward }));
    expect(outcome.reply).toBe(`{"status":"done","who":"${open.connectionId}"}`);
  });

  it('tells an HTTP integration on $disconnect that the connection closed', async () => {
    const upstream = new FakeUpstream(() => ({ kind: 'response', statusCode: 200, headers: [], body: Buffer.alloc(0) }));
    const api = withIntegration(httpIntegration('https://example.com/gone', { integrationId: 'Http', method: 'POST' }), [wsRoute('$disconnect', { integrationId: 'Http' })]);
    const open = await connection(api);
    const record = await disconnectClient(api, open, { statusCode: 1000, reason: '' }, wsDeps({ forward: upstream.forward }));
    expect(record).toMatchObject({ eventType: 'DISCONNECT', routeKey: '$disconnect', status: 1000 });
    expect(upstream.requests[0]).toMatchObject({ method: 'POST', url: 'https://example.com/gone' });
  });
});
