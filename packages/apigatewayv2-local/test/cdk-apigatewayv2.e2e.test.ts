// End to end with templates from our own construct library, imported by package name as users do:
// the seed's books API (HTTP proxy for GET /books, Lambda proxy for every other method), a payload 1.0
// route, a named stage, CORS, and a private ALB integration served through `backends`.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda';
import { Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { CorsHttpMethod, HttpApi, HttpMethod, PayloadFormatVersion } from 'cdk-apigatewayv2';
import { HttpAlbIntegration, HttpProxyIntegration, LambdaProxyIntegration } from 'cdk-apigatewayv2/integrations';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startGateway, type Gateway } from '../src/index.js';
import { handlerDirectory, synthStack, type SynthesizedApp } from './support/synth-stack.js';

const ECHO = "exports.handler = async (event) => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) });";

let backend: Server;
let backendUrl = '';
let code: SynthesizedApp;
let app: SynthesizedApp;
let gateway: Gateway;
let books = '';
let privateApi = '';

beforeAll(async () => {
  backend = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.end(`backend: ${request.method} ${request.url}`);
  });
  await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
  backendUrl = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;

  code = handlerDirectory({ 'index.js': ECHO });
  app = synthStack('OwnConstructs', (stack) => {
    const echo = new lambda.Function(stack, 'BooksDefaultFn', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(code.directory),
    });
    const api = new HttpApi(stack, 'HttpApi', {
      corsPreflight: { allowOrigins: ['https://app.example'], allowMethods: [CorsHttpMethod.POST], maxAge: Duration.seconds(60) },
    });
    api.addStage('Beta', { stageName: 'beta', autoDeploy: true });
    api.addRoutes({ path: '/books', methods: [HttpMethod.GET], integration: new HttpProxyIntegration({ url: `${backendUrl}/catalogue` }) });
    api.addRoutes({ path: '/books', methods: [HttpMethod.ANY], integration: new LambdaProxyIntegration({ handler: echo }) });
    api.addRoutes({
      path: '/books/{id}',
      methods: [HttpMethod.GET],
      integration: new LambdaProxyIntegration({ handler: echo, payloadFormatVersion: PayloadFormatVersion.VERSION_1_0 }),
    });

    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const listener = new elbv2.ApplicationLoadBalancer(stack, 'Lb', { vpc }).addListener('Listener', { port: 80, open: false });
    listener.addAction('Fixed', { action: elbv2.ListenerAction.fixedResponse(200) });
    new HttpApi(stack, 'PrivateApi', { defaultIntegration: new HttpAlbIntegration({ listener }) });
  });

  const template = JSON.parse(readFileSync(join(app.directory, 'OwnConstructs.template.json'), 'utf8')) as {
    Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
  };
  const privateIntegration = Object.entries(template.Resources).find(
    ([, r]) => r.Type === 'AWS::ApiGatewayV2::Integration' && r.Properties.ConnectionType === 'VPC_LINK',
  )?.[0];
  if (privateIntegration === undefined) throw new Error('the template has no private integration');

  gateway = await startGateway({ assembly: app.directory, port: 0, quiet: true, log: () => {}, backends: { [privateIntegration]: backendUrl } });
  books = gateway.apis.find((a) => a.logicalId.startsWith('HttpApi'))?.url ?? '';
  privateApi = gateway.apis.find((a) => a.logicalId.startsWith('PrivateApi'))?.url ?? '';
});

afterAll(async () => {
  await gateway?.close();
  await new Promise((resolve) => backend?.close(resolve));
  app?.dispose();
  code?.dispose();
});

describe('cdk-apigatewayv2 templates', () => {
  test('GET /books goes through the HTTP proxy integration', async () => {
    const response = await fetch(`${books}/books?page=2`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('backend: GET /catalogue?page=2');
  });

  test('every other method on /books reaches the Lambda proxy integration with a 2.0 event', async () => {
    const response = await fetch(`${books}/books`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title":"Dune"}' });
    const event = (await response.json()) as APIGatewayProxyEventV2;
    expect(event.version).toBe('2.0');
    expect(event.routeKey).toBe('ANY /books');
    expect(event.body).toBe('{"title":"Dune"}');
  });

  test('a route with payload format 1.0 gets the 1.0 event, on a named stage too', async () => {
    const event = (await (await fetch(`${books}/beta/books/7`)).json()) as APIGatewayProxyEvent & { version: string };
    expect(event.version).toBe('1.0');
    expect(event.resource).toBe('/books/{id}');
    expect(event.pathParameters).toEqual({ id: '7' });
    expect(event.requestContext.stage).toBe('beta');
  });

  test('the CORS preflight is answered from corsPreflight', async () => {
    const response = await fetch(`${books}/books`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(response.headers.get('access-control-max-age')).toBe('60');
  });

  test('the private ALB integration is served through backends', async () => {
    expect(await (await fetch(`${privateApi}/orders?x=1`)).text()).toBe('backend: GET /orders?x=1');
  });
});
