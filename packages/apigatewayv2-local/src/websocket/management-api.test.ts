import { describe, expect, it } from 'vitest';
import { handleManagementRequest, MAX_POST_BYTES, type ManagedConnection, type SendResult } from './management-api.js';
import { CONNECTED_AT, webSocketApi } from './websocket-test-fixtures.js';

const ID = 'R1kmxc2VNjMCFIA=';
const PATH = `/dev/@connections/${encodeURIComponent(ID)}`;

function connection(sendResult: SendResult = 'sent', open = true) {
  const sent: string[] = [];
  const closes: [number, string][] = [];
  const managed: ManagedConnection = {
    context: {
      connectionId: ID,
      api: webSocketApi([]),
      stage: webSocketApi([]).stages[0],
      connectedAt: CONNECTED_AT,
      domainName: '127.0.0.1:3001',
      identity: { sourceIp: '203.0.113.7', userAgent: 'wscat/5' },
    },
    open,
    lastActiveAt: CONNECTED_AT + 60_000,
    send: (text) => {
      sent.push(text);
      return sendResult;
    },
    close: (code, reason) => void closes.push([code, reason]),
  };
  return { managed, sent, closes };
}

function call(method: string, body: Buffer | 'too-large' = Buffer.alloc(0), found = connection(), path = PATH) {
  return handleManagementRequest(webSocketApi([]), { method, path, body }, (id) => (id === ID ? found.managed : undefined));
}

describe('@connections management API', () => {
  it('POST sends the body as one text frame and answers 200 with no body', () => {
    const found = connection();
    const reply = call('POST', Buffer.from('hello'), found);
    expect(reply).toMatchObject({ statusCode: 200, body: Buffer.alloc(0), operation: 'PostToConnection' });
    expect(found.sent).toEqual(['hello']);
  });

  it('GET describes the connection with ISO times', () => {
    const reply = call('GET');
    expect(reply.statusCode).toBe(200);
    expect(JSON.parse(reply.body.toString())).toEqual({
      connectedAt: '2020-12-13T10:17:47.185Z',
      identity: { sourceIp: '203.0.113.7', userAgent: 'wscat/5' },
      lastActiveAt: '2020-12-13T10:18:47.185Z',
    });
  });

  it('DELETE closes the connection with 1000 and answers 204', () => {
    const found = connection();
    expect(call('DELETE', Buffer.alloc(0), found).statusCode).toBe(204);
    expect(found.closes).toEqual([[1000, 'Connection Closed Normally']]);
  });

  it('answers 410 GoneException for an unknown, closed or not yet open connection', () => {
    const unknown = handleManagementRequest(webSocketApi([]), { method: 'POST', path: '/dev/@connections/AAAAAAAAAAAAAAA%3D', body: Buffer.from('x') }, () => undefined);
    expect(unknown).toMatchObject({ statusCode: 410, headers: expect.arrayContaining([['x-amzn-ErrorType', 'GoneException']]) as unknown });
    expect(call('POST', Buffer.from('x'), connection('sent', false)).statusCode).toBe(410);
    expect(call('POST', Buffer.from('x'), connection('gone')).statusCode).toBe(410);
  });

  it(`answers 413 PayloadTooLargeException past ${MAX_POST_BYTES} bytes, 400 for a malformed id, 429 for a client that does not read`, () => {
    expect(call('POST', 'too-large')).toMatchObject({ statusCode: 413, headers: expect.arrayContaining([['x-amzn-ErrorType', 'PayloadTooLargeException']]) as unknown });
    expect(call('GET', Buffer.alloc(0), connection(), '/dev/@connections/nope')).toMatchObject({
      statusCode: 400,
      headers: expect.arrayContaining([['x-amzn-ErrorType', 'BadRequestException']]) as unknown,
    });
    expect(call('POST', Buffer.from('x'), connection('buffer-full')).statusCode).toBe(429);
  });

  it('answers 404 for another stage, another path or another method', () => {
    expect(call('GET', Buffer.alloc(0), connection(), `/prod/@connections/${ID}`).statusCode).toBe(404);
    expect(call('GET', Buffer.alloc(0), connection(), '/dev').statusCode).toBe(404);
    expect(call('PUT').statusCode).toBe(404);
  });
});
