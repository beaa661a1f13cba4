// End to end: watch mode on a CDK app command written with cdk-apigatewayv2, as a user runs
// `apigw-local --app "node app.cjs" --watch`: a handler edit is served within seconds on the same port,
// without dropping an open WebSocket connection and without restarting the functions that did not change;
// a new route appears in the reload summary; an app that no longer synthesizes leaves the last good version
// serving.
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startGateway, type Gateway } from '../src/index.js';
import { handlerDirectory, type SynthesizedApp } from './support/synth-stack.js';
import { connect, eventually, pause, type TestClient } from './support/ws-client.js';

/** How long a handler edit may take to be served (the goal: edit → new response within 3 s). */
const EDIT_TO_RESPONSE_MS = 3_000;

/** The app: an HTTP API (GET /hello → handler/index.js) and a WebSocket API whose $default echoes with its pid. */
function appSource(extraRoutes = ''): string {
  return `
const path = require('node:path');
const { App, Stack } = require('aws-cdk-lib');
const lambda = require('aws-cdk-lib/aws-lambda');
const { HttpApi, HttpMethod, WebSocketApi, WebSocketStage } = require('cdk-apigatewayv2');
const { LambdaProxyIntegration, LambdaWebSocketIntegration } = require('cdk-apigatewayv2/integrations');
const app = new App();
const stack = new Stack(app, 'WatchE2e');
const hello = new lambda.Function(stack, 'HelloFn', {
  runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset(path.join(__dirname, 'handler')),
});
const echo = new lambda.Function(stack, 'EchoFn', {
  runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler',
  code: lambda.Code.fromInline("exports.handler = async (event) => ({ statusCode: 200, body: event.body + ' ' + process.pid });"),
});
const api = new HttpApi(stack, 'HelloApi');
api.addRoutes({ path: '/hello', methods: [HttpMethod.GET], integration: new LambdaProxyIntegration({ handler: hello }) });
${extraRoutes}
const chat = new WebSocketApi(stack, 'ChatApi', {
  defaultRouteOptions: { integration: new LambdaWebSocketIntegration({ handler: echo }), returnResponse: true },
});
new WebSocketStage(stack, 'LiveStage', { webSocketApi: chat, stageName: 'live', autoDeploy: true });
app.synth();
`;
}

const handlerSource = (greeting: string): string =>
  `exports.handler = async () => ({ statusCode: 200, body: '${greeting} ' + process.pid });\n`;

let project: SynthesizedApp;
let gateway: Gateway;
let client: TestClient;
const lines: string[] = [];

const httpUrl = (): string | undefined => gateway.apis.find((api) => api.protocol === 'HTTP')?.url;

async function hello(): Promise<{ text: string; pid: string }> {
  const [text = '', pid = ''] = (await (await fetch(`${httpUrl()}/hello`)).text()).split(' ');
  return { text, pid };
}

async function echo(message: string): Promise<{ text: string; pid: string }> {
  client.ws.send(message);
  const [text = '', pid = ''] = (await client.next()).split(' ');
  return { text, pid };
}

/** Resolves once the log has a line matching `pattern` after the first `from` lines. */
function logLine(pattern: RegExp, from: number): Promise<string> {
  return eventually(() => lines.slice(from).find((line) => pattern.test(line)), 30_000);
}

beforeAll(async () => {
  project = handlerDirectory({ 'app.cjs': appSource(), 'handler/index.js': handlerSource('hello') });
  // The app resolves aws-cdk-lib and cdk-apigatewayv2 through the workspace's node_modules, as a project would.
  symlinkSync(join(import.meta.dirname, '..', '..', '..', 'node_modules'), join(project.directory, 'node_modules'));
  gateway = await startGateway({
    app: 'node app.cjs',
    appDirectory: project.directory,
    watch: true,
    port: 0,
    log: (line) => lines.push(line),
  });
  client = await connect(`${gateway.apis.find((api) => api.protocol === 'WEBSOCKET')?.url}/live`);
}, 60_000);

afterAll(async () => {
  client?.ws.terminate();
  await gateway?.close();
  project?.dispose();
});

describe('apigw-local --watch', () => {
  test('serves an edited handler within seconds on the same port, keeping the WebSocket open and the other functions warm', async () => {
    const servedAt = httpUrl();
    const before = await hello();
    const echoed = await echo('ping');
    expect(before.text).toBe('hello');
    expect(echoed.text).toBe('ping');

    const from = lines.length;
    const edited = Date.now();
    writeFileSync(join(project.directory, 'handler', 'index.js'), handlerSource('bonjour'));
    let after = await hello();
    while (after.text !== 'bonjour' && Date.now() - edited < 30_000) {
      await pause(25);
      after = await hello();
    }
    const elapsedMs = Date.now() - edited;
    console.log(`watch mode: handler edit served after ${elapsedMs} ms`);
    expect(elapsedMs).toBeLessThan(EDIT_TO_RESPONSE_MS);

    expect(after.pid).not.toBe(before.pid); // a fresh environment for the changed function
    expect(httpUrl()).toBe(servedAt); // same port
    expect(client.ws.readyState).toBe(client.ws.OPEN);
    const again = await echo('again');
    expect(again).toEqual({ text: 'again', pid: echoed.pid }); // same connection, the echo function stayed warm
    const restarted = await logLine(/functions restarted/, from);
    expect(restarted).toMatch(/functions restarted \(code or settings changed\): HelloFn\w*$/);
  }, 60_000);

  test('prints the routes a change adds and serves them', async () => {
    const from = lines.length;
    writeFileSync(
      join(project.directory, 'app.cjs'),
      appSource("api.addRoutes({ path: '/added', methods: [HttpMethod.GET], integration: new LambdaProxyIntegration({ handler: hello }) });"),
    );
    await logLine(/reloaded/, from);
    const summary = lines.slice(from).join('\n');
    expect(summary).toMatch(/WatchE2e\/HelloApi[^\n]*: \+ GET \/added → Lambda HelloFn/);
    expect((await fetch(`${httpUrl()}/added`)).status).toBe(200);
    expect(client.ws.readyState).toBe(client.ws.OPEN);
  }, 60_000);

  test('an app that no longer synthesizes is reported and the last good version keeps serving', async () => {
    const from = lines.length;
    writeFileSync(join(project.directory, 'app.cjs'), `${appSource()}\nthrow new Error('half-written stack');\n`);
    const failure = await logLine(/reload failed/, from);
    expect(failure).toMatch(/still serving the previous version: .*half-written stack/s);
    expect((await hello()).text).toBe('bonjour');
    expect((await fetch(`${httpUrl()}/added`)).status).toBe(200);
    expect((await echo('after-the-failure')).text).toBe('after-the-failure');

    // Fixed again: served again, and the route the fix drops is gone.
    const fixed = lines.length;
    writeFileSync(join(project.directory, 'app.cjs'), appSource());
    await logLine(/reloaded/, fixed);
    expect(lines.slice(fixed).join('\n')).toMatch(/- GET \/added/);
    expect((await fetch(`${httpUrl()}/added`)).status).toBe(404);
  }, 60_000);
});

describe('apigw-local --template <file> --watch', () => {
  /** A template with GET /hello → a function whose code is the directory `hello` beside it (CDK asset metadata). */
  const template = (routes: readonly string[], layered = false): string =>
    JSON.stringify({
      Resources: {
        HelloFn: {
          Type: 'AWS::Lambda::Function',
          Metadata: { 'aws:asset:path': 'hello', 'aws:asset:property': 'Code' },
          Properties: {
            Runtime: 'nodejs22.x',
            Handler: 'index.handler',
            Role: 'arn:aws:iam::123456789012:role/r',
            Code: { S3Bucket: 'b', S3Key: 'k.zip' },
            ...(layered && { Layers: [{ Ref: 'GreetingLayer' }] }),
          },
        },
        ...(layered && {
          GreetingLayer: {
            Type: 'AWS::Lambda::LayerVersion',
            Metadata: { 'aws:asset:path': 'layer', 'aws:asset:property': 'Content' },
            Properties: { Content: { S3Bucket: 'b', S3Key: 'layer.zip' } },
          },
        }),
        Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'hello', ProtocolType: 'HTTP' } },
        Integration: {
          Type: 'AWS::ApiGatewayV2::Integration',
          Properties: { ApiId: { Ref: 'Api' }, IntegrationType: 'AWS_PROXY', IntegrationUri: { 'Fn::GetAtt': ['HelloFn', 'Arn'] }, PayloadFormatVersion: '2.0' },
        },
        ...Object.fromEntries(
          routes.map((routeKey, i) => [
            `Route${i}`,
            { Type: 'AWS::ApiGatewayV2::Route', Properties: { ApiId: { Ref: 'Api' }, RouteKey: routeKey, Target: { 'Fn::Join': ['', ['integrations/', { Ref: 'Integration' }]] } } },
          ]),
        ),
        Stage: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: { Ref: 'Api' }, StageName: '$default', AutoDeploy: true } },
        HelloPermission: {
          Type: 'AWS::Lambda::Permission',
          Properties: { Action: 'lambda:InvokeFunction', FunctionName: { Ref: 'HelloFn' }, Principal: 'apigateway.amazonaws.com' },
        },
      },
    });

  test('restarts a function whose code directory changed, and serves template edits', async () => {
    const files = handlerDirectory({ 'template.json': template(['GET /hello']), 'hello/index.js': handlerSource('hello') });
    const log: string[] = [];
    const served = await startGateway({ template: join(files.directory, 'template.json'), watch: true, port: 0, log: (line) => log.push(line) });
    try {
      const get = async (path: string): Promise<Response> => fetch(`${served.apis[0]?.url}${path}`);
      expect((await (await get('/hello')).text()).split(' ')[0]).toBe('hello');

      writeFileSync(join(files.directory, 'hello', 'index.js'), handlerSource('salut'));
      await eventually(() => log.find((line) => /functions restarted \(code or settings changed\): HelloFn$/.test(line)), 30_000);
      expect((await (await get('/hello')).text()).split(' ')[0]).toBe('salut');

      const from = log.length;
      writeFileSync(join(files.directory, 'template.json'), template(['GET /hello', 'GET /bye']));
      await eventually(() => log.slice(from).find((line) => line.includes('+ GET /bye')), 30_000);
      expect((await get('/bye')).status).toBe(200);
    } finally {
      await served.close();
      files.dispose();
    }
  }, 60_000);

  test('restarts a function whose layer changed on disk, with the layer’s new files', async () => {
    const files = handlerDirectory({
      'template.json': template(['GET /hello'], true),
      'hello/index.js':
        "const { readFileSync } = require('node:fs');\nexports.handler = async () => ({ statusCode: 200, body: readFileSync(`${process.env.APIGW_LOCAL_OPT}/greeting.txt`, 'utf8') });",
      'layer/greeting.txt': 'hello',
    });
    const log: string[] = [];
    const served = await startGateway({ template: join(files.directory, 'template.json'), watch: true, port: 0, log: (line) => log.push(line) });
    try {
      const get = async (): Promise<string> => (await fetch(`${served.apis[0]?.url}/hello`)).text();
      expect(await get()).toBe('hello');
      // (Not a file under node_modules: watch mode leaves those out, as cdk watch does.)
      writeFileSync(join(files.directory, 'layer', 'greeting.txt'), 'salut');
      await eventually(() => log.find((line) => /functions restarted \(code or settings changed\): HelloFn$/.test(line)), 30_000);
      expect(await get()).toBe('salut');
    } finally {
      await served.close();
      files.dispose();
    }
  }, 60_000);
});
