/**
 * Test support for the HTTP core's unit tests (not used at run time): small models, requests, and
 * in-memory fakes for the invoker and the upstream client, with a fixed clock and counted ids so events
 * are deterministic.
 */
import type {
  ApiModel,
  CorsModel,
  FunctionModel,
  HttpProxyIntegrationModel,
  IntegrationModel,
  LambdaIntegrationModel,
  RouteModel,
  StageModel,
} from '../model/index.js';
import type { InvokeRequest, InvokeResult, Invoker } from '../lambda/invoker.js';
import { serveWithoutAuthorization } from '../gateway/route-access.js';
import { findFunction } from '../template/find-function.js';
import { parseHttpRouteKey } from '../template/route-key.js';
import type {
  HeaderPair,
  HttpHandlerDeps,
  ReceivedRequest,
  UpstreamRequest,
  UpstreamResponse,
} from './types.js';

export const STACK = 'TestStack';
export const ACCOUNT = '123456789012';
export const FUNCTION_ARN = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:handler`;
/** 2020-03-12T19:03:58.000Z, the time in AWS's sample event. */
export const RECEIVED_AT = 1584039838000;

/** A route as the template reader makes it: HTTP keys parsed with the reader's grammar. */
export function route(routeKey: string, integrationId = 'Integ', extra: Partial<RouteModel> = {}): RouteModel {
  const parsed = parseHttpRouteKey(routeKey);
  return {
    ref: { stackName: STACK, logicalId: `Route${routeKey.replace(/[^A-Za-z0-9]/g, '')}` },
    routeId: `r-${routeKey}`,
    routeKey,
    ...(parsed.ok ? { httpKey: parsed.key } : {}),
    integrationId,
    authorizationType: 'NONE',
    authorizationScopes: [],
    apiKeyRequired: false,
    requestModels: {},
    ...extra,
  };
}

export function lambdaIntegration(extra: Partial<LambdaIntegrationModel> = {}): LambdaIntegrationModel {
  return {
    ref: { stackName: STACK, logicalId: 'Integ' },
    integrationId: 'Integ',
    kind: 'lambda',
    functionArn: FUNCTION_ARN,
    payloadFormatVersion: '2.0',
    timeoutMs: 30_000,
    requestParameters: {},
    responseParameters: {},
    ...extra,
  };
}

export function httpIntegration(uri: string, extra: Partial<HttpProxyIntegrationModel> = {}): HttpProxyIntegrationModel {
  return {
    ref: { stackName: STACK, logicalId: 'Integ' },
    integrationId: 'Integ',
    kind: 'http-proxy',
    uri,
    method: 'ANY',
    connectionType: 'INTERNET',
    timeoutMs: 30_000,
    requestParameters: {},
    responseParameters: {},
    ...extra,
  };
}

export function stage(name: string, stageVariables: Record<string, string> = {}): StageModel {
  return {
    ref: { stackName: STACK, logicalId: `Stage${name.replace(/\W/g, '')}` },
    name,
    autoDeploy: true,
    stageVariables,
    routeSettings: {},
  };
}

export interface ApiOptions {
  readonly routes: readonly RouteModel[];
  readonly integrations?: readonly IntegrationModel[];
  readonly stages?: readonly StageModel[];
  readonly cors?: CorsModel;
}

export function httpApi(options: ApiOptions): ApiModel {
  const integrations = options.integrations ?? [lambdaIntegration()];
  return {
    ref: { stackName: STACK, logicalId: 'Api' },
    apiId: 'a1b2c3d4e5',
    name: 'test-api',
    protocol: 'HTTP',
    disableExecuteApiEndpoint: false,
    routeSelectionExpression: '$request.method $request.path',
    routes: options.routes,
    integrations: new Map(integrations.map((i) => [i.integrationId, i])),
    authorizers: new Map(),
    stages: options.stages ?? [stage('$default')],
    models: new Map(),
    ...(options.cors ? { cors: options.cors } : {}),
  };
}

export function cors(extra: Partial<CorsModel> = {}): CorsModel {
  return {
    allowOrigins: ['https://app.example.com'],
    allowMethods: ['GET', 'POST'],
    allowHeaders: ['content-type', 'authorization'],
    exposeHeaders: [],
    allowCredentials: false,
    ...extra,
  };
}

export interface RequestOptions {
  readonly headers?: readonly HeaderPair[];
  readonly body?: string | Buffer;
  readonly sourceIp?: string;
}

/** A request for `target` (`/path?query`), with a Host and a User-Agent like curl's. */
export function request(method: string, target: string, options: RequestOptions = {}): ReceivedRequest {
  const at = target.indexOf('?');
  const body = options.body ?? Buffer.alloc(0);
  return {
    method,
    path: at === -1 ? target : target.slice(0, at),
    rawQueryString: at === -1 ? '' : target.slice(at + 1),
    headers: options.headers ?? [
      ['Host', '127.0.0.1:3000'],
      ['User-Agent', 'curl/8.5.0'],
      ['Accept', '*/*'],
    ],
    body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
    sourceIp: options.sourceIp ?? '127.0.0.1',
    protocol: 'HTTP/1.1',
    receivedAtMs: RECEIVED_AT,
  };
}

export const handlerFunction: FunctionModel = {
  ref: { stackName: STACK, logicalId: 'Handler' },
  arn: FUNCTION_ARN,
  functionName: 'handler',
  runtime: 'nodejs20.x',
  handler: 'index.handler',
  code: { kind: 'inline', source: '' },
  environment: {},
  timeoutMs: 3000,
  memoryMb: 128,
  architecture: 'x86_64',
};

/** An invoker that answers from a function of the event and records every call. */
export class FakeInvoker implements Invoker {
  readonly calls: { fn: FunctionModel; request: InvokeRequest }[] = [];
  constructor(private readonly answer: (event: unknown) => InvokeResult | Promise<InvokeResult>) {}

  /** Hands the event on as every runtime receives it: as JSON (a property left `undefined` is not there). */
  invoke(fn: FunctionModel, request: InvokeRequest): Promise<InvokeResult> {
    const received: InvokeRequest = { ...request, event: JSON.parse(JSON.stringify(request.event)) as unknown };
    this.calls.push({ fn, request: received });
    return Promise.resolve(this.answer(received.event));
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  /** The event of the only call. */
  get event(): unknown {
    if (this.calls.length !== 1) throw new Error(`expected one invocation, got ${this.calls.length}`);
    return this.calls[0].request.event;
  }
}

/** A successful invocation whose handler returned `value`. */
export function returns(value: unknown): InvokeResult {
  return { kind: 'success', payload: JSON.stringify(value) ?? 'null' };
}

/** An upstream client that answers from a function and records requests. */
export class FakeUpstream {
  readonly requests: UpstreamRequest[] = [];
  constructor(private readonly answer: (request: UpstreamRequest) => UpstreamResponse | Promise<UpstreamResponse>) {}

  readonly forward = (upstream: UpstreamRequest): Promise<UpstreamResponse> => {
    this.requests.push(upstream);
    return Promise.resolve(this.answer(upstream));
  };
}

export function deps(extra: Partial<HttpHandlerDeps> = {}): HttpHandlerDeps {
  let requestCount = 0;
  let lambdaCount = 0;
  return {
    invoker: new FakeInvoker(() => returns({ statusCode: 200, body: 'ok' })),
    resolveFunction: (arn) => findFunction({ functions: [handlerFunction] }, arn),
    now: () => RECEIVED_AT + 7,
    newRequestId: () => `Mc7UVioPPHcEKP${String.fromCharCode(65 + requestCount++)}=`,
    newLambdaRequestId: () => `00000000-0000-4000-8000-${String(++lambdaCount).padStart(12, '0')}`,
    forward: new FakeUpstream(() => ({ kind: 'failed', message: 'no upstream in this test' })).forward,
    backends: new Map(),
    callAwsService: () => Promise.resolve({ kind: 'unreachable', message: 'no service in this test' }),
    environment: { accountId: ACCOUNT, region: 'us-east-1', partition: 'aws', urlSuffix: 'amazonaws.com' },
    authorizeRoute: serveWithoutAuthorization,
    ...extra,
  };
}

/** Response header values by lower-cased name. */
export function headerMap(headers: readonly HeaderPair[]): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const [name, value] of headers) (map[name.toLowerCase()] ??= []).push(value);
  return map;
}
