// End to end with a real browser: headless Chromium (Debian's `chromium` package; `.ci/run` installs it)
// opens a WebSocket to a local API, sends and receives, and sees the close code of a limit.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startGateway, type Gateway } from '../src/index.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A WebSocket API whose `$default` route answers every message (two-way), defined by hand as a template. */
const TEMPLATE = {
  Resources: {
    EchoFn: {
      Type: 'AWS::Lambda::Function',
      Properties: {
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Role: 'arn:aws:iam::123456789012:role/echo',
        Code: { ZipFile: "exports.handler = async (event) => ({ statusCode: 200, body: 'echo: ' + event.body });" },
      },
    },
    Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'browser', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' } },
    Integration: {
      Type: 'AWS::ApiGatewayV2::Integration',
      Properties: {
        ApiId: { Ref: 'Api' },
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: { 'Fn::Sub': 'arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${EchoFn.Arn}/invocations' },
      },
    },
    DefaultRoute: {
      Type: 'AWS::ApiGatewayV2::Route',
      Properties: {
        ApiId: { Ref: 'Api' },
        RouteKey: '$default',
        Target: { 'Fn::Join': ['', ['integrations/', { Ref: 'Integration' }]] },
        RouteResponseSelectionExpression: '$default',
      },
    },
    DefaultResponse: {
      Type: 'AWS::ApiGatewayV2::RouteResponse',
      Properties: { ApiId: { Ref: 'Api' }, RouteId: { Ref: 'DefaultRoute' }, RouteResponseKey: '$default' },
    },
    Stage: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: { Ref: 'Api' }, StageName: 'live', AutoDeploy: true } },
    // Without it API Gateway may not invoke the function (and the gateway answers as AWS does).
    EchoPermission: {
      Type: 'AWS::Lambda::Permission',
      Properties: { Action: 'lambda:InvokeFunction', FunctionName: { 'Fn::GetAtt': ['EchoFn', 'Arn'] }, Principal: 'apigateway.amazonaws.com' },
    },
  },
};

let directory: string;
let gateway: Gateway;
let browser: BrowserContext | undefined;
let url: string;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'apigw-local-browser-'));
  writeFileSync(join(directory, 'template.json'), JSON.stringify(TEMPLATE));
  gateway = await startGateway({ template: join(directory, 'template.json'), port: 0, quiet: true, log: () => {} });
  url = gateway.apis[0]?.stages[0]?.url ?? '';
  if (!existsSync(CHROMIUM)) return;
  browser = await chromium.launchPersistentContext(join(directory, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await gateway?.close();
  rmSync(directory, { recursive: true, force: true });
});

describe.skipIf(!existsSync(CHROMIUM))('a browser WebSocket', () => {
  test('connects to a local WebSocket API, sends, receives, and sees a 1003 close for a binary frame', async () => {
    if (!browser) throw new Error('Chromium did not start');
    const page = await browser.newPage();
    const result = await page.evaluate(async (socketUrl) => {
      const socket = new WebSocket(socketUrl);
      await new Promise((resolve, reject) => {
        socket.onopen = resolve;
        socket.onerror = () => reject(new Error('could not connect'));
      });
      const reply = new Promise<string>((resolve) => {
        socket.onmessage = (message) => resolve(String(message.data));
      });
      socket.send('hello from Chromium');
      const text = await reply;
      const closed = new Promise<number>((resolve) => {
        socket.onclose = (close) => resolve(close.code);
      });
      socket.send(new Uint8Array([1, 2, 3]));
      // The page's global, not Node.js's: this function runs in Chromium.
      const { navigator } = globalThis as unknown as { navigator: { userAgent: string } };
      return { text, closeCode: await closed, userAgent: navigator.userAgent };
    }, url);
    expect(result.text).toBe('echo: hello from Chromium');
    expect(result.closeCode).toBe(1003);
    expect(result.userAgent).toContain('HeadlessChrome');
  });
});
