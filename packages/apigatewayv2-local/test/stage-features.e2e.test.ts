// End to end: stage throttling, access logs and parameter mapping from aws-cdk-lib's constructs, served to
// fetch over a real socket, with an HTTP backend started here.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUrlIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startGateway, type Gateway } from '../src/index.js';
import { synthStack, type SynthesizedApp } from './support/synth-stack.js';

interface Seen {
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

let backend: Server;
let backendUrl = '';
const seen: Seen[] = [];
let app: SynthesizedApp;
let gateway: Gateway;
let throttledApi = '';

beforeAll(async () => {
  backend = createServer((request, response) => {
    seen.push({ url: request.url ?? '', headers: request.headers });
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.end('ok');
  });
  await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
  backendUrl = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;

  app = synthStack('StageFeaturesE2e', (stack) => {
    const throttled = new HttpApi(stack, 'ThrottledApi', { createDefaultStage: false });
    throttled.addStage('Stage', { stageName: '$default', autoDeploy: true, throttle: { rateLimit: 1, burstLimit: 3 } });
    throttled.addRoutes({ path: '/limited', methods: [HttpMethod.GET], integration: new HttpUrlIntegration('Limited', `${backendUrl}/limited`) });
  });
  gateway = await startGateway({ assembly: app.directory, port: 0, quiet: true, log: () => {} });
  throttledApi = gateway.apis.find((a) => a.logicalId.startsWith('ThrottledApi'))?.url ?? '';
});

afterAll(async () => {
  await gateway?.close();
  await new Promise((resolve) => backend?.close(resolve));
  app?.dispose();
});

describe('throttling', () => {
  test('answers 429 {"message":"Too Many Requests"} past the stage burst, without reaching the backend', async () => {
    const before = seen.length;
    const responses = await Promise.all(Array.from({ length: 6 }, () => fetch(`${throttledApi}/limited`)));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
    const refused = responses.find((response) => response.status === 429);
    expect(await refused?.text()).toBe('{"message":"Too Many Requests"}');
    expect(refused?.headers.get('apigw-requestid')).not.toBeNull();
    expect(seen.length - before).toBe(3);
  });
});
