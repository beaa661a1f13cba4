import { describe, expect, it } from 'vitest';
import { readConnectResult, readMessageReply } from './lambda-reply.js';

describe('readMessageReply (two-way routes)', () => {
  it('sends the body of a returned object, decoded when base64', () => {
    expect(readMessageReply(JSON.stringify({ statusCode: 200, body: 'hi' }))).toBe('hi');
    expect(readMessageReply(JSON.stringify({ body: Buffer.from('bin').toString('base64'), isBase64Encoded: true }))).toBe('bin');
    expect(readMessageReply(JSON.stringify({ statusCode: 500, body: 'still a message' }))).toBe('still a message');
  });

  it('sends a returned string as it is and other values as JSON; nothing for null or a status without body', () => {
    expect(readMessageReply('"plain"')).toBe('plain');
    expect(readMessageReply('[1,2]')).toBe('[1,2]');
    expect(readMessageReply(JSON.stringify({ hello: 'world' }))).toBe('{"hello":"world"}');
    expect(readMessageReply('null')).toBeUndefined();
    expect(readMessageReply(JSON.stringify({ statusCode: 200 }))).toBeUndefined();
  });
});

describe('readConnectResult', () => {
  it('accepts 2xx and results without a status; refuses other statuses', () => {
    expect(readConnectResult(JSON.stringify({ statusCode: 204 }))).toEqual({ kind: 'accept', statusCode: 204 });
    expect(readConnectResult('null')).toEqual({ kind: 'accept', statusCode: 200 });
    expect(readConnectResult(JSON.stringify({ statusCode: 403 }))).toEqual({ kind: 'reject', statusCode: 403 });
    expect(readConnectResult(JSON.stringify({ statusCode: 'abc' }))).toMatchObject({ kind: 'malformed' });
  });

  it('reads the subprotocol from Sec-WebSocket-Protocol in any case', () => {
    expect(readConnectResult(JSON.stringify({ statusCode: 200, headers: { 'sec-websocket-protocol': 'v2' } }))).toEqual({ kind: 'accept', statusCode: 200, subprotocol: 'v2' });
  });
});
