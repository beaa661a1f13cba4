import { receivedRequest } from '../gateway/received-request-fixtures.js';
import { describe, expect, it } from 'vitest';
import {
  handleManagementRequest,
  MAX_POST_BYTES,
  type ManagedConnection,
  type ManagementSignatureCheck,
  type SendResult,
} from './management-api.js';
import { stage } from '../http/http-test-fixtures.js';
import { CONNECTED_AT, webSocketApi } from './websocket-test-fixtures.js';

const ID = 'R1kmxc2VNjMCFIA=';
const PATH = `/dev/@connections/${encodeURIComponent(ID)}`;

function connection(sendResult: SendResult = 'sent', open = true, stageName = 'dev') {
  const sent: string[] = [];
  const closes: [number, string][] = [];
  const managed: ManagedConnection = {
    context: {
      connectionId: ID,
      api: webSocketApi([]),
      stage: stage(stageName),
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

const signed: ManagementSignatureCheck = () => Promise.resolve({ kind: 'verified' });

function call(method: string, body: Buffer | 'too-large' = Buffer.alloc(0), found = connection(), path = PATH, checkSignature = signed) {
  return handleManagementRequest(
    webSocketApi([]),
    body === 'too-large' ? receivedRequest({ method, path, bodyTooLarge: true }) : receivedRequest({ method, path, body }),
    (id) => (id === ID ? found.managed : undefined),
    checkSignature,
  );
}

describe('@connections management API', () => {
  it('POST sends the body as one text frame and answers 200 with no body', async () => {
    const found = connection();
    const reply = await call('POST', Buffer.from('hello'), found);
    expect(reply).toMatchObject({ statusCode: 200, body: Buffer.alloc(0), operation: 'PostToConnection' });
    expect(found.sent).toEqual(['hello']);
  });

  it('GET describes the connection with ISO times', async () => {
    const reply = await call('GET');
    expect(reply.statusCode).toBe(200);
    expect(JSON.parse(reply.body.toString())).toEqual({
      connectedAt: '2020-12-13T10:17:47.185Z',
      identity: { sourceIp: '203.0.113.7', userAgent: 'wscat/5' },
      lastActiveAt: '2020-12-13T10:18:47.185Z',
    });
  });

  it('DELETE closes the connection with 1000 and answers 204', async () => {
    const found = connection();
    expect((await call('DELETE', Buffer.alloc(0), found)).statusCode).toBe(204);
    expect(found.closes).toEqual([[1000, 'Connection Closed Normally']]);
  });

  it('answers 410 GoneException for an unknown, closed or not yet open connection', async () => {
    const unknown = await handleManagementRequest(
      webSocketApi([]),
      receivedRequest({ method: 'POST', path: '/dev/@connections/AAAAAAAAAAAAAAA%3D', body: Buffer.from('x') }),
      () => undefined,
      signed,
    );
    expect(unknown).toMatchObject({ statusCode: 410, headers: expect.arrayContaining([['x-amzn-ErrorType', 'GoneException']]) as unknown });
    expect((await call('POST', Buffer.from('x'), connection('sent', false))).statusCode).toBe(410);
    expect((await call('POST', Buffer.from('x'), connection('gone'))).statusCode).toBe(410);
  });

  it(`answers 413 PayloadTooLargeException past ${MAX_POST_BYTES} bytes, 400 for a malformed id, 429 for a client that does not read`, async () => {
    expect(await call('POST', 'too-large')).toMatchObject({ statusCode: 413, headers: expect.arrayContaining([['x-amzn-ErrorType', 'PayloadTooLargeException']]) as unknown });
    expect(await call('GET', Buffer.alloc(0), connection(), '/dev/@connections/nope')).toMatchObject({
      statusCode: 400,
      headers: expect.arrayContaining([['x-amzn-ErrorType', 'BadRequestException']]) as unknown,
    });
    expect((await call('POST', Buffer.from('x'), connection('buffer-full'))).statusCode).toBe(429);
  });

  it("refuses a call whose signature does not verify with 403 and the check's error type, before looking up the connection", async () => {
    const found = connection();
    const refused: ManagementSignatureCheck = () =>
      Promise.resolve({ kind: 'refused', errorType: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.', reason: 'unknown key' });
    const reply = await call('POST', Buffer.from('x'), found, PATH, refused);
    expect(reply).toMatchObject({ statusCode: 403, headers: expect.arrayContaining([['x-amzn-ErrorType', 'UnrecognizedClientException']]) as unknown, error: 'unknown key' });
    expect(JSON.parse(reply.body.toString())).toEqual({ message: 'The security token included in the request is invalid.' });
    expect(found.sent).toEqual([]);
  });

  it('answers 404 for another stage, another path or another method', async () => {
    expect((await call('GET', Buffer.alloc(0), connection(), `/prod/@connections/${ID}`)).statusCode).toBe(404);
    expect((await call('GET', Buffer.alloc(0), connection(), '/dev')).statusCode).toBe(404);
    expect((await call('PUT')).statusCode).toBe(404);
  });

  it('serves the $default stage at its callback URL, the root: /@connections/{id}, and at /$default/@connections/{id}', async () => {
    const api = { ...webSocketApi([]), stages: [stage('$default'), stage('dev')] };
    const found = connection('sent', true, '$default');
    for (const path of [`/@connections/${encodeURIComponent(ID)}`, `/%24default/@connections/${encodeURIComponent(ID)}`]) {
      const reply = await handleManagementRequest(api, receivedRequest({ method: 'POST', path, body: Buffer.from('hi') }), () => found.managed, signed);
      expect(reply.statusCode).toBe(200);
    }
    expect(found.sent).toEqual(['hi', 'hi']);
    // Without a $default stage the root is no management API.
    expect((await call('POST', Buffer.from('x'), connection(), `/@connections/${encodeURIComponent(ID)}`)).statusCode).toBe(404);
  });

  it("answers 410 GoneException for a connection of another stage, and leaves that connection alone", async () => {
    const api = { ...webSocketApi([]), stages: [stage('dev'), stage('prod')] };
    const found = connection('sent', true, 'prod');
    for (const method of ['POST', 'GET', 'DELETE']) {
      const reply = await handleManagementRequest(api, receivedRequest({ method, path: PATH, body: Buffer.from('x') }), () => found.managed, signed);
      expect(reply).toMatchObject({ statusCode: 410, headers: expect.arrayContaining([['x-amzn-ErrorType', 'GoneException']]) as unknown });
    }
    expect([found.sent, found.closes]).toEqual([[], []]);
  });
});
