// End to end: HTTP proxy and private (ALB) integrations from aws-cdk-lib's constructs, forwarding to a
// node:http backend started here; CORS and the 10 MB body limit on the same API.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Duration } from 'aws-cdk-lib';
import { CorsHttpMethod, HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpAlbIntegration, HttpUrlIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startGateway, type Gateway } from '../src/index.js';
import { synthStack, type SynthesizedApp } from './support/synth-stack.js';

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

let backend: Server;
let backendUrl = '';
const seen: Seen[] = [];
let app: SynthesizedApp;
let gateway: Gateway;
let withoutBackend: Gateway;
let proxyApi = '';
let privateApi = '';

beforeAll(async () => {
  backend = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString() });
      response.writeHead(207, { 'content-type': 'text/plain', 'x-backend': 'yes', 'access-control-allow-origin': 'https://evil.example' });
      response.end(`backend saw ${request.method} ${request.url}`);
    });
  });
  await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
  backendUrl = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;

  app = synthStack('ProxyE2e', (stack) => {
    const api = new HttpApi(stack, 'ProxyApi', {
      defaultIntegration: new HttpUrlIntegration('CatchAll', `${backendUrl}/root`),
      corsPreflight: {
        allowOrigins: ['https://app.example'],
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST],
        allowHeaders: ['content-type', 'x-api-key'],
        exposeHeaders: ['x-backend'],
        maxAge: Duration.minutes(10),
      },
    });
    api.addRoutes({
      path: '/pets/{petId}',
      methods: [HttpMethod.GET, HttpMethod.POST],
      integration: new HttpUrlIntegration('Pets', `${backendUrl}/animals/{petId}`),
    });

    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const lb = new elbv2.ApplicationLoadBalancer(stack, 'Lb', { vpc });
    const listener = lb.addListener('Listener', { port: 80, open: false });
    listener.addAction('Fixed', { action: elbv2.ListenerAction.fixedResponse(200) });
    new HttpApi(stack, 'PrivateApi', { defaultIntegration: new HttpAlbIntegration('Alb', listener) });
  });

  // The private integration's logical id, as a user would read it from the start-up table.
  const template = JSON.parse(readFileSync(join(app.directory, 'ProxyE2e.template.json'), 'utf8')) as {
    Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
  };
  const albIntegration = Object.entries(template.Resources).find(
    ([, resource]) => resource.Type === 'AWS::ApiGatewayV2::Integration' && resource.Properties.ConnectionType === 'VPC_LINK',
  )?.[0];
  if (albIntegration === undefined) throw new Error('the template has no private integration');

  gateway = await startGateway({ assembly: app.directory, port: 0, quiet: true, log: () => {}, backends: { [albIntegration]: `${backendUrl}/alb` } });
  withoutBackend = await startGateway({ assembly: app.directory, port: 0, quiet: true, log: () => {} });
  proxyApi = gateway.apis.find((a) => a.logicalId.startsWith('ProxyApi'))?.url ?? '';
  privateApi = gateway.apis.find((a) => a.logicalId.startsWith('PrivateApi'))?.url ?? '';
});

afterAll(async () => {
  await gateway?.close();
  await withoutBackend?.close();
  await new Promise((resolve) => backend?.close(resolve));
  app?.dispose();
});

describe('HTTP proxy integration', () => {
  test('puts path variables into the URL, forwards the query, method, headers and body, and passes the answer back', async () => {
    const response = await fetch(`${proxyApi}/pets/42?q=1&q=2`, {
      method: 'POST',
      headers: { 'x-thing': 'one', 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(response.status).toBe(207);
    expect(response.headers.get('x-backend')).toBe('yes');
    expect(await response.text()).toBe('backend saw POST /animals/42?q=1&q=2');
    const request = seen.at(-1);
    expect(request?.headers['x-thing']).toBe('one');
    expect(request?.body).toBe('hello');
    expect(request?.headers.forwarded).toMatch(/for=127\.0\.0\.1/);
    expect(response.headers.get('apigw-requestid')).not.toBeNull();
  });

  test('appends the whole request path for the $default route', async () => {
    expect(await (await fetch(`${proxyApi}/store/checkout?x=1`)).text()).toBe('backend saw GET /root/store/checkout?x=1');
  });
});

describe('private integration', () => {
  test('sends requests to the --backend URL with the routing path appended', async () => {
    const response = await fetch(`${privateApi}/orders/7?y=2`);
    expect(response.status).toBe(207);
    expect(await response.text()).toBe('backend saw GET /alb/orders/7?y=2');
  });

  test('without --backend answers as for an unreachable target, and the start-up warning says so', async () => {
    const url = withoutBackend.apis.find((a) => a.logicalId.startsWith('PrivateApi'))?.url ?? '';
    const response = await fetch(`${url}/orders/7`);
    expect(response.status).toBe(500);
    expect(await response.text()).toBe('{"message":"Internal Server Error"}');
  });
});

describe('CORS', () => {
  test('answers a preflight from an allowed origin without reaching the backend', async () => {
    const before = seen.length;
    const response = await fetch(`${proxyApi}/pets/1`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')).toContain('content-type');
    expect(response.headers.get('access-control-max-age')).toBe('600');
    expect(seen.length).toBe(before);
  });

  test("adds the configured headers to a response for an allowed origin and drops the backend's own", async () => {
    const response = await fetch(`${proxyApi}/pets/1`, { headers: { origin: 'https://app.example' } });
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(response.headers.get('access-control-expose-headers')).toBe('x-backend');
    const other = await fetch(`${proxyApi}/pets/1`, { headers: { origin: 'https://other.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('payload limit', () => {
  test('answers 413 to a body over 10 MB without forwarding it, and keeps serving', async () => {
    const before = seen.length;
    const response = await fetch(`${proxyApi}/pets/1`, { method: 'POST', body: new Uint8Array(10 * 1024 * 1024 + 1) });
    expect(response.status).toBe(413);
    expect(await response.text()).toBe('{"message":"Request Entity Too Large"}');
    expect(seen.length).toBe(before);
    const exactly = await fetch(`${proxyApi}/pets/1`, { method: 'POST', body: new Uint8Array(10 * 1024 * 1024) });
    expect(exactly.status).toBe(207);
  });
});
