/**
 * The HTTP core's own cost, without sockets or Lambda: compiling an API's route table, matching one
 * request among N routes, and one whole `handleHttpRequest` (stage, route, 2.0 event, result mapping)
 * with an in-memory invoker. Uses the built package (dist/): `npm run bench -- http-core`.
 */
import { performance } from 'node:perf_hooks';
import { handleHttpRequest } from '../packages/apigatewayv2-local/dist/http/index.js';
import type { HttpHandlerDeps } from '../packages/apigatewayv2-local/dist/http/index.js';
import { splitPath } from '../packages/apigatewayv2-local/dist/http/request-path.js';
import { compileRouteTable, matchRoute } from '../packages/apigatewayv2-local/dist/http/route-table.js';
import { serveWithoutAuthorization } from '../packages/apigatewayv2-local/dist/gateway/route-access.js';
import type { ApiModel, FunctionModel, HttpRouteKey, RouteModel } from '../packages/apigatewayv2-local/dist/index.js';
import { parseHttpRouteKey } from '../packages/apigatewayv2-local/dist/template/route-key.js';

/** Route keys parsed as the template reader parses them. */
function httpKeyOf(routeKey: string): HttpRouteKey {
  const parsed = parseHttpRouteKey(routeKey);
  if (!parsed.ok) throw new Error(`${routeKey}: ${parsed.problem}`);
  return parsed.key;
}

const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:bench';

function routes(count: number): RouteModel[] {
  const keys: string[] = ['$default'];
  // A realistic mix: per resource a collection, an item, a nested greedy route.
  for (let i = 0; keys.length < count; i++) {
    keys.push(`GET /resource${i}`, `POST /resource${i}`, `GET /resource${i}/{id}`, `ANY /resource${i}/{id}/files/{proxy+}`);
  }
  return keys.slice(0, count).map((routeKey, n) => ({
    ref: { stackName: 'Bench', logicalId: `Route${n}` },
    routeId: `r${n}`,
    routeKey,
    httpKey: httpKeyOf(routeKey),
    integrationId: 'Integ',
    authorizationType: 'NONE',
    authorizationScopes: [],
    apiKeyRequired: false,
    requestModels: {},
  }));
}

function api(count: number): ApiModel {
  return {
    ref: { stackName: 'Bench', logicalId: 'Api' },
    apiId: 'abcdefghij',
    name: 'bench',
    protocol: 'HTTP',
    disableExecuteApiEndpoint: false,
    routeSelectionExpression: '$request.method $request.path',
    routes: routes(count),
    integrations: new Map([[
      'Integ',
      { ref: { stackName: 'Bench', logicalId: 'Integ' }, integrationId: 'Integ', kind: 'lambda', functionArn: ARN, payloadFormatVersion: '2.0', timeoutMs: 30_000, requestParameters: {}, responseParameters: {} },
    ]]),
    authorizers: new Map(),
    stages: [{ ref: { stackName: 'Bench', logicalId: 'Stage' }, name: '$default', autoDeploy: true, stageVariables: {}, routeSettings: {} }],
    models: new Map(),
  };
}

const fn: FunctionModel = {
  ref: { stackName: 'Bench', logicalId: 'Fn' }, arn: ARN, functionName: 'bench', runtime: 'nodejs20.x', handler: 'index.handler',
  code: { kind: 'inline', source: '' }, environment: {}, timeoutMs: 3000, memoryMb: 128, architecture: 'x86_64',
};

const PAYLOAD = JSON.stringify({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' });
let ids = 0;
const deps: HttpHandlerDeps = {
  invoker: { invoke: () => Promise.resolve({ kind: 'success', payload: PAYLOAD }), close: () => Promise.resolve() },
  resolveFunction: () => fn,
  now: Date.now,
  newRequestId: () => `req${ids++}=`,
  newLambdaRequestId: () => `lambda-${ids++}`,
  forward: () => Promise.resolve({ kind: 'failed', message: 'unused' }),
  callAwsService: () => Promise.reject(new Error('no AWS service integration in this bench')),
  backends: new Map(),
  environment: { accountId: '123456789012', region: 'us-east-1', partition: 'aws', urlSuffix: 'amazonaws.com' },
  authorizeRoute: serveWithoutAuthorization,
};

function timePerCall(iterations: number, run: () => unknown): number {
  for (let i = 0; i < Math.min(iterations, 1000); i++) run();
  const started = performance.now();
  for (let i = 0; i < iterations; i++) run();
  return ((performance.now() - started) * 1000) / iterations;
}

async function main(): Promise<void> {
  console.log('| routes | compile (µs) | literal hit (µs) | {id} hit (µs) | greedy hit (µs) | $default fallback (µs) |');
  console.log('|---|---|---|---|---|---|');
  for (const count of [10, 100, 300, 1000]) {
    const list = routes(count);
    const compile = timePerCall(200, () => compileRouteTable(list));
    const table = compileRouteTable(list);
    // The last resource that has all four of its routes.
    const last = Math.floor((count - 1) / 4) - 1;
    const cases = [
      ['GET', `/resource${last}`],
      ['GET', `/resource${last}/42`],
      ['PUT', `/resource${last}/42/files/a/b/c.txt`],
      ['GET', '/nothing/here'],
    ] as const;
    const times = cases.map(([method, path]) => {
      const segments = splitPath(path);
      if (!matchRoute(table, method, segments)) throw new Error(`no match for ${method} ${path}`);
      return timePerCall(100_000, () => matchRoute(table, method, segments)).toFixed(2);
    });
    console.log(`| ${count} | ${compile.toFixed(0)} | ${times.join(' | ')} |`);
  }

  const model = api(300);
  const request = {
    method: 'GET', path: '/resource70/42', rawQueryString: 'a=1&b=2',
    headers: [['host', '127.0.0.1:3000'], ['user-agent', 'bench'], ['accept', '*/*']] as [string, string][],
    body: Buffer.alloc(0), sourceIp: '127.0.0.1', protocol: 'HTTP/1.1', receivedAtMs: Date.now(),
  };
  const rounds = 20_000;
  for (let i = 0; i < 2000; i++) await handleHttpRequest(model, request, deps);
  const started = performance.now();
  for (let i = 0; i < rounds; i++) await handleHttpRequest(model, request, deps);
  const perRequestUs = ((performance.now() - started) * 1000) / rounds;
  console.log('');
  console.log('| measure | value |');
  console.log('|---|---|');
  console.log(`| handleHttpRequest, 300 routes, payload 2.0, in-memory invoker, mean of ${rounds} | ${perRequestUs.toFixed(1)} µs |`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
