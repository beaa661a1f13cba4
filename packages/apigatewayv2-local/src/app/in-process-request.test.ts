import { describe, expect, test } from 'vitest';
import { toReceivedRequest, toResponse } from './in-process-request.js';

describe('toReceivedRequest', () => {
  test('keeps the path and query percent-encoded as sent, adds Host, and reads the body', async () => {
    const request = new Request('http://127.0.0.1:3000/books/a%2Fb?q=x%20y&q=z', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-tag': 'a' },
      body: 'hello',
    });
    const incoming = await toReceivedRequest(request, 1_700_000_000_000, 1024);
    expect(incoming).toMatchObject({
      method: 'POST',
      path: '/books/a%2Fb',
      rawQueryString: 'q=x%20y&q=z',
      sourceIp: '127.0.0.1',
      protocol: 'HTTP/1.1',
      receivedAtMs: 1_700_000_000_000,
    });
    expect(incoming.headers).toEqual([
      ['host', '127.0.0.1:3000'],
      ['content-type', 'text/plain'],
      ['x-tag', 'a'],
    ]);
    expect(incoming.body.toString()).toBe('hello');
  });

  test('a GET has an empty body and a Host header given by the caller wins', async () => {
    const incoming = await toReceivedRequest(new Request('http://127.0.0.1/', { headers: { host: 'books.example.com' } }), 0, 1024);
    expect(incoming.headers).toEqual([['host', 'books.example.com']]);
    expect(incoming.body.length).toBe(0);
  });

  test('marks a body past the limit as too large, as the socket reader does, and keeps one at the limit', async () => {
    const over = await toReceivedRequest(new Request('http://127.0.0.1/', { method: 'POST', body: 'x'.repeat(11) }), 0, 10);
    expect(over).toMatchObject({ bodyTooLarge: true, body: Buffer.alloc(0) });
    const at = await toReceivedRequest(new Request('http://127.0.0.1/', { method: 'POST', body: 'x'.repeat(10) }), 0, 10);
    expect(at.bodyTooLarge).toBeUndefined();
    expect(at.body.toString()).toBe('x'.repeat(10));
  });
});

describe('toResponse', () => {
  test('keeps repeated Set-Cookie lines apart and sets content-length for the body', async () => {
    const response = toResponse(
      { statusCode: 200, headers: [['set-cookie', 'a=1'], ['Set-Cookie', 'b=2'], ['content-type', 'text/plain']], body: Buffer.from('hi') },
      'GET',
    );
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(response.headers.get('content-length')).toBe('2');
    expect(await response.text()).toBe('hi');
  });

  test('HEAD and 204 answers carry no body; HEAD keeps the length of the body it would have had', () => {
    const head = toResponse({ statusCode: 200, headers: [], body: Buffer.from('four') }, 'HEAD');
    expect(head.headers.get('content-length')).toBe('4');
    expect(head.body).toBeNull();
    const empty = toResponse({ statusCode: 204, headers: [], body: Buffer.alloc(0) }, 'DELETE');
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
  });
});
