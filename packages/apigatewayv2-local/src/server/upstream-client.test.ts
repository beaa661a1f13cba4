import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { forwardUpstream } from './upstream-client.js';

const servers: http.Server[] = [];

function listen(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((s) => new Promise((resolve) => {
      s.closeAllConnections();
      s.close(resolve);
    })),
  );
});

describe('forwardUpstream', () => {
  it('sends method, path, query, headers in order, Host and body, and returns the whole response', async () => {
    const base = await listen((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        res.setHeader('Set-Cookie', ['a=1', 'b=2']);
        res.writeHead(201, { 'X-Echo': 'yes' });
        res.end(JSON.stringify({ method: req.method, url: req.url, raw: req.rawHeaders, body: Buffer.concat(chunks).toString() }));
      });
    });
    const response = await forwardUpstream({
      method: 'PUT',
      url: `${base}/a/b?x=1&x=2`,
      headers: [['X-Multi', '1'], ['X-Multi', '2']],
      body: Buffer.from('payload'),
      signal: new AbortController().signal,
    });
    expect(response.kind).toBe('response');
    if (response.kind !== 'response') return;
    expect(response.statusCode).toBe(201);
    expect(response.headers.filter(([n]) => n.toLowerCase() === 'set-cookie')).toEqual([['Set-Cookie', 'a=1'], ['Set-Cookie', 'b=2']]);
    const echoed = JSON.parse(response.body.toString()) as { method: string; url: string; raw: string[]; body: string };
    expect(echoed).toMatchObject({ method: 'PUT', url: '/a/b?x=1&x=2', body: 'payload' });
    expect(echoed.raw).toEqual(['host', base.slice('http://'.length), 'X-Multi', '1', 'X-Multi', '2', 'content-length', '7', 'Connection', 'close']);
  });

  it('reports a refused connection as a failure value', async () => {
    const base = await listen(() => undefined);
    const port = new URL(base).port;
    await new Promise((resolve) => servers.pop()?.close(resolve));
    const response = await forwardUpstream({
      method: 'GET',
      url: `http://127.0.0.1:${port}/`,
      headers: [],
      body: Buffer.alloc(0),
      signal: new AbortController().signal,
    });
    expect(response).toMatchObject({ kind: 'failed', message: expect.stringContaining('ECONNREFUSED') as string });
  });

  it('drops the connection when the signal aborts', async () => {
    let closed = false;
    const base = await listen((req) => req.socket.on('close', () => (closed = true)));
    const controller = new AbortController();
    const pending = forwardUpstream({ method: 'GET', url: `${base}/slow`, headers: [], body: Buffer.alloc(0), signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    expect((await pending).kind).toBe('failed');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closed).toBe(true);
  });
});
