// End to end: stage throttling, access logs and parameter mapping from aws-cdk-lib's constructs, served to
// fetch over a real socket, with an HTTP backend started here.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccessLogField, AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { Duration } from 'aws-cdk-lib';
import { HttpApi, HttpMethod, LogGroupLogDestination, MappingValue, ParameterMapping } from 'aws-cdk-lib/aws-apigatewayv2';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
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
let mappedApi = '';
let loggedApi = '';
let logDirectory = '';
let accessLogFile = '';
const terminal: string[] = [];
let terminalGateway: Gateway;

beforeAll(async () => {
  backend = createServer((request, response) => {
    seen.push({ url: request.url ?? '', headers: request.headers });
    const answer = () => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('ok');
    };
    if (request.url?.startsWith('/slow')) setTimeout(answer, 1500);
    else answer();
  });
  await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
  backendUrl = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;

  app = synthStack('StageFeaturesE2e', (stack) => {
    const throttled = new HttpApi(stack, 'ThrottledApi', { createDefaultStage: false });
    throttled.addStage('Stage', { stageName: '$default', autoDeploy: true, throttle: { rateLimit: 1, burstLimit: 3 } });
    throttled.addRoutes({ path: '/limited', methods: [HttpMethod.GET], integration: new HttpUrlIntegration('Limited', `${backendUrl}/limited`) });

    const logged = new HttpApi(stack, 'LoggedApi', { createDefaultStage: false });
    logged.addStage('Stage', {
      stageName: '$default',
      autoDeploy: true,
      accessLogSettings: {
        destination: new LogGroupLogDestination(new LogGroup(stack, 'AccessLogs')),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: AccessLogField.contextRequestId(),
            status: AccessLogField.contextStatus(),
            routeKey: AccessLogField.contextRouteKey(),
            integrationLatency: AccessLogField.contextIntegrationLatency(),
            integrationStatus: '$context.integrationStatus',
            responseLength: '$context.responseLength',
            method: '$context.httpMethod',
          }),
        ),
      },
    });
    logged.addRoutes({ path: '/pets/{id}', methods: [HttpMethod.GET], integration: new HttpUrlIntegration('Pets', `${backendUrl}/pets/{id}`) });

    const mapped = new HttpApi(stack, 'MappedApi');
    mapped.addRoutes({
      path: '/items/{id}',
      methods: [HttpMethod.GET],
      integration: new HttpUrlIntegration('Mapped', `${backendUrl}/items`, {
        parameterMapping: new ParameterMapping()
          .appendHeader('x-request-id', MappingValue.contextVariable('requestId'))
          .overwriteHeader('x-item', MappingValue.requestPathParam('id'))
          .removeHeader('x-secret')
          .appendQueryString('source', MappingValue.requestHeader('x-client'))
          .overwritePath(MappingValue.custom('/catalogue/${request.path.id}')),
      }),
    });
    mapped.addRoutes({
      path: '/slow',
      methods: [HttpMethod.GET],
      integration: new HttpUrlIntegration('Slow', `${backendUrl}/slow`, { timeout: Duration.millis(300) }),
    });
  });
  logDirectory = mkdtempSync(join(tmpdir(), 'apigw-local-access-'));
  accessLogFile = join(logDirectory, 'access.log');
  gateway = await startGateway({ assembly: app.directory, port: 0, quiet: true, log: () => {}, accessLog: accessLogFile });
  throttledApi = gateway.apis.find((a) => a.logicalId.startsWith('ThrottledApi'))?.url ?? '';
  loggedApi = gateway.apis.find((a) => a.logicalId.startsWith('LoggedApi'))?.url ?? '';
  mappedApi = gateway.apis.find((a) => a.logicalId.startsWith('MappedApi'))?.url ?? '';
  terminalGateway = await startGateway({ assembly: app.directory, port: 0, quiet: false, log: (line) => terminal.push(line) });
});

afterAll(async () => {
  await gateway?.close();
  await terminalGateway?.close();
  if (logDirectory !== '') rmSync(logDirectory, { recursive: true, force: true });
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

describe('access logs', () => {
  test("write one line per request in the stage's own format to the --access-log file", async () => {
    const ok = await fetch(`${loggedApi}/pets/7`);
    const missing = await fetch(`${loggedApi}/nothing`);
    const lines = readFileSync(accessLogFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, string>);
    expect(lines.at(-2)?.integrationLatency).toMatch(/^\d+$/);
    expect(lines.slice(-2).map((line) => ({ ...line, integrationLatency: line.integrationLatency === '-' ? '-' : 'n' }))).toEqual([
      {
        requestId: ok.headers.get('apigw-requestid'),
        status: '200',
        routeKey: 'GET /pets/{id}',
        integrationLatency: 'n',
        integrationStatus: '200',
        responseLength: '2',
        method: 'GET',
      },
      { requestId: missing.headers.get('apigw-requestid'), status: '404', routeKey: '-', integrationLatency: '-', integrationStatus: '-', responseLength: '23', method: 'GET' },
    ]);
  });

  test("go to the terminal after the stage's logical id when no file is given", async () => {
    const url = terminalGateway.apis.find((a) => a.logicalId.startsWith('LoggedApi'))?.url ?? '';
    const response = await fetch(`${url}/pets/8`);
    await response.text();
    const line = terminal.find((l) => l.startsWith('[access LoggedApiStage'));
    expect(line).toMatch(new RegExp(`^\\[access LoggedApiStage[0-9A-F]+\\] \\{"requestId":"${response.headers.get('apigw-requestid')?.replace(/[=+/]/g, '\\$&')}","status":"200"`));
  });
});

describe('parameter mapping and timeout', () => {
  test('the backend receives the mapped headers, query string and path', async () => {
    const response = await fetch(`${mappedApi}/items/42?keep=1`, { headers: { 'x-client': 'web', 'x-secret': 'hide', 'x-item': 'old' } });
    expect(response.status).toBe(200);
    const request = seen.at(-1);
    expect(request?.url).toBe('/catalogue/42?keep=1&source=web');
    expect(request?.headers['x-request-id']).toBe(response.headers.get('apigw-requestid'));
    expect(request?.headers['x-item']).toBe('42');
    expect(request?.headers['x-secret']).toBeUndefined();
  });

  test('an integration slower than its timeout is answered 503 {"message":"Service Unavailable"}', async () => {
    const started = Date.now();
    const response = await fetch(`${mappedApi}/slow`);
    expect(response.status).toBe(503);
    expect(await response.text()).toBe('{"message":"Service Unavailable"}');
    expect(Date.now() - started).toBeLessThan(1400);
  });
});
