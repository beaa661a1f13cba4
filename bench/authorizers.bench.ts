// Cost of authorization per request: `npm run bench -- authorizers` (after `npm run build`).
//
// One `apigw-local` process (the CLI) serves a hello Lambda (payload 2.0) on three routes: open,
// JWT-protected (RS256 token verified against keys given with `--jwks`; its signature is checked once, its
// claims on every request), and Lambda-authorized (simple answers, cached 300 s, so after the first
// request the authorizer function is not invoked again). Debian's `wrk` (one thread, 16 keep-alive
// connections, 127.0.0.1 only) loads each route in alternating rounds; CPU time per request of the gateway
// and its environments is read from /proc over the measured window. The figure that counts is the added
// server-side CPU per request over the open route, which receives the same requests (the same bearer token,
// which it passes on to its function); requests/s on a shared machine vary more.
// A second table times the same three routes in-process (`handleHttpRequest` with an in-memory invoker, the
// built package's dist/).
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { createRouteAuthorizer } from '../packages/apigatewayv2-local/dist/authorizers/route-authorizer.js';
import { IssuerKeyStore } from '../packages/apigatewayv2-local/dist/authorizers/issuer-keys.js';
import { handleHttpRequest, type HttpHandlerDeps, type ReceivedRequest } from '../packages/apigatewayv2-local/dist/http/index.js';
import { readGatewayModel } from '../packages/apigatewayv2-local/dist/index.js';
import { fixed, loadAverage, loadGeneratorBound, medianLoad, printTable, runWrk, serverSideUs, startServer, stop, type LoadResult, invokePermission } from './bench-support.js';

const CONCURRENCY = 16;
const WARM_UP_MS = 1_000;
const DURATION_MS = 2_000;
const ROUNDS = 5;
const ISSUER = 'https://issuer.bench.local';
const AUDIENCE = 'bench-client';
const root = join(import.meta.dirname, '..');
const cli = join(root, 'packages', 'apigatewayv2-local', 'dist', 'cli.js');

const lambdaUri = (fn: string) => ({
  'Fn::Join': ['', ['arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/', { 'Fn::GetAtt': [fn, 'Arn'] }, '/invocations']],
});

const inlineFunction = (source: string) => ({
  Type: 'AWS::Lambda::Function',
  Properties: { Runtime: 'nodejs20.x', Handler: 'index.handler', Role: 'arn:aws:iam::123456789012:role/bench', Code: { ZipFile: source } },
});

const route = (key: string, auth: object = {}) => ({
  Type: 'AWS::ApiGatewayV2::Route',
  Properties: { ApiId: { Ref: 'Api' }, RouteKey: key, Target: { 'Fn::Join': ['', ['integrations/', { Ref: 'Integration' }]] }, ...auth },
});

/** One HTTP API: `GET /open`, `GET /jwt` (JWT authorizer), `GET /lambda` (Lambda authorizer, cached), one hello function. */
function template(): object {
  return {
    Resources: {
      HelloFn: inlineFunction("exports.handler = async () => ({ statusCode: 200, headers: { 'content-type': 'text/plain' }, body: 'Hello from Lambda!' });"),
      AuthFn: inlineFunction("exports.handler = async () => ({ isAuthorized: true, context: { user: 'bench' } });"),
      HelloFnPermission: invokePermission('HelloFn'),
      AuthFnPermission: invokePermission('AuthFn'),
      Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'bench', ProtocolType: 'HTTP' } },
      Stage: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: { Ref: 'Api' }, StageName: '$default', AutoDeploy: true } },
      Integration: {
        Type: 'AWS::ApiGatewayV2::Integration',
        Properties: { ApiId: { Ref: 'Api' }, IntegrationType: 'AWS_PROXY', IntegrationUri: { 'Fn::GetAtt': ['HelloFn', 'Arn'] }, PayloadFormatVersion: '2.0' },
      },
      JwtAuth: {
        Type: 'AWS::ApiGatewayV2::Authorizer',
        Properties: {
          ApiId: { Ref: 'Api' },
          Name: 'jwt',
          AuthorizerType: 'JWT',
          IdentitySource: ['$request.header.Authorization'],
          JwtConfiguration: { Issuer: ISSUER, Audience: [AUDIENCE] },
        },
      },
      LambdaAuth: {
        Type: 'AWS::ApiGatewayV2::Authorizer',
        Properties: {
          ApiId: { Ref: 'Api' },
          Name: 'lambda',
          AuthorizerType: 'REQUEST',
          AuthorizerUri: lambdaUri('AuthFn'),
          AuthorizerPayloadFormatVersion: '2.0',
          EnableSimpleResponses: true,
          IdentitySource: ['$request.header.Authorization'],
          AuthorizerResultTtlInSeconds: 300,
        },
      },
      OpenRoute: route('GET /open'),
      JwtRoute: route('GET /jwt', { AuthorizationType: 'JWT', AuthorizerId: { Ref: 'JwtAuth' } }),
      LambdaRoute: route('GET /lambda', { AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: 'LambdaAuth' } }),
    },
  };
}

async function main(): Promise<void> {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
  const work = mkdtempSync(join(tmpdir(), 'apigw-local-bench-auth-'));
  let gateway: ChildProcess | undefined;
  try {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwksPath = join(work, 'jwks.json');
    writeFileSync(jwksPath, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'bench', alg: 'RS256', use: 'sig' }] }));
    const token = await new SignJWT({ scope: 'bench' })
      .setProtectedHeader({ alg: 'RS256', kid: 'bench' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('bench-user')
      .setIssuedAt()
      .setExpirationTime('2h')
      .sign(privateKey);
    const templatePath = join(work, 'bench.template.json');
    writeFileSync(templatePath, JSON.stringify(template()));
    const started = await startServer(process.execPath, [cli, '--template', templatePath, '--port', '0', '--quiet', '--jwks', `${ISSUER}=${jwksPath}`], /http:\/\/127\.0\.0\.1:\d+/);
    gateway = started.child;

    // Every route gets the same request, token included: the open route carries it to the function too, so
    // the difference is the authorization alone, not the cost of ~600 more header bytes through the gateway.
    const headers = { authorization: `Bearer ${token}` };
    const cases: { name: string; path: string; headers: Record<string, string> }[] = [
      { name: 'open route', path: '/open', headers },
      { name: 'JWT authorizer (RS256)', path: '/jwt', headers },
      { name: 'Lambda authorizer (cached answer)', path: '/lambda', headers },
    ];
    const runs: LoadResult[][] = cases.map(() => []);
    const serverPid = gateway.pid ?? 0;
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, c] of cases.entries()) {
        runs[i]?.push(
          await runWrk({ url: `${started.url}${c.path}`, serverPid, connections: CONCURRENCY, warmUpMs: round === 0 ? WARM_UP_MS : 0, durationMs: DURATION_MS, headers: c.headers }),
        );
      }
    }
    const results = runs.map(medianLoad);
    const open = results[0];
    if (!open) throw new Error('no open-route result');
    console.log(
      `hello Lambda (payload 2.0) behind each kind of authorization, one gateway, wrk -t1 -c${CONCURRENCY} (keep-alive), ` +
        `${ROUNDS} alternating rounds of ${DURATION_MS / 1000} s after a ${WARM_UP_MS / 1000} s warm-up of each route; medians per column; ` +
        `load average ${loadAverage()} at the end\n`,
    );
    const goals = ['', '<= 8 µs', '<= 5 µs'];
    printTable(
      ['route', 'requests/s', 'p50 ms', 'p99 ms', 'errors', 'gateway µs/req', 'environments µs/req', 'wrk µs/req', 'added server-side CPU', 'goal'],
      cases.map((c, i) => {
        const r = results[i] ?? open;
        return [
          c.name,
          fixed(r.rps, 0),
          fixed(r.p50Ms),
          fixed(r.p99Ms),
          String(r.errors),
          fixed(r.cpu.server, 1),
          fixed(r.cpu.environments, 1),
          fixed(r.cpu.load, 1),
          i === 0 ? '(baseline)' : `${fixed(serverSideUs(r.cpu) - serverSideUs(open.cpu), 1)} µs`,
          goals[i] ?? '',
        ];
      }),
    );
    for (const [i, r] of results.entries()) {
      if (loadGeneratorBound(r.cpu)) console.log(`\nnote: wrk was the busiest process on ${cases[i]?.name}: its requests/s measure wrk, not the gateway`);
    }

    const core = await inProcess(templatePath, jwksPath, cases);
    const openUs = core[0] ?? NaN;
    console.log(`\nthe same routes in-process: handleHttpRequest with an in-memory invoker, median of 5 rounds of 10 000 requests\n`);
    printTable(
      ['route', 'µs per request', 'ratio', 'authorization'],
      cases.map((c, i) => {
        const us = core[i] ?? NaN;
        return [c.name, us.toFixed(1), (us / openUs).toFixed(2), i === 0 ? '(baseline)' : `${(us - openUs).toFixed(1)} µs`];
      }),
    );
  } finally {
    if (gateway) await stop(gateway);
    rmSync(work, { recursive: true, force: true });
  }
}

/** Mean µs per `handleHttpRequest` of each route, in-process, with an in-memory invoker; rounds alternate. */
async function inProcess(templatePath: string, jwksPath: string, cases: readonly { path: string; headers: Record<string, string> }[]): Promise<number[]> {
  const model = await readGatewayModel({ template: templatePath });
  const api = model.apis[0];
  if (!api) throw new Error('no API in the bench template');
  const hello = JSON.stringify({ statusCode: 200, body: 'Hello from Lambda!' });
  const allow = JSON.stringify({ isAuthorized: true, context: { user: 'bench' } });
  let ids = 0;
  const services = {
    invoker: {
      invoke: (fn: { functionName: string }) => Promise.resolve({ kind: 'success' as const, payload: fn.functionName.includes('Auth') ? allow : hello }),
      close: () => Promise.resolve(),
    },
    resolveFunction: (arn: string) => model.functions.find((f) => arn.startsWith(f.arn)),
    now: Date.now,
    newRequestId: () => `req${ids++}=`,
    newLambdaRequestId: () => `lambda-${ids++}`,
    environment: model.environment,
  };
  const deps: HttpHandlerDeps = {
    ...services,
    forward: () => Promise.resolve({ kind: 'failed', message: 'unused' }),
    callAwsService: () => Promise.reject(new Error('no AWS service integration in this bench')),
    backends: new Map(),
    authorizeRoute: createRouteAuthorizer({ services, issuerKeys: new IssuerKeyStore(new Map([[ISSUER, { kind: 'file', path: jwksPath }]])), credentials: new Map() }),
  };
  const requests: ReceivedRequest[] = cases.map((c) => ({
    method: 'GET',
    path: c.path,
    rawQueryString: '',
    headers: [['host', '127.0.0.1:3000'], ['user-agent', 'bench'], ...Object.entries(c.headers)],
    body: Buffer.alloc(0),
    sourceIp: '127.0.0.1',
    protocol: 'HTTP/1.1',
    receivedAtMs: Date.now(),
  }));
  const perRequest: number[][] = cases.map(() => []);
  for (let round = 0; round < 5; round++) {
    for (const [i, req] of requests.entries()) {
      for (let n = 0; n < 1000; n++) await handleHttpRequest(api, req, deps);
      const started = performance.now();
      for (let n = 0; n < 10_000; n++) {
        const response = await handleHttpRequest(api, req, deps);
        if (response.statusCode !== 200) throw new Error(`${req.path} answered ${response.statusCode}`);
      }
      perRequest[i]?.push(((performance.now() - started) * 1000) / 10_000);
    }
  }
  return perRequest.map((times) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? NaN);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
