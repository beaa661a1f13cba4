import { ErrorCode, GatewayError } from '../errors.js';
import { findBackend } from '../http/upstream-target.js';
import type { ApiModel, FunctionModel, GatewayModel } from '../model/index.js';
import type { Gateway, GatewayApiInfo, LogSink } from './gateway.js';
import type { GatewayHttpResponse, IncomingHttpRequest } from '../http/index.js';
import { describeRoutes, type DescribeIntegrationContext } from './describe-integration.js';
import { formatRequestLog } from './format-request-log.js';
import { formatStartUpReport, type ServedApi, type StartUpWarning } from './format-start-up-report.js';
import { listenHttp, type ListenHttpOptions } from './listen-http.js';
import { formatManagementLog, formatWebSocketLog } from './format-websocket-log.js';
import type { WebSocketDeps } from '../websocket/types.js';
import type { WebSocketLimits } from '../websocket/limits.js';
import { compileWebSocketApi } from '../websocket/websocket-api.js';
import type { PortAssignments } from './port-assignments.js';
import { toIncomingRequest, toResponse } from './in-process-request.js';

/** Everything `serveGateway` needs, already built: the model, how to answer a request, and where to log. */
export interface ServeGatewayOptions {
  readonly model: GatewayModel;
  readonly host: string;
  /** Ports by API identity (base port; 0 = ephemeral for every API). */
  readonly ports: PortAssignments;
  readonly maxBodyBytes: number;
  /** `--backend` URLs by the keys the HTTP core accepts (logical id, integration id, listener ARN …). */
  readonly backends: ReadonlyMap<string, string>;
  readonly quiet: boolean;
  readonly log: LogSink;
  /** Answers one request for one API (the HTTP core, with its dependencies bound). */
  readonly handle: (api: ApiModel, request: IncomingHttpRequest) => Promise<GatewayHttpResponse>;
  /** The 413 answer for a body over `maxBodyBytes`. */
  readonly tooLarge: (request: IncomingHttpRequest) => GatewayHttpResponse;
  /** The answer when `handle` itself failed (a bug, not a function error). */
  readonly failed: (request: IncomingHttpRequest, error: unknown) => GatewayHttpResponse;
  readonly resolveFunction: (arn: string) => FunctionModel | undefined;
  /** Why a function cannot run locally, or undefined when it can. */
  readonly cannotRun: (fn: FunctionModel) => string | undefined;
  /** Runs after every listener closed (invoker, temp dirs). */
  readonly release: () => Promise<void>;
  /** How WebSocket APIs are served. */
  readonly webSocket: {
    readonly deps: WebSocketDeps;
    readonly limits: WebSocketLimits;
    /** The certificate of the WebSocket ports' TLS side; asked for only when the model has a WebSocket API. */
    readonly certificate: () => Promise<{ readonly key: string; readonly cert: string }>;
  };
  /**
   * Called once every API listens and before any request or handshake is answered (they wait for it): the
   * function environments learn the local URLs here.
   */
  readonly onListening?: (apis: readonly GatewayApiInfo[]) => void;
}

/**
 * Listens for every API of the model, each on its own port (HTTP APIs with the HTTP core, WebSocket APIs
 * with `listenWebSocket`), prints the start-up report and returns the running gateway. Ports are kept by
 * API identity (`PortAssignments`). Requests wait until every API listens.
 */
export async function serveGateway(options: ServeGatewayOptions): Promise<Gateway> {
  const { model, log } = options;
  const context: DescribeIntegrationContext = { resolveFunction: options.resolveFunction, backends: options.backends };
  const listeners: { close(graceMs?: number): Promise<void> }[] = [];
  const served: ServedApi[] = [];
  const exchanges = new Map<GatewayApiInfo, HttpExchange>();
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  let isReady = false;
  const hasWebSocket = model.apis.some((api) => api.protocol === 'WEBSOCKET');
  // The WebSocket server (and `ws`) load only when the model has a WebSocket API: HTTP-only starts stay as quick.
  const certificate = hasWebSocket ? await options.webSocket.certificate() : undefined;
  const { listenWebSocket } = hasWebSocket ? await import('./listen-websocket.js') : { listenWebSocket: undefined };
  try {
    for (const api of model.apis) {
      const port = options.ports.portFor(api.ref);
      const label = `[${api.ref.logicalId}]`;
      const routeDescriptions = describeRoutes(api, context);
      const inUse = portInUse(port, api, options.host);
      if (api.protocol === 'WEBSOCKET' && certificate && listenWebSocket) {
        const listener = await listenWebSocket({
          host: options.host,
          port,
          api,
          tls: certificate,
          deps: options.webSocket.deps,
          limits: options.webSocket.limits,
          ready,
          ...(!options.quiet && {
            onEvent: (record) => log(formatWebSocketLog(label, record, (routeKey) => routeDescriptions.get(routeKey))),
            onManagement: (exchange) => log(formatManagementLog(label, exchange)),
          }),
          onError: (message, error) => log(`${label} internal error: ${message}: ${describeError(error)}`),
        }).catch(inUse);
        listeners.push(listener);
        served.push({ model: api, info: apiInfo(api, baseUrl(options.host, listener.port)) });
        continue;
      }
      const exchange: HttpExchange = {
        handle: (request) => (isReady ? options.handle(api, request) : ready.then(() => options.handle(api, request))),
        tooLarge: options.tooLarge,
        failed: (request, error) => {
          log(`${label} internal error while answering ${request.method} ${request.path}: ${describeError(error)}`);
          return options.failed(request, error);
        },
        onExchange: options.quiet
          ? undefined
          : (record) => log(formatRequestLog(label, record, (routeKey) => routeDescriptions.get(routeKey))),
      };
      const listener = await listenHttp({ host: options.host, port, maxBodyBytes: options.maxBodyBytes, ...exchange }).catch(inUse);
      listeners.push(listener);
      const info = apiInfo(api, baseUrl(options.host, listener.port));
      served.push({ model: api, info });
      exchanges.set(info, exchange);
    }
  } catch (error) {
    await Promise.allSettled(listeners.map((l) => l.close(0)));
    await options.release();
    throw error;
  }

  const apis = served.map((api) => api.info);
  options.onListening?.(apis);
  isReady = true;
  markReady();
  for (const line of formatStartUpReport(
    { apis: served, diagnostics: model.diagnostics, warnings: startUpWarnings(options) },
    context,
  )) {
    log(line);
  }

  let closing: Promise<void> | undefined;
  return {
    apis,
    async request(name, input, init) {
      const info = findHttpApi(apis, name);
      const exchange = exchanges.get(info);
      if (exchange === undefined) throw new GatewayError(ErrorCode.UNKNOWN_API, `${name} is not an HTTP API`);
      return answerInProcess(options.maxBodyBytes, exchange, toFetchRequest(info, input, init));
    },
    close() {
      closing ??= (async () => {
        await Promise.allSettled(listeners.map((l) => l.close()));
        await options.release();
      })();
      return closing;
    },
  };
}

/** How one HTTP API answers, shared by its port and `gateway.request`. */
type HttpExchange = Pick<ListenHttpOptions, 'handle' | 'tooLarge' | 'failed' | 'onExchange'>;

/**
 * `gateway.request`'s answer: the steps `listenHttp` takes for a socket request (413 past the body limit,
 * `failed` when the core throws, the request log), without the socket.
 */
async function answerInProcess(maxBodyBytes: number, exchange: HttpExchange, request: Request): Promise<Response> {
  const started = performance.now();
  const incoming = await toIncomingRequest(request, Date.now());
  let answer: GatewayHttpResponse;
  if (incoming.body.length > maxBodyBytes) {
    answer = exchange.tooLarge(incoming);
  } else {
    try {
      answer = await exchange.handle(incoming);
    } catch (error) {
      answer = exchange.failed(incoming, error);
    }
  }
  exchange.onExchange?.({ request: incoming, response: answer, durationMs: performance.now() - started });
  return toResponse(answer, incoming.method);
}

/** The HTTP API `gateway.request` names: by logical id, `Name` or `stackName/logicalId`, exactly one. */
function findHttpApi(apis: readonly GatewayApiInfo[], name: string): GatewayApiInfo {
  const matches = apis.filter((api) => api.logicalId === name || api.name === name || `${api.stackName}/${api.logicalId}` === name);
  const listed = (list: readonly GatewayApiInfo[]): string =>
    list.map((api) => `${api.stackName}/${api.logicalId} (${api.name}, ${api.protocol})`).join(', ') || 'none';
  if (matches.length === 0) {
    throw new GatewayError(ErrorCode.UNKNOWN_API, `no API '${name}': give a logical id, Name or stackName/logicalId of ${listed(apis)}`);
  }
  if (matches.length > 1) {
    throw new GatewayError(ErrorCode.UNKNOWN_API, `'${name}' names several APIs (${listed(matches)}); give stackName/logicalId`);
  }
  const [api] = matches as [GatewayApiInfo];
  if (api.protocol !== 'HTTP') {
    throw new GatewayError(
      ErrorCode.UNKNOWN_API,
      `${api.stackName}/${api.logicalId} is a WebSocket API; gateway.request serves HTTP APIs only: connect a WebSocket client to ${api.url}`,
    );
  }
  return api;
}

/** The fetch `Request` for `gateway.request`'s arguments; a relative URL resolves against the API's URL. */
function toFetchRequest(api: GatewayApiInfo, input: Request | string | URL, init: RequestInit | undefined): Request {
  if (input instanceof Request) return init === undefined ? input : new Request(input, init);
  return new Request(new URL(input, api.url), init);
}

/** A listen failure, with the API named when its port is taken. */
function portInUse(port: number, api: ApiModel, host: string): (error: unknown) => never {
  return (error) => {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    throw new GatewayError(
      ErrorCode.PORT_IN_USE,
      `port ${port} (${api.ref.stackName}/${api.ref.logicalId}) is already in use on ${host}; ` +
        'choose another first port with --port, or --port 0 for free ports',
    );
  };
}

/**
 * How an API is reached: HTTP APIs at `http://host:port[/stage]`; WebSocket APIs at `ws://host:port/stage`,
 * with the stage's management API (callback URL) at `http://host:port/stage`.
 */
function apiInfo(api: ApiModel, httpUrl: string): GatewayApiInfo {
  const url = api.protocol === 'WEBSOCKET' ? httpUrl.replace(/^http:/, 'ws:') : httpUrl;
  const under = (base: string, stage: string): string => (stage === '$default' ? base : `${base}/${encodeURIComponent(stage)}`);
  return {
    stackName: api.ref.stackName,
    logicalId: api.ref.logicalId,
    name: api.name,
    protocol: api.protocol,
    url,
    stages: api.stages.map((stage) =>
      api.protocol === 'WEBSOCKET'
        ? { name: stage.name, url: under(url, stage.name), callbackUrl: under(httpUrl, stage.name) }
        : { name: stage.name, url: under(url, stage.name) },
    ),
  };
}

/** The URL clients use: a wildcard listen address is reached through loopback. */
export function baseUrl(host: string, port: number): string {
  let shown = host;
  if (host === '0.0.0.0' || host === '') shown = '127.0.0.1';
  else if (host === '::') shown = '[::1]';
  else if (host.includes(':')) shown = `[${host}]`;
  return `http://${shown}:${port}`;
}

function startUpWarnings(options: ServeGatewayOptions): StartUpWarning[] {
  const warnings: StartUpWarning[] = [];
  for (const fn of options.model.functions) {
    const reason = options.cannotRun(fn);
    if (reason !== undefined) {
      warnings.push({ ...fn.ref, message: `function ${fn.functionName}: ${reason}; its routes answer 500` });
    }
  }
  for (const api of options.model.apis) {
    for (const integration of api.integrations.values()) {
      if (integration.kind !== 'http-proxy' || integration.connectionType !== 'VPC_LINK') continue;
      if (findBackend(integration, options.backends) !== undefined) continue;
      warnings.push({
        ...integration.ref,
        message:
          `private integration to ${integration.uri} has no backend; its routes answer as AWS does for an ` +
          `unreachable target (pass --backend ${integration.ref.logicalId}=<url>)`,
      });
    }
    warnings.push(...notEmulatedWarnings(api));
    if (api.protocol === 'WEBSOCKET') warnings.push(...webSocketWarnings(api));
  }
  for (const domain of options.model.domains ?? []) {
    const mappings = domain.mappings.map((mapping) => `/${mapping.apiMappingKey} → ${mapping.apiId} stage ${mapping.stage}`);
    warnings.push({
      ...domain.ref,
      message: `custom domain ${domain.domainName} is not served locally (${mappings.join(', ') || 'no API mappings'}); call each API on its own URL`,
    });
  }
  return warnings;
}

/**
 * Settings the template carries that change what AWS answers but that the local gateway does not apply
 * (see the README's "Differences from AWS"): said at start-up so that a local 200 is not read as AWS's answer.
 */
function notEmulatedWarnings(api: ApiModel): StartUpWarning[] {
  const warnings: StartUpWarning[] = [];
  if (api.disableExecuteApiEndpoint) {
    warnings.push({
      ...api.ref,
      message: 'DisableExecuteApiEndpoint is true: AWS answers 403 on the execute-api endpoint; served locally anyway',
    });
  }
  for (const stage of api.stages) {
    const throttled = [stage.defaultRouteSettings, ...Object.values(stage.routeSettings)].some(
      (settings) => settings?.throttlingBurstLimit !== undefined || settings?.throttlingRateLimit !== undefined,
    );
    if (throttled) {
      warnings.push({ ...stage.ref, message: `stage ${stage.name}: throttling limits are not applied locally (AWS answers 429 past them)` });
    }
  }
  return warnings;
}

/** What a WebSocket API's template asks for that is not served as AWS would. */
function webSocketWarnings(api: ApiModel): StartUpWarning[] {
  const warnings: StartUpWarning[] = [];
  const selection = compileWebSocketApi(api).selection;
  if (!selection.ok) {
    warnings.push({ ...api.ref, message: `route selection expression ${selection.source}: ${selection.problem}; every message goes to $default` });
  }
  for (const route of api.routes) {
    const integration = route.integrationId === undefined ? undefined : api.integrations.get(route.integrationId);
    if (integration?.kind === 'http-proxy') {
      warnings.push({ ...route.ref, message: `${route.routeKey}: HTTP integrations are not served on WebSocket routes locally; the client gets an error` });
    } else if (integration?.kind === 'mock') {
      warnings.push({ ...route.ref, message: `${route.routeKey}: MOCK integration: accepted without a reply (integration response templates are not applied)` });
    }
  }
  return warnings;
}

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
