import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import type { GatewayHttpResponse, ReceivedRequest } from '../http/index.js';
import { listenHttp, type HttpExchangeRecord, type HttpListener } from './listen-http.js';

const open: HttpListener[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((l) => l.close(0)));
});

function answer(statusCode: number, body: string, headers: [string, string][] = []): GatewayHttpResponse {
  return { statusCode, headers, body: Buffer.from(body), log: { requestId: 'r', method: 'GET', path: '/', status: statusCode, durationMs: 0 } };
}

/** Answers 413 for a body past the limit, as the HTTP core does, and asks `handle` otherwise. */
async function start(handle: (request: ReceivedRequest) => Promise<GatewayHttpResponse>, maxBodyBytes = 1024, headersTimeoutMs?: number) {
  const records: HttpExchangeRecord[] = [];
  const listener = await listenHttp({
    host: '127.0.0.1',
    port: 0,
    maxBodyBytes,
    ...(headersTimeoutMs !== undefined && { headersTimeoutMs }),
    handle: (request) => (request.bodyTooLarge ? Promise.resolve(answer(413, '{"message":"Request Entity Too Large"}')) : handle(request)),
    failed: () => answer(500, '{"message":"Internal Server Error"}'),
    onExchange: (record) => records.push(record),
  });
  open.push(listener);
  return { listener, records, url: `http://127.0.0.1:${listener.port}` };
}

describe('listenHttp', () => {
  test('hands the handler the raw path, raw query string, header pairs, body and client address', async () => {
    let seen: ReceivedRequest | undefined;
    const { url } = await start((request) => {
      seen = request;
      return Promise.resolve(answer(200, 'ok'));
    });
    const response = await fetch(`${url}/a%20b/c?x=1&x=2&y=%2F`, {
      method: 'POST',
      headers: { 'X-Thing': 'one', cookie: 'a=1' },
      body: 'hello',
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('ok');
    expect(seen?.method).toBe('POST');
    expect(seen?.path).toBe('/a%20b/c');
    expect(seen?.rawQueryString).toBe('x=1&x=2&y=%2F');
    expect(seen?.headers).toContainEqual(['X-Thing', 'one']);
    expect(seen?.body.toString()).toBe('hello');
    expect(seen?.sourceIp).toBe('127.0.0.1');
    expect(seen?.protocol).toBe('HTTP/1.1');
  });

  test('writes a header named twice as two lines and always sends content-length', async () => {
    const { url } = await start(() =>
      Promise.resolve(
        answer(201, 'made', [
          ['set-cookie', 'a=1'],
          ['set-cookie', 'b=2'],
          ['content-type', 'text/plain'],
        ]),
      ),
    );
    const response = await fetch(url);
    expect(response.status).toBe(201);
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(response.headers.get('content-length')).toBe('4');
    expect(response.headers.get('date')).not.toBeNull();
  });

  test('answers HEAD with the headers and no body', async () => {
    const { url } = await start(() => Promise.resolve(answer(200, 'twelve bytes')));
    const response = await fetch(url, { method: 'HEAD' });
    expect(response.headers.get('content-length')).toBe('12');
    expect(await response.text()).toBe('');
  });

  test('hands on a body over the limit unread, marked bodyTooLarge, answers 413 and keeps serving', async () => {
    let calls = 0;
    const { url } = await start(() => {
      calls += 1;
      return Promise.resolve(answer(200, 'ok'));
    }, 1000);
    const tooBig = await fetch(url, { method: 'POST', body: 'x'.repeat(1001) });
    expect(tooBig.status).toBe(413);
    expect(await tooBig.text()).toBe('{"message":"Request Entity Too Large"}');
    const atLimit = await fetch(url, { method: 'POST', body: 'x'.repeat(1000) });
    expect(atLimit.status).toBe(200);
    expect(calls).toBe(1);
  });

  test('answers 413 to a chunked body that grows past the limit', async () => {
    const { listener } = await start(() => Promise.resolve(answer(200, 'ok')), 1000);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: listener.port, method: 'POST', path: '/' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let i = 0; i < 5; i++) req.write('y'.repeat(400));
      req.end();
    });
    expect(status).toBe(413);
  });

  test('answers 431 to a request head over the size limit, 400 to a malformed one, and closes', async () => {
    const { listener } = await start(() => Promise.resolve(answer(200, 'ok')), 1024);
    const statusLine = (request: string): Promise<string> =>
      new Promise((resolve, reject) => {
        const socket = connect(listener.port, '127.0.0.1');
        let text = '';
        socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
        socket.on('close', () => resolve(text.split('\r\n')[0] ?? ''));
        socket.on('error', reject);
        socket.end(request);
      });
    expect(await statusLine(`GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nx-big: ${'a'.repeat(20_000)}\r\n\r\n`)).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(await statusLine('GET / HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n')).toBe('HTTP/1.1 400 Bad Request');
  });

  test('answers 408 Request Timeout to a client whose headers do not complete in time, and closes', async () => {
    const { listener } = await start(() => Promise.resolve(answer(200, 'ok')), 1024, 300);
    const socket = connect(listener.port, '127.0.0.1');
    socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const received = await new Promise<string>((resolve, reject) => {
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    expect(received.split('\r\n')[0]).toBe('HTTP/1.1 408 Request Timeout');
  });

  test('answers with failed() when the handler throws, and serves the next request', async () => {
    let first = true;
    const { url, records } = await start(() => {
      if (first) {
        first = false;
        return Promise.reject(new Error('boom'));
      }
      return Promise.resolve(answer(200, 'fine'));
    });
    expect((await fetch(url)).status).toBe(500);
    expect((await fetch(url)).status).toBe(200);
    expect(records.map((r) => r.response.statusCode)).toEqual([500, 200]);
  });

  test('close() waits for a request in flight, then frees the port', async () => {
    let release: () => void = () => {};
    let arrived: () => void = () => {};
    const inHandler = new Promise<void>((resolve) => (arrived = resolve));
    const { listener, url } = await start(
      () =>
        new Promise((resolve) => {
          release = () => resolve(answer(200, 'late'));
          arrived();
        }),
    );
    const pending = fetch(url);
    await inHandler;
    const closed = listener.close(5_000);
    release();
    expect(await (await pending).text()).toBe('late');
    await closed;
    await expect(fetch(url)).rejects.toThrow();
  });
});
