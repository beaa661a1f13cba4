// End to end: what the gateway reports at start-up, `gateway.apis`, `close()`, the other sources
// (template file, CDK app command) and the `apigw-local` CLI run as a subprocess.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { CfnResource } from 'aws-cdk-lib';
import { HttpApi, HttpMethod, WebSocketApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { GatewayError, startGateway } from '../src/index.js';
import { handlerDirectory, synthStack, type SynthesizedApp } from './support/synth-stack.js';

const PID_HANDLER = "exports.handler = async () => ({ statusCode: 200, body: String(process.pid) });";

let app: SynthesizedApp;

beforeAll(() => {
  app = synthStack('StartUpE2e', (stack) => {
    const inline = (id: string, runtime: lambda.Runtime, source: string) =>
      new lambda.Function(stack, id, { runtime, handler: 'index.handler', code: lambda.Code.fromInline(source) });
    const api = new HttpApi(stack, 'BooksApi', { apiName: 'books' });
    api.addStage('beta', { stageName: 'beta', autoDeploy: true });
    api.addRoutes({
      path: '/pid',
      methods: [HttpMethod.GET],
      integration: new HttpLambdaIntegration('PidIntegration', inline('PidFn', lambda.Runtime.NODEJS_22_X, PID_HANDLER)),
    });
    api.addRoutes({
      path: '/report',
      methods: [HttpMethod.POST],
      integration: new HttpLambdaIntegration(
        'RubyIntegration',
        // A runtime the local gateway does not run (Node.js and Python do run), declared so CDK accepts inline code.
        inline('RubyFn', new lambda.Runtime('ruby3.3', lambda.RuntimeFamily.RUBY, { supportsInlineCode: true }), 'def handler(event:, context:)\n  { statusCode: 200 }\nend\n'),
      ),
    });
    new WebSocketApi(stack, 'ChatApi');
    // Something the gateway cannot serve, to see a diagnostic: a REST API (API Gateway v1).
    new CfnResource(stack, 'LegacyRestApi', { type: 'AWS::ApiGateway::RestApi', properties: { Name: 'legacy' } });
  });
});

afterAll(() => app?.dispose());

describe('start-up', () => {
  test('prints the API table with stages, URLs and routes, then diagnostics and warnings for what cannot be served', async () => {
    const lines: string[] = [];
    const gateway = await startGateway({ assembly: app.directory, port: 0, log: (line) => lines.push(line) });
    try {
      const books = gateway.apis.find((a) => a.name === 'books');
      const text = lines.join('\n');
      expect(text).toMatch(new RegExp(`HTTP API StartUpE2e/${books?.logicalId} \\(books\\)`));
      expect(text).toMatch(new RegExp(`stage\\s+\\$default\\s+${books?.url}\n`));
      expect(text).toMatch(new RegExp(`stage\\s+beta\\s+${books?.url}/beta\n`));
      expect(text).toMatch(/route\s+GET \/pid\s+→ Lambda PidFn\w* \(payload 2\.0\)/);
      expect(text).toMatch(/route\s+POST \/report\s+→ Lambda RubyFn\w* \(payload 2\.0\)/);
      expect(text).toMatch(/warning\s+StartUpE2e\/LegacyRestApi\s+REST APIs .* are not served.* \[UNSUPPORTED_RESOURCE\]/);
      expect(text).toMatch(/warning\s+StartUpE2e\/RubyFn\w*\s+function .*: Runtime 'ruby3\.3' cannot run locally .*; its routes answer 500/);
      expect(text).toMatch(/WEBSOCKET API StartUpE2e\/ChatApi\w* \(ChatApi\)\n {2}selection\s+\$request\.body\.action\n/);
    } finally {
      await gateway.close();
    }
  });

  test('gateway.apis lists every API with protocol, URL and stages', async () => {
    const gateway = await startGateway({ assembly: { directory: app.directory }, port: 0, log: () => {} });
    try {
      expect(gateway.apis).toEqual([
        {
          stackName: 'StartUpE2e',
          logicalId: expect.stringMatching(/^BooksApi/) as string,
          name: 'books',
          protocol: 'HTTP',
          url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) as string,
          stages: [
            { name: '$default', url: gateway.apis[0]?.url },
            { name: 'beta', url: `${gateway.apis[0]?.url}/beta` },
          ],
        },
        {
          stackName: 'StartUpE2e',
          logicalId: expect.stringMatching(/^ChatApi/) as string,
          name: 'ChatApi',
          protocol: 'WEBSOCKET',
          url: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+$/) as string,
          stages: [],
        },
      ]);
    } finally {
      await gateway.close();
    }
  });

  test('close() frees the port and stops the Lambda environments', async () => {
    const gateway = await startGateway({ assembly: app.directory, port: 0, log: () => {} });
    const url = gateway.apis[0]?.url ?? '';
    const pid = Number(await (await fetch(`${url}/pid`)).text());
    expect(() => process.kill(pid, 0)).not.toThrow();
    await gateway.close();
    await expect(fetch(`${url}/pid`)).rejects.toThrow();
    expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
  });

  test('rejects two sources and a bad port, naming the option', async () => {
    await expect(startGateway({ assembly: app.directory, template: 'x.json' })).rejects.toThrow(
      'give at most one of the options assembly, template, app and stack; got assembly and template',
    );
    await expect(startGateway({ assembly: app.directory, port: 70000 })).rejects.toThrow('port must be an integer from 0 to 65535, got 70000');
    await expect(startGateway({ assembly: app.directory, backends: { X: 'ftp://x' } })).rejects.toThrow("backend for 'X' must be an http:// or https:// URL, got 'ftp://x'");
  });
});

describe('start-up errors and quiet', () => {
  test('rejects a --backend or --parameter key that matches nothing, listing what exists', async () => {
    const error = await startGateway({ assembly: app.directory, port: 0, log: () => {}, backends: { PidIntegraton: 'http://127.0.0.1:9' } }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).code).toBe('INVALID_OPTION');
    expect((error as GatewayError).message).toBe("backend 'PidIntegraton' matches no HTTP integration; the model has no HTTP integrations (logical ids)");
    await expect(startGateway({ assembly: app.directory, port: 0, log: () => {}, parameters: { Stage: 'dev' } })).rejects.toThrow(
      /^parameter 'Stage' matches no template parameter; the parameters: BootstrapVersion$/,
    );
  });

  test('refuses a source without an API, naming the stacks it read', async () => {
    const empty = handlerDirectory({ 'empty.json': JSON.stringify({ Resources: { Topic: { Type: 'AWS::SNS::Topic' } } }) });
    try {
      const error = await startGateway({ template: join(empty.directory, 'empty.json'), port: 0, log: () => {} }).catch((caught: unknown) => caught);
      expect((error as GatewayError).code).toBe('NO_API');
      expect((error as GatewayError).message).toMatch(/^no AWS::ApiGatewayV2::Api found in template .*empty\.json; stacks read: empty$/);
    } finally {
      empty.dispose();
    }
  });

  test('quiet: true prints no start-up table', async () => {
    const lines: string[] = [];
    const gateway = await startGateway({ assembly: app.directory, port: 0, quiet: true, log: (line) => lines.push(line) });
    await gateway.close();
    expect(lines).toEqual([]);
  });
});

describe('other sources', () => {
  test('serves a single template file', async () => {
    const gateway = await startGateway({ template: join(app.directory, 'StartUpE2e.template.json'), port: 0, log: () => {} });
    try {
      const response = await fetch(`${gateway.apis[0]?.url}/pid`);
      expect(response.status).toBe(200);
      expect(Number(await response.text())).toBeGreaterThan(0);
    } finally {
      await gateway.close();
    }
  });

  test('synthesizes and serves a CDK app command, with context values', async () => {
    const code = handlerDirectory({
      'app.cjs': `
const { App, Stack } = require('aws-cdk-lib');
const { HttpApi, HttpMethod } = require('aws-cdk-lib/aws-apigatewayv2');
const { HttpLambdaIntegration } = require('aws-cdk-lib/aws-apigatewayv2-integrations');
const lambda = require('aws-cdk-lib/aws-lambda');
const app = new App();
const stack = new Stack(app, 'FromApp');
const fn = new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler',
  code: lambda.Code.fromInline("exports.handler = async () => ({ statusCode: 200, body: 'from the " + app.node.tryGetContext('source') + "' });") });
new HttpApi(stack, 'Api').addRoutes({ path: '/', methods: [HttpMethod.GET], integration: new HttpLambdaIntegration('I', fn) });
app.synth();
`,
    });
    // The app resolves aws-cdk-lib through the workspace's node_modules, as an app in a project would.
    symlinkSync(join(import.meta.dirname, '..', '..', '..', 'node_modules'), join(code.directory, 'node_modules'));
    try {
      const gateway = await startGateway({ app: `node ${join(code.directory, 'app.cjs')}`, context: { source: 'app' }, port: 0, log: () => {} });
      try {
        expect(await (await fetch(`${gateway.apis[0]?.url}/`)).text()).toBe('from the app');
      } finally {
        await gateway.close();
      }
    } finally {
      code.dispose();
    }
  });
});

describe('apigw-local CLI', () => {
  const cli = join(import.meta.dirname, '..', 'dist', 'cli.js');

  function run(args: string[], cwd?: string) {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'], ...(cwd !== undefined && { cwd }) });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return { child, exited, output: () => ({ stdout, stderr }) };
  }

  test.runIf(existsSync(cli))('serves a cloud assembly, logs requests, and closes cleanly on SIGINT', async () => {
    const { child, exited, output } = run([app.directory, '--port', '0']);
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ready line printed:\n${output().stdout}${output().stderr}`)), 20_000);
      child.stdout.on('data', () => {
        // The last line, once every API listens: `apigw-local: ready — <urls> (Ctrl-C to stop)`.
        const found = /^apigw-local: ready — (http:\/\/127\.0\.0\.1:\d+), ws:\/\/127\.0\.0\.1:\d+ \(Ctrl-C to stop\)$/m.exec(output().stdout)?.[1];
        if (found) {
          clearTimeout(timer);
          resolve(found);
        }
      });
    });
    const response = await fetch(`${url}/pid`);
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(output().stdout).toMatch(/GET \/pid → GET \/pid 200 Lambda PidFn/);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  test.runIf(existsSync(cli))('prints usage for --help, the version for --version, and exits 2 naming an unknown flag', async () => {
    const help = run(['--help']);
    expect(await help.exited).toBe(0);
    expect(help.output().stdout).toContain('Usage: apigw-local');
    const version = run(['--version']);
    expect(await version.exited).toBe(0);
    expect(version.output().stdout).toBe(`${(JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { version: string }).version}\n`);
    const bad = run(['--prot', '3000']);
    expect(await bad.exited).toBe(2);
    expect(bad.output().stderr).toBe('apigw-local: unknown option --prot (did you mean --port?); run apigw-local --help for the options\n');
  });

  test.runIf(existsSync(cli))('exits 2 for a --backend that names no integration, and suggests --app where cdk.json has no cdk.out', async () => {
    const backend = run([app.directory, '--port', '0', '--backend', 'Nope=http://127.0.0.1:9']);
    expect(await backend.exited).toBe(2);
    expect(backend.output().stderr).toContain("apigw-local: backend 'Nope' matches no HTTP integration");
    const project = handlerDirectory({ 'cdk.json': JSON.stringify({ app: 'npx tsx bin/app.ts' }) });
    try {
      const bare = run([], project.directory);
      expect(await bare.exited).toBe(2);
      expect(bare.output().stderr).toContain('no ./cdk.out here, but a cdk.json: run apigw-local --app "npx tsx bin/app.ts"');
    } finally {
      project.dispose();
    }
  });
});
