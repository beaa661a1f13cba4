// `startGateway({ stack })` / `({ app })` synthesize in this process, and `gateway.request` answers without a
// socket. One table of requests runs through both `fetch(url)` and `gateway.request`: the answers must be the
// same, except for the headers only a socket server writes (date, connection, keep-alive) and the request id,
// which is new for every request.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { HttpMethod, WebSocketApi, type HttpApi } from 'cdk-apigatewayv2';
import { HttpJwtAuthorizer } from 'cdk-apigatewayv2/authorizers';
import { LambdaProxyIntegration } from 'cdk-apigatewayv2/integrations';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BooksApiStack, DEFAULT_ALLOWED_ORIGINS } from '../../../examples/books-api/lib/books-api-stack.js';
import { BOOKS, startBooksBackend } from '../../../examples/books-api/scripts/books-backend.js';
import { startGateway, type Gateway } from '../src/index.js';

/** Written by the socket server for the connection, not by the gateway. */
const SOCKET_ONLY_HEADERS = ['date', 'connection', 'keep-alive'];
/** AWS's per-request id: present on both paths, different on every request. */
const REQUEST_ID_HEADER = 'apigw-requestid';
const origin = DEFAULT_ALLOWED_ORIGINS[0] ?? '';

let backend: Server;
let gateway: Gateway;
let app: App;
let url = '';

beforeAll(async () => {
  backend = await startBooksBackend(0);
  app = new App();
  const stack = new BooksApiStack(app, 'BooksApi', { booksBackendUrl: `http://127.0.0.1:${(backend.address() as AddressInfo).port}` });
  const api = stack.node.findChild('HttpApi') as HttpApi;
  const handler = stack.node.findChild('BooksDefaultFn') as lambda.Function;
  api.addRoutes({
    path: '/private',
    methods: [HttpMethod.GET],
    integration: new LambdaProxyIntegration({ handler }),
    authorizer: new HttpJwtAuthorizer({ jwtIssuer: 'https://issuer.example.com', jwtAudience: ['books'] }),
  });
  gateway = await startGateway({ stack, port: 0, quiet: true, log: () => {} });
  url = gateway.apis[0]?.url ?? '';
});

afterAll(async () => {
  await gateway?.close();
  await new Promise((resolve) => backend?.close(resolve));
});

interface Answer {
  readonly status: number;
  readonly body: string;
  readonly headers: Record<string, string>;
}

async function answer(response: Response): Promise<Answer> {
  const headers: Record<string, string> = {};
  for (const [name, value] of response.headers) {
    if (SOCKET_ONLY_HEADERS.includes(name)) continue;
    headers[name] = name === REQUEST_ID_HEADER ? '<request id>' : value;
  }
  return { status: response.status, body: await response.text(), headers };
}

const requests: readonly (readonly [name: string, path: string, init: RequestInit, status: number])[] = [
  ['a route to an HTTP proxy integration', '/books', {}, 200],
  ['a route in a named stage', '/beta/books', {}, 200],
  ['a Lambda proxy integration', '/books?id=42', { method: 'DELETE' }, 404],
  ['a Lambda proxy integration with a body', '/books', { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{"title":"Dune"}' }, 405],
  ['no matching route', '/nothing/here', {}, 404],
  ['a CORS preflight', '/books', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } }, 204],
  ['a CORS request from an allowed origin', '/books', { headers: { origin } }, 200],
  ['a HEAD request (the GET route does not match it; ANY does)', '/books', { method: 'HEAD' }, 405],
  ['a JWT route without a token', '/private', {}, 401],
];

describe('gateway.request answers as the socket does', () => {
  test.each(requests)('%s', async (_name, path, init, status) => {
    const bySocket = await answer(await fetch(`${url}${path}`, init));
    const inProcess = await answer(await gateway.request('HttpApi', path, init));
    expect(bySocket.status).toBe(status);
    expect(inProcess).toEqual(bySocket);
  });
});

describe('gateway.request', () => {
  test('finds the API by logical id and by stackName/logicalId, and takes a Request', async () => {
    const logicalId = gateway.apis[0]?.logicalId ?? '';
    expect(logicalId).toMatch(/^HttpApi[0-9A-F]{8}$/);
    const byId = await gateway.request(logicalId, '/books');
    expect(await byId.json()).toEqual({ books: BOOKS, servedBy: 'local books backend' });
    const request = new Request('http://books.example.com/books?id=7', { method: 'DELETE' });
    const byRef = await gateway.request(`BooksApi/${logicalId}`, request);
    expect(byRef.status).toBe(404);
    expect(await byRef.json()).toEqual({ message: 'no book with id 7' });
  });

  test('an unknown API is an error that lists the APIs', async () => {
    await expect(gateway.request('NoSuchApi', '/books')).rejects.toThrow(/no API 'NoSuchApi'.*BooksApi\/HttpApi[0-9A-F]{8} \(HttpApi, HTTP\)/);
  });
});

describe('startGateway({ app }) and ({ stack })', () => {
  test('a WebSocket API is refused by gateway.request, which names it', async () => {
    const wsApp = new App();
    new WebSocketApi(new Stack(wsApp, 'Chat'), 'ChatApi');
    const ws = await startGateway({ app: wsApp, port: 0, quiet: true, log: () => {} });
    try {
      await expect(ws.request('ChatApi', '/')).rejects.toThrow(/Chat\/ChatApi[0-9A-F]{8} is a WebSocket API.*connect a WebSocket client to ws:\/\/127\.0\.0\.1:\d+/);
    } finally {
      await ws.close();
    }
    expect(existsSync(wsApp.outdir)).toBe(false);
  });

  test("close removes the App's temporary assembly but keeps an outdir it was given", async () => {
    expect(existsSync(app.outdir)).toBe(true);
    const outdir = mkdtempSync(join(tmpdir(), 'apigw-local-outdir-'));
    try {
      const ownApp = new App({ outdir });
      new WebSocketApi(new Stack(ownApp, 'Chat'), 'ChatApi');
      const own = await startGateway({ app: ownApp, port: 0, quiet: true, log: () => {} });
      await own.close();
      expect(existsSync(join(outdir, 'manifest.json'))).toBe(true);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('two sources, or a stack outside an App, are clear errors', async () => {
    const lone = new App();
    const stack = new Stack(lone, 'Lone');
    await expect(startGateway({ stack, assembly: 'cdk.out' })).rejects.toThrow('give at most one of the options assembly, template, app and stack; got assembly and stack');
    await expect(startGateway({ stack: { stackName: 'Loose', node: { root: {} } } })).rejects.toThrow(/stack Loose is not in an App/);
  });

  test('watch mode, appDirectory and context need an app command (or files) to read again', async () => {
    const stack = new Stack(new App(), 'Watched');
    await expect(startGateway({ stack, watch: true })).rejects.toThrow(
      'watch needs a source it can read again (an app command, an assembly directory or a template file); an App or Stack object is synthesized once',
    );
    await expect(startGateway({ stack, appDirectory: '.' })).rejects.toThrow('appDirectory applies to an app command (app: "<command>") only');
    await expect(startGateway({ stack, context: { stage: 'dev' } })).rejects.toThrow('context applies to an app command (app: "<command>") only');
  });
});
