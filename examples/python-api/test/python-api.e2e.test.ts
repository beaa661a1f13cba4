// The Python API exactly as `npm start` serves it: the stack synthesized in-process, served by
// `startGateway`, and its real handler (lambda/stats.py) run on this machine's python3.
import { execFileSync } from 'node:child_process';
import { App } from 'aws-cdk-lib';
import { startGateway, type Gateway } from 'apigatewayv2-local';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { PythonApiStack } from '../lib/python-api-stack.js';

let gateway: Gateway;
let url = '';

beforeAll(async () => {
  const stack = new PythonApiStack(new App(), 'PythonApi');
  gateway = await startGateway({ stack, port: 0, quiet: true, log: () => {} });
  url = gateway.apis[0]?.url ?? '';
});

afterAll(async () => {
  await gateway?.close();
});

test('GET /hello/{name} runs the Python handler with the path parameter, on the machine’s python3', async () => {
  const python = execFileSync('python3', ['-c', 'import platform; print(platform.python_version())'], { encoding: 'utf8' }).trim();
  const response = await fetch(`${url}/hello/ada`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/json');
  expect(await response.json()).toMatchObject({ message: 'Hello, ada!', python, functionName: expect.stringContaining('StatsFn') as unknown });
});

test('the handler’s module state survives between invocations while its environment is warm', async () => {
  const first = (await (await fetch(`${url}/hello/a`)).json()) as { invocations: number };
  const second = (await (await fetch(`${url}/hello/b`)).json()) as { invocations: number };
  expect(second.invocations).toBe(first.invocations + 1);
});

test('POST /stats summarises a JSON array, also when API Gateway base64-encodes a binary body', async () => {
  for (const contentType of ['application/json', 'application/octet-stream']) {
    const response = await fetch(`${url}/stats`, { method: 'POST', headers: { 'content-type': contentType }, body: '[2, 4, 4, 4, 5, 5, 7, 9]' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ count: 8, mean: 5, median: 4.5 });
  }
});

test('POST /stats answers 400 from the handler for a body that is not an array of numbers', async () => {
  for (const body of ['not json', '[]', '["1"]', '{"a": 1}']) {
    const response = await fetch(`${url}/stats`, { method: 'POST', body });
    expect(response.status).toBe(400);
    expect(await response.json()).toHaveProperty('message');
  }
});
