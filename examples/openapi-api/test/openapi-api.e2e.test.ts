// The API-first example as `npm start` serves it: the stack synthesized in-process, its API read from the
// OpenAPI Body by `startGateway`, and real requests through fetch.
import { App } from 'aws-cdk-lib';
import { startGateway, type Gateway } from 'apigatewayv2-local';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { OpenApiApiStack } from '../lib/openapi-api-stack.js';

let gateway: Gateway;
let url = '';

beforeAll(async () => {
  const stack = new OpenApiApiStack(new App(), 'OpenApiApi');
  gateway = await startGateway({ stack, port: 0, quiet: true, log: () => {} });
  url = gateway.apis[0]?.url ?? '';
});

afterAll(async () => {
  await gateway?.close();
});

test('serves the operations of the document through the handler bound by operationId', async () => {
  const list = await fetch(`${url}/pets`);
  expect(list.status).toBe(200);
  expect(await list.json()).toEqual([{ id: '1', name: 'Rex' }]);
  const one = await fetch(`${url}/pets/1`);
  expect(await one.json()).toEqual({ id: '1', name: 'Rex' });
  expect((await fetch(`${url}/pets/9`)).status).toBe(404);
});

test('applies the document security (JWT on createPet) and CORS', async () => {
  const create = await fetch(`${url}/pets`, { method: 'POST', body: '{"name":"Tom"}' });
  expect(create.status).toBe(401);
  const preflight = await fetch(`${url}/pets`, { method: 'OPTIONS', headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' } });
  expect(preflight.status).toBe(204);
  expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
});
