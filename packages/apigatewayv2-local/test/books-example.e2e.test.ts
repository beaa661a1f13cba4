// End to end on the example app (examples/books-api) exactly as `npm start` serves it: its stack from
// cdk-apigatewayv2, synthesized with GET /books pointed at the example's local books backend, and its
// real Lambda handler (lambda/books.js).
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { BooksApiStack } from '../../../examples/books-api/lib/books-api-stack.js';
import { BOOKS, startBooksBackend } from '../../../examples/books-api/scripts/books-backend.js';
import { startGateway, type Gateway } from '../src/index.js';

let backend: Server;
let gateway: Gateway;
let url = '';
const outdir = mkdtempSync(join(tmpdir(), 'apigw-local-books-'));

beforeAll(async () => {
  backend = await startBooksBackend(0);
  const app = new App({ outdir });
  new BooksApiStack(app, 'BooksApi', { booksBackendUrl: `http://127.0.0.1:${(backend.address() as AddressInfo).port}` });
  gateway = await startGateway({ assembly: app.synth(), port: 0, quiet: true, log: () => {} });
  url = gateway.apis[0]?.url ?? '';
});

afterAll(async () => {
  await gateway?.close();
  await new Promise((resolve) => backend?.close(resolve));
  rmSync(outdir, { recursive: true, force: true });
});

test('GET /books answers from the books backend through the HTTP proxy integration', async () => {
  const response = await fetch(`${url}/books`);
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ books: BOOKS, servedBy: 'local books backend' });
});

test('POST, PUT and DELETE /books reach the Lambda handler, which keeps books while warm', async () => {
  const created = await fetch(`${url}/books`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title":"Dune"}' });
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const updated = await fetch(`${url}/books?id=${id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"title":"Dune Messiah"}' });
  expect(await updated.json()).toEqual({ id, title: 'Dune Messiah', author: null });
  expect((await fetch(`${url}/books?id=${id}`, { method: 'DELETE' })).status).toBe(204);
  expect((await fetch(`${url}/books?id=${id}`, { method: 'DELETE' })).status).toBe(404);
});
