// The books API's browser-facing side and its stages, served as `npm start` serves them: the stack
// synthesized in-process with GET /books pointed at the local books backend, served by `startGateway`,
// called with fetch. (The routes themselves are covered by apigatewayv2-local's books-example e2e test.)
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App } from 'aws-cdk-lib';
import { startGateway, type Gateway, type GatewayApiInfo } from 'apigatewayv2-local';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { BooksApiStack, DEFAULT_ALLOWED_ORIGINS, DEFAULT_DOMAIN_NAME } from '../lib/books-api-stack.js';
import { BOOKS, startBooksBackend } from '../scripts/books-backend.js';

const origin = DEFAULT_ALLOWED_ORIGINS[0] ?? '';
const lines: string[] = [];
let backend: Server;
let gateway: Gateway;
let api: GatewayApiInfo | undefined;
let url = '';

beforeAll(async () => {
  backend = await startBooksBackend(0);
  const stack = new BooksApiStack(new App(), 'BooksApi', { booksBackendUrl: `http://127.0.0.1:${(backend.address() as AddressInfo).port}` });
  gateway = await startGateway({ stack, port: 0, quiet: 'requests', log: (line) => lines.push(line) });
  api = gateway.apis[0];
  url = api?.url ?? '';
});

afterAll(async () => {
  await gateway?.close();
  await new Promise((resolve) => backend?.close(resolve));
});

test('the gateway answers a preflight from an allowed origin itself, with the configured CORS headers', async () => {
  const response = await fetch(`${url}/books`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  });
  expect(response.status).toBe(204);
  expect(response.headers.get('access-control-allow-origin')).toBe(origin);
  expect(response.headers.get('access-control-allow-methods')?.split(',').map((m) => m.trim())).toEqual(expect.arrayContaining(['GET', 'POST', 'PUT', 'DELETE']));
  expect(response.headers.get('access-control-allow-headers')).toBe('content-type,authorization');
  expect(response.headers.get('access-control-max-age')).toBe(String(24 * 60 * 60));
});

test('responses to an allowed origin carry access-control-allow-origin; other origins get none', async () => {
  const allowed = await fetch(`${url}/books`, { headers: { origin } });
  expect(allowed.status).toBe(200);
  expect(allowed.headers.get('access-control-allow-origin')).toBe(origin);
  const created = await fetch(`${url}/books`, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: '{"title":"Emma"}' });
  expect(created.status).toBe(201);
  expect(created.headers.get('access-control-allow-origin')).toBe(origin);

  const other = await fetch(`${url}/books`, { headers: { origin: 'https://evil.example' } });
  expect(other.status).toBe(200);
  expect(other.headers.get('access-control-allow-origin')).toBeNull();
});

test('the beta stage serves the same routes under /beta, beside the $default stage', async () => {
  expect(api?.stages.map((stage) => [stage.name, stage.url])).toEqual([
    ['$default', url],
    ['beta', `${url}/beta`],
  ]);
  const response = await fetch(`${url}/beta/books`);
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ books: BOOKS, servedBy: 'local books backend' });
  expect((await fetch(`${url}/gamma/books`)).status).toBe(404);
});

test('the start-up report names the custom domain and its two API mappings, served only with --domain-port', () => {
  const report = lines.join('\n');
  expect(report).toContain(`custom domain ${DEFAULT_DOMAIN_NAME} is not served (`);
  expect(report).toContain('start with --domain-port <n> to serve it by Host header');
  expect(report).toMatch(/\/ → \w+ stage \$default, \/beta → \w+ stage beta/);
});
