// End to end: Lambda layers. Node.js (CommonJS and ES module) and Python functions import modules from layer
// assets, a later layer overrides an earlier one, a layer from another stack of the assembly is found, and a
// published layer (an ARN only) is named at start-up.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, CfnOutput, Stack } from 'aws-cdk-lib';
import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startGateway, type Gateway } from '../src/index.js';
import { handlerDirectory, type SynthesizedApp } from './support/synth-stack.js';

const PUBLISHED = 'arn:aws:lambda:us-east-1:123456789012:layer:published-elsewhere:7';

let files: SynthesizedApp;
let assembly: string;
let gateway: Gateway;
const lines: string[] = [];

beforeAll(async () => {
  files = handlerDirectory({
    // Layer A: a Node.js package in nodejs/node_modules, one only it has, Python modules, a tool in bin/.
    'layer-a/nodejs/node_modules/shared/index.js': "exports.who = 'A';",
    'layer-a/nodejs/node_modules/shared/package.json': '{ "name": "shared", "main": "index.js" }',
    'layer-a/nodejs/node_modules/only-a/index.js': "exports.value = 'only in A';",
    'layer-a/python/shared_py.py': "WHO = 'A'\n",
    'layer-a/python/lib/python3.12/site-packages/only_a_py.py': "VALUE = 'only in A'\n",
    // Layer B: the same names, later in the list: it wins. Its Node.js package is in the versioned directory.
    'layer-b/nodejs/node22/node_modules/shared/index.js': "exports.who = 'B';",
    'layer-b/nodejs/node22/node_modules/shared/package.json': '{ "name": "shared", "main": "index.js" }',
    'layer-b/python/shared_py.py': "WHO = 'B'\n",
    'cjs/index.js': `exports.handler = async () => ({ statusCode: 200, body: JSON.stringify({ shared: require('shared').who, onlyA: require('only-a').value, opt: process.env.APIGW_LOCAL_OPT !== undefined }) });`,
    'esm/index.mjs': `import { who } from 'shared';\nimport onlyA from 'only-a';\nexport const handler = async () => ({ statusCode: 200, body: JSON.stringify({ shared: who, onlyA: onlyA.value }) });`,
    'py/index.py': 'import json\nimport shared_py\nimport only_a_py\n\ndef handler(event, context):\n    return {"statusCode": 200, "body": json.dumps({"shared": shared_py.WHO, "onlyA": only_a_py.VALUE})}\n',
    'other/index.js': `exports.handler = async () => ({ statusCode: 200, body: require('only-a').value });`,
  });
  assembly = mkdtempSync(join(tmpdir(), 'apigw-local-layers-'));
  const app = new App({ outdir: assembly });
  const layerStack = new Stack(app, 'LayerStack');
  const shared = new lambda.LayerVersion(layerStack, 'SharedLayer', { code: lambda.Code.fromAsset(join(files.directory, 'layer-a')) });
  new CfnOutput(layerStack, 'SharedLayerArn', { value: shared.layerVersionArn });
  const stack = new Stack(app, 'LayersE2e');
  const a = new lambda.LayerVersion(stack, 'LayerA', { code: lambda.Code.fromAsset(join(files.directory, 'layer-a')) });
  const b = new lambda.LayerVersion(stack, 'LayerB', { code: lambda.Code.fromAsset(join(files.directory, 'layer-b')) });
  const fn = (id: string, dir: string, runtime: lambda.Runtime, layers: lambda.ILayerVersion[]) =>
    new lambda.Function(stack, id, { runtime, handler: 'index.handler', code: lambda.Code.fromAsset(join(files.directory, dir)), layers });
  const api = new HttpApi(stack, 'Api', { apiName: 'layers' });
  const route = (path: string, target: lambda.IFunction) => api.addRoutes({ path, methods: [HttpMethod.GET], integration: new HttpLambdaIntegration(`${path.slice(1)}Integration`, target) });
  route('/cjs', fn('CjsFn', 'cjs', lambda.Runtime.NODEJS_22_X, [a, b]));
  route('/esm', fn('EsmFn', 'esm', lambda.Runtime.NODEJS_22_X, [a, b]));
  route('/py', fn('PyFn', 'py', lambda.Runtime.PYTHON_3_12, [a, b]));
  route('/other-stack', fn('OtherStackFn', 'other', lambda.Runtime.NODEJS_22_X, [shared]));
  route('/published', fn('PublishedFn', 'other', lambda.Runtime.NODEJS_22_X, [lambda.LayerVersion.fromLayerVersionArn(stack, 'Published', PUBLISHED)]));
  app.synth();
  gateway = await startGateway({ assembly, port: 0, log: (line) => lines.push(line) });
}, 60_000);

afterAll(async () => {
  await gateway?.close();
  if (assembly !== undefined) rmSync(assembly, { recursive: true, force: true });
  files?.dispose();
});

const get = async (path: string): Promise<Response> => fetch(`${gateway.apis.find((api) => api.name === 'layers')!.url}${path}`);

describe('Lambda layers', () => {
  test('a CommonJS handler requires modules from its layers; the later layer wins', async () => {
    expect(await (await get('/cjs')).json()).toEqual({ shared: 'B', onlyA: 'only in A', opt: true });
  });

  test('an ES module handler imports modules from its layers; the later layer wins', async () => {
    expect(await (await get('/esm')).json()).toEqual({ shared: 'B', onlyA: 'only in A' });
  });

  test('a Python handler imports modules from python/ and python/lib/python3.x/site-packages; the later layer wins', async () => {
    expect(await (await get('/py')).json()).toEqual({ shared: 'B', onlyA: 'only in A' });
  });

  test('a layer from another stack of the assembly is found', async () => {
    expect(await (await get('/other-stack')).text()).toBe('only in A');
  });

  test('a published layer (an ARN only) is named at start-up, and its function runs without it', async () => {
    expect(lines.join('\n')).toMatch(new RegExp(`warning\\s+LayersE2e/PublishedFn\\w* Layers\\s+layer ${PUBLISHED}: it is not a layer of the cloud assembly.* \\[LAYER_UNAVAILABLE\\]`));
    expect((await get('/published')).status).toBe(500);
  });
});
