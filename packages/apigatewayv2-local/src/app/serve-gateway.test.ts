import { createServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import type { ApiModel, FunctionModel, GatewayModel } from '../model/index.js';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_WEBSOCKET_LIMITS } from '../websocket/limits.js';
import { baseUrl } from './api-info.js';
import type { WebSocketDeps } from '../websocket/types.js';
import { createLocalCertificate } from '../server/local-certificate.js';
import {
  deps,
  handlerFunction,
  httpApi,
  httpIntegration,
  lambdaIntegration,
  route,
  stage,
  STACK,
  type ApiOptions,
} from '../http/http-test-fixtures.js';
import type { Gateway } from './gateway.js';
import type { GatewayHttpResponse } from '../http/index.js';
import { PortAssignments } from './port-assignments.js';
import { serveGateway, type ServeGatewayOptions } from './serve-gateway.js';
import { connect } from '../../test/support/ws-client.js';

const ref = (logicalId: string) => ({ stackName: STACK, logicalId });

/** Listens on 127.0.0.1:`port`; resolves the server, or undefined when the port is taken. */
function tryListen(port: number): Promise<ReturnType<typeof createServer> | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

/**
 * The first of `count` consecutive ports that were all free a moment ago: each candidate run is checked by
 * listening on every port of it (the kernel's choice of a free port says nothing about the ports after it).
 */
async function consecutiveFreePorts(count: number): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const first = await tryListen(0);
    const base = (first?.address() as AddressInfo | null)?.port ?? 0;
    const rest = base === 0 || base + count > 65_536 ? [] : await Promise.all(Array.from({ length: count - 1 }, (_, i) => tryListen(base + 1 + i)));
    const held = [first, ...rest].filter((server) => server !== undefined);
    await Promise.all(held.map((server) => new Promise((resolve) => server.close(resolve))));
    if (held.length === count) return base;
  }
  throw new Error(`found no ${count} consecutive free ports`);
}

/** Each test API under its own logical id; WebSocket APIs only need a protocol and a stage here. */
function api(logicalId: string, protocol: 'HTTP' | 'WEBSOCKET', options: ApiOptions): ApiModel {
  return { ...httpApi(options), ref: ref(logicalId), name: `${logicalId}Name`, protocol };
}

const fn: FunctionModel = { ...handlerFunction, ref: ref('HelloFn'), functionName: 'hello', runtime: 'python3.12' };
const helloIntegration = lambdaIntegration({ ref: ref('HelloIntegration'), integrationId: 'i-lambda', functionArn: fn.arn });
const privateIntegration = httpIntegration('arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/lb/1/2', {
  ref: ref('AlbIntegration'),
  integrationId: 'i-alb',
  connectionType: 'VPC_LINK',
  connectionId: 'link',
});

const model: GatewayModel = {
  apis: [
    api('ApiA', 'HTTP', { routes: [route('GET /hello', 'i-lambda')], integrations: [helloIntegration], stages: [stage('$default'), stage('dev')] }),
    api('ApiB', 'HTTP', { routes: [route('$default', 'i-alb')], integrations: [privateIntegration] }),
    api('Chat', 'WEBSOCKET', { routes: [], integrations: [], stages: [stage('prod')] }),
  ],
  functions: [fn],
  diagnostics: [
    { severity: 'warning', code: 'UNSUPPORTED_PROPERTY', stackName: STACK, logicalId: 'ApiA', property: 'Body', message: 'OpenAPI bodies are not read' },
  ],
  environment: { accountId: '123456789012', region: 'us-east-1', partition: 'aws', urlSuffix: 'amazonaws.com' },
};

const plain = (statusCode: number, body: string): GatewayHttpResponse => ({
  statusCode,
  headers: [],
  body: Buffer.from(body),
  log: { requestId: 'r', method: 'GET', path: '/', status: statusCode, durationMs: 0 },
});

let connections = 0;
const webSocketDeps: WebSocketDeps = { ...deps(), newConnectionId: () => `conn${String(++connections).padStart(11, '0')}=`, checkManagementSignature: () => Promise.resolve({ kind: 'verified' }) };
const certificate = mkdtemp(join(tmpdir(), 'serve-gateway-test-')).then((directory) => createLocalCertificate(directory));

let gateway: Gateway | undefined;
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

function options(overrides: Partial<ServeGatewayOptions> & { lines: string[]; port?: number }): ServeGatewayOptions {
  const { port = 0, ...rest } = overrides;
  return {
    model,
    host: '127.0.0.1',
    ports: new PortAssignments(port),
    maxBodyBytes: 100,
    backends: new Map(),
    quiet: false,
    iamCredentialsSet: true,
    log: (line) => overrides.lines.push(line),
    handle: (served, request) =>
      Promise.resolve({
        statusCode: 200,
        headers: [['content-type', 'text/plain']],
        body: Buffer.from(`${served.ref.logicalId} ${request.path}`),
        log: { requestId: 'r', method: request.method, path: request.path, routeKey: 'GET /hello', status: 200, integration: 'lambda', durationMs: 1 },
      }),
    failed: () => plain(500, 'failed'),
    resolveFunction: (arn) => (arn === fn.arn ? fn : undefined),
    cannotRun: (f) => (f.runtime.startsWith('python') ? 'only Node.js runtimes run locally' : undefined),
    release: () => Promise.resolve(),
    webSocket: { deps: webSocketDeps, limits: DEFAULT_WEBSOCKET_LIMITS, certificate: () => certificate },
    ...rest,
  };
}

describe('serveGateway', () => {
  test('serves each API on its own port and lists every API with its stage URLs', async () => {
    const lines: string[] = [];
    gateway = await serveGateway(options({ lines }));
    const [a, b, chat] = gateway.apis;
    expect(a?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(a?.url).not.toBe(b?.url);
    expect(a?.stages).toEqual([
      { name: '$default', url: a?.url },
      { name: 'dev', url: `${a?.url}/dev` },
    ]);
    const chatPort = new URL(chat?.url ?? '').port;
    expect(chat).toMatchObject({
      logicalId: 'Chat',
      protocol: 'WEBSOCKET',
      url: `ws://127.0.0.1:${chatPort}`,
      stages: [{ name: 'prod', url: `ws://127.0.0.1:${chatPort}/prod`, callbackUrl: `http://127.0.0.1:${chatPort}/prod` }],
    });
    expect(await (await fetch(`${a?.url}/dev/x`)).text()).toBe('ApiA /dev/x');
    expect(await (await fetch(`${b?.url}/y`)).text()).toBe('ApiB /y');
  });

  test('prints routes with their integrations, diagnostics and the start-up warnings', async () => {
    const lines: string[] = [];
    gateway = await serveGateway(options({ lines }));
    const text = lines.join('\n');
    expect(text).toMatch(/GET \/hello\s+→ Lambda HelloFn \(payload 2\.0\)/);
    expect(text).toMatch(/\$default\s+→ private ANY unreachable \(integration AlbIntegration: no --backend\)/);
    expect(text).toContain('TestStack/ApiA Body  OpenAPI bodies are not read [UNSUPPORTED_PROPERTY]');
    expect(text).toContain('function hello: only Node.js runtimes run locally; its routes answer 500');
    expect(text).toContain('--backend AlbIntegration=<url>');
    expect(text).toMatch(/WEBSOCKET API TestStack\/Chat \(ChatName\)\n {2}stage\s+prod\s+ws:\/\/127\.0\.0\.1:\d+\/prod\s+callback http:\/\/127\.0\.0\.1:\d+\/prod/);
    expect(text).toMatch(/selection\s+\$request\.method \$request\.path/);
  });

  test("shows each route's authorization in the start-up table", async () => {
    const lines: string[] = [];
    const secured = api('Secured', 'HTTP', {
      routes: [
        route('GET /me', 'i-lambda', { authorizationType: 'JWT', authorizerId: 'auth' }),
        route('GET /admin', 'i-lambda', { authorizationType: 'AWS_IAM' }),
        route('GET /open', 'i-lambda'),
      ],
      integrations: [helloIntegration],
    });
    const withAuthorizer: ApiModel = {
      ...secured,
      authorizers: new Map([
        ['auth', { kind: 'jwt', ref: ref('JwtAuth'), authorizerId: 'auth', name: 'cognito', identitySource: [], issuer: 'https://issuer', audience: [] }],
      ]),
    };
    gateway = await serveGateway(options({ lines, model: { ...model, apis: [withAuthorizer] } }));
    const text = lines.join('\n');
    expect(text).toMatch(/GET \/me\s+→ Lambda HelloFn \(payload 2\.0\)\s+\[JWT cognito\]/);
    expect(text).toMatch(/GET \/admin\s+→ Lambda HelloFn \(payload 2\.0\)\s+\[AWS_IAM \(SigV4, local credentials\)\]/);
    expect(text).toMatch(/GET \/open\s+→ Lambda HelloFn \(payload 2\.0\)\s+\[open\]/);
    expect(text).not.toContain('not enforced');
  });

  test('names the backend in the table and drops the warning when --backend is given', async () => {
    const lines: string[] = [];
    gateway = await serveGateway(options({ lines, backends: new Map([['AlbIntegration', 'http://127.0.0.1:9']]) }));
    const text = lines.join('\n');
    expect(text).toContain('→ private ANY http://127.0.0.1:9');
    expect(text).not.toContain('--backend AlbIntegration=<url>');
    await gateway.close();

    // The same lookup the HTTP core uses: the listener ARN works as a key too.
    const byArn: string[] = [];
    gateway = await serveGateway(options({ lines: byArn, backends: new Map([[privateIntegration.uri, 'http://127.0.0.1:8']]) }));
    expect(byArn.join('\n')).toContain('→ private ANY http://127.0.0.1:8');
    expect(byArn.join('\n')).not.toContain('--backend AlbIntegration=<url>');
  });

  test('logs one line per request unless quiet', async () => {
    const lines: string[] = [];
    gateway = await serveGateway(options({ lines }));
    const before = lines.length;
    await fetch(`${gateway.apis[0]?.url}/hello?x=1`);
    expect(lines.slice(before)).toEqual([expect.stringMatching(/^\[ApiA\] GET \/hello\?x=1 → GET \/hello 200 Lambda HelloFn \(payload 2\.0\) \d+\.\d ms$/)]);
  });

  /** Answers 200, except /fail: a 502 the gateway gives with its reason, as for a function error. */
  const failing: ServeGatewayOptions['handle'] = (_api, request) =>
    Promise.resolve({
      ...plain(request.path === '/fail' ? 502 : 200, ''),
      log: {
        requestId: 'r',
        method: request.method,
        path: request.path,
        status: request.path === '/fail' ? 502 : 200,
        durationMs: 1,
        ...(request.path === '/fail' && { error: 'function error: Runtime.ImportModuleError' }),
      },
    });

  test('quiet: true prints no start-up table and no request line, but a request that failed with its reason', async () => {
    const lines: string[] = [];
    gateway = await serveGateway(options({ lines, quiet: true, handle: failing }));
    expect(lines).toEqual([]);
    await fetch(`${gateway.apis[0]?.url}/ok`);
    await fetch(`${gateway.apis[0]?.url}/fail`);
    expect(lines).toEqual([expect.stringMatching(/^\[ApiA\] GET \/fail → \(no route\) 502 .*\(function error: Runtime\.ImportModuleError\)$/)]);
  });

  test("quiet: 'requests' (the CLI's -q) keeps the start-up table and failed requests, not the others", async () => {
    const lines: string[] = [];
    gateway = await serveGateway(options({ lines, quiet: 'requests', handle: failing }));
    expect(lines.join('\n')).toMatch(/HTTP API TestStack\/ApiA/);
    const before = lines.length;
    await fetch(`${gateway.apis[0]?.url}/ok`);
    await fetch(`${gateway.apis[0]?.url}/fail`);
    expect(lines.slice(before)).toEqual([expect.stringMatching(/GET \/fail → \(no route\) 502/)]);
  });

  test('gives consecutive ports from the base port, in model order', async () => {
    let free = await consecutiveFreePorts(3);
    // Another process may take one of them between the check and the start: check and start again.
    for (let attempt = 1; ; attempt++) {
      try {
        gateway = await serveGateway(options({ lines: [], port: free }));
        break;
      } catch (error) {
        if (attempt === 5 || !String(error).includes('already in use')) throw error;
        free = await consecutiveFreePorts(3);
      }
    }
    expect(gateway.apis.map((a) => a.url)).toEqual([baseUrl('127.0.0.1', free), baseUrl('127.0.0.1', free + 1), `ws://127.0.0.1:${free + 2}`]);
  });

  test('fails to start, releasing what it opened, when a port is taken', async () => {
    const first = await serveGateway(options({ lines: [] }));
    const taken = Number(new URL(first.apis[0]?.url ?? '').port);
    let released = false;
    await expect(
      serveGateway(options({ lines: [], port: taken, release: () => Promise.resolve(void (released = true)) })),
    ).rejects.toThrow(`port ${taken} (TestStack/ApiA) is already in use on 127.0.0.1; choose another first port with --port`);
    expect(released).toBe(true);
    await first.close();
  });

  test('close() frees every port and releases the environments once', async () => {
    let releases = 0;
    gateway = await serveGateway(options({ lines: [], release: () => Promise.resolve(void (releases += 1)) }));
    const url = gateway.apis[0]?.url ?? '';
    await Promise.all([gateway.close(), gateway.close()]);
    expect(releases).toBe(1);
    await expect(fetch(url)).rejects.toThrow();
  });
});

describe('reload', () => {
  /** Answers with the routes of the API model the request was handled with. */
  const routesOf = (served: ApiModel): Promise<GatewayHttpResponse> =>
    Promise.resolve(plain(200, served.routes.map((r) => r.routeKey).join(',')));
  const text = async (url: string): Promise<string> => (await fetch(url)).text();

  test('keeps the port of every kept API and answers with the new model; added APIs listen, removed ones stop', async () => {
    const lines: string[] = [];
    const served = await serveGateway(options({ lines, handle: routesOf }));
    gateway = served;
    const [a, b] = served.apis;
    expect(await text(`${a?.url}/x`)).toBe('GET /hello');

    const apiA = model.apis[0];
    const changedA = { ...apiA, routes: [route('GET /hello', 'i-lambda'), route('POST /books', 'i-lambda')] };
    const added = api('ApiC', 'HTTP', { routes: [route('GET /new', 'i-lambda')], integrations: [helloIntegration] });
    const from = lines.length;
    await served.reload({ ...model, apis: [changedA, added, model.apis[2]] });

    expect(served.apis.map((info) => info.logicalId)).toEqual(['ApiA', 'ApiC', 'Chat']);
    expect(served.apis[0]?.url).toBe(a?.url);
    expect(await text(`${a?.url}/x`)).toBe('GET /hello,POST /books');
    expect(await text(`${served.apis[1]?.url}/x`)).toBe('GET /new');
    expect(served.apis[1]?.url).not.toBe(b?.url);
    await expect(fetch(`${b?.url}/x`)).rejects.toThrow();
    expect(lines.slice(from, from + 4)).toEqual([
      'apigw-local: reloaded',
      expect.stringMatching(/^ {2}\+ HTTP API TestStack\/ApiC \(ApiCName\) http:\/\/127\.0\.0\.1:\d+$/),
      '  - HTTP API TestStack/ApiB (ApiBName)',
      '  TestStack/ApiA: + POST /books → Lambda HelloFn (payload 2.0) [open]',
    ]);
  });

  test('a reload that fails (a new API whose port is taken) leaves the served APIs as they were and does not stop the next', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as AddressInfo).port;
    const ports = new PortAssignments(0);
    const portFor = ports.portFor.bind(ports);
    ports.portFor = (apiRef) => (apiRef.logicalId === 'Blocked' ? taken : portFor(apiRef));
    const served = await serveGateway(options({ lines: [], ports }));
    gateway = served;
    try {
      const blocked = api('Blocked', 'HTTP', { routes: [route('GET /x', 'i-lambda')], integrations: [helloIntegration] });
      await expect(served.reload({ ...model, apis: [...model.apis, blocked] })).rejects.toThrow(`port ${taken} (TestStack/Blocked) is already in use`);
      expect(served.apis.map((info) => info.logicalId)).toEqual(['ApiA', 'ApiB', 'Chat']);
      await served.reload({ ...model, apis: [model.apis[0]] });
      expect(served.apis.map((info) => info.logicalId)).toEqual(['ApiA']);
    } finally {
      blocker.close();
    }
  });

  test('says when nothing changed', async () => {
    const lines: string[] = [];
    const served = await serveGateway(options({ lines }));
    gateway = served;
    const from = lines.length;
    await served.reload(model);
    expect(lines.slice(from)).toEqual(['apigw-local: reloaded, nothing changed']);
  });

  test('keeps WebSocket connections whose stage still exists and closes the others with 1001', async () => {
    const served = await serveGateway(options({ lines: [] }));
    gateway = served;
    const chat = served.apis[2];
    const client = await connect(`${chat?.url}/prod`);
    const chatModel = model.apis[2];

    await served.reload({ ...model, apis: [model.apis[0], { ...chatModel, stages: [stage('prod'), stage('beta')] }] });
    expect(served.apis[1]?.url).toBe(chat?.url);
    expect(client.ws.readyState).toBe(client.ws.OPEN);
    const beta = await connect(`${chat?.url}/beta`);
    beta.ws.close();

    await served.reload({ ...model, apis: [model.apis[0], { ...chatModel, stages: [stage('beta')] }] });
    expect(await client.closed).toEqual({ code: 1001, reason: 'Going away: stage removed' });
  });
});
