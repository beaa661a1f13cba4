// The private API exactly as `npm start` serves it: the stack synthesized in-process and served by
// `startGateway`, each private integration pointed at a local stand-in for its service with `backends`
// (the `--backend` flag of `apigw-local`), and real requests through fetch.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App } from 'aws-cdk-lib';
import { startGateway, type Gateway } from 'apigatewayv2-local';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { PrivateApiStack } from '../lib/private-api-stack.js';
import { PRIVATE_SERVICES, startPrivateService, type ServiceReply } from '../scripts/private-services.js';

const services: Server[] = [];
let gateway: Gateway;
let url = '';

beforeAll(async () => {
  const backends: Record<string, string> = {};
  for (const service of PRIVATE_SERVICES) {
    const server = await startPrivateService(service, 0);
    services.push(server);
    backends[service.integrationLogicalId] = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  const stack = new PrivateApiStack(new App(), 'PrivateApi');
  gateway = await startGateway({ stack, port: 0, quiet: true, backends, log: () => {} });
  url = gateway.apis[0]?.url ?? '';
});

afterAll(async () => {
  await gateway?.close();
  await Promise.all(services.map((server) => new Promise((resolve) => server.close(resolve))));
});

async function call(path: string, init?: RequestInit): Promise<{ status: number; reply: ServiceReply }> {
  const response = await fetch(`${url}${path}`, init);
  return { status: response.status, reply: (await response.json()) as ServiceReply };
}

test('the ALB integration forwards method, path, query string and body to the orders service', async () => {
  const { status, reply } = await call('/orders/42/items?expand=true', { method: 'POST', body: '{"sku":"A-1"}' });
  expect(status).toBe(200);
  expect(reply).toMatchObject({ service: 'orders', method: 'POST', url: '/orders/42/items?expand=true', body: '{"sku":"A-1"}' });
  expect(reply.forwarded).toMatch(/for=127\.0\.0\.1/);
});

test('the NLB integration reaches the stock service on its GET route', async () => {
  const { status, reply } = await call('/stock/A-1');
  expect(status).toBe(200);
  expect(reply).toMatchObject({ service: 'stock', method: 'GET', url: '/stock/A-1' });
});

test('the Cloud Map integration reaches the users service', async () => {
  const { status, reply } = await call('/users/ada', { method: 'DELETE' });
  expect(status).toBe(200);
  expect(reply).toMatchObject({ service: 'users', method: 'DELETE', url: '/users/ada' });
});

test('a method the stock route does not allow, and a path no route matches, answer 404 as API Gateway does', async () => {
  for (const response of [await fetch(`${url}/stock/A-1`, { method: 'POST' }), await fetch(`${url}/payments/1`)]) {
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: 'Not Found' });
  }
});
