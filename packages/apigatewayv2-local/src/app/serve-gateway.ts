import { ErrorCode, GatewayError } from '../errors.js';
import { findBackend } from '../http/upstream-target.js';
import type { ApiModel, FunctionModel, GatewayModel } from '../model/index.js';
import type { Gateway, GatewayApiInfo, LogSink } from './gateway.js';
import type { GatewayHttpResponse, IncomingHttpRequest } from '../http/index.js';
import { describeRoutes, type DescribeIntegrationContext } from '../report/describe-integration.js';
import { formatRequestLog } from '../report/format-request-log.js';
import { formatReloadSummary } from '../report/format-reload-summary.js';
import { formatStartUpReport, type ServedApi, type StartUpWarning } from '../report/format-start-up-report.js';
import { listenHttp, type ListenHttpOptions } from '../server/listen-http.js';
import { formatManagementLog, formatWebSocketLog } from '../report/format-websocket-log.js';
import type { WebSocketDeps } from '../websocket/types.js';
import type { WebSocketLimits } from '../websocket/limits.js';
import { compileWebSocketApi } from '../websocket/websocket-api.js';
import type { PortAssignments } from './port-assignments.js';
import { isFailedExchange, isFailedWebSocketEvent, verbosity, type Quiet } from '../report/verbosity.js';
import { toIncomingRequest, toResponse } from '../server/in-process-request.js';

/** Everything `serveGateway` needs, already built: the model, how to answer a request, and where to log. */
export interface ServeGatewayOptions {
  readonly model: GatewayModel;
  readonly host: string;
  /** Ports by API identity (base port; 0 = ephemeral for every API). */
  readonly ports: PortAssignments;
  readonly maxBodyBytes: number;
  /** `--backend` URLs by the keys the HTTP core accepts (logical id, integration id, listener ARN …). */
  readonly backends: ReadonlyMap<string, string>;
  /** What prints besides problems (see `verbosity`). */
  readonly quiet: Quiet;
  /** Whether `AWS_IAM` routes have local credentials to accept (else a start-up warning says they refuse every call). */
  readonly iamCredentialsSet: boolean;
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
    /** The certificate of the WebSocket ports' TLS side; asked for only when a model has a WebSocket API. */
    readonly certificate: () => Promise<{ readonly key: string; readonly cert: string }>;
  };
  /**
   * Called with each model (the first, then each `reload`) once its APIs listen and before any request or
   * handshake is answered with it (they wait for it): the caller switches its function lookup to the model
   * here, and the function environments learn the local URLs. Returns the names of the functions whose
   * environments it replaced, for the reload summary.
   */
  readonly onModel?: (model: GatewayModel, apis: readonly GatewayApiInfo[]) => readonly string[] | void;
}

/** A running gateway whose model can be replaced without a restart (watch mode). */
export interface ServedGateway extends Gateway {
  /**
   * Serves `model` instead of the current one: APIs it keeps stay on their ports (open WebSocket connections
   * of stages that still exist stay open), new APIs get ports, removed APIs stop. Prints what changed, with
   * the time since `startedAtMs` (a `performance.now()` value, e.g. when the change was seen) if given.
   */
  reload(model: GatewayModel, options?: { readonly startedAtMs?: number }): Promise<void>;
}

/** The version of an API a listener answers with: replaced in place on reload. */
interface ServedVersion {
  api: ApiModel;
  /** Route key → integration, for the log lines. */
  routeDescriptions: Map<string, string>;
}

/** One API being served: its listener, and the version it answers with. */
interface ServedEntry {
  readonly version: ServedVersion;
  info: GatewayApiInfo;
  readonly listener:
    | { readonly protocol: 'HTTP'; readonly close: (graceMs?: number) => Promise<void>; readonly exchange: HttpExchange }
    | { readonly protocol: 'WEBSOCKET'; readonly close: () => Promise<void>; readonly replaceApi: (api: ApiModel) => number };
}

/**
 * Listens for every API of the model, each on its own port (HTTP APIs with the HTTP core, WebSocket APIs
 * with `listenWebSocket`), prints the start-up report and returns the running gateway. Ports are kept by
 * API identity (`PortAssignments`). Requests wait until every API listens.
 */
export async function serveGateway(options: ServeGatewayOptions): Promise<ServedGateway> {
  const { log } = options;
  const printed = verbosity(options.quiet);
  const context: DescribeIntegrationContext = { resolveFunction: options.resolveFunction, backends: options.backends };
  const served = new Map<string, ServedEntry>();
  let certificate: Promise<{ readonly key: string; readonly cert: string }> | undefined;
  let webSocketServer: Promise<typeof import('../server/listen-websocket.js')> | undefined;
  let current = options.model;
  let closing: Promise<void> | undefined;

  /** Starts listening for one API; requests wait for `ready` (the model switch). */
  const listen = async (api: ApiModel, ready: Gate): Promise<ServedEntry> => {
    const port = options.ports.portFor(api.ref);
    const label = `[${api.ref.logicalId}]`;
    const inUse = portInUse(port, api, options.host);
    const version: ServedVersion = { api, routeDescriptions: describeRoutes(api, context) };
    const describeRoute = (routeKey: string): string | undefined => version.routeDescriptions.get(routeKey);
    if (api.protocol === 'WEBSOCKET') {
      // The WebSocket server (and `ws`) load only when a model has a WebSocket API: HTTP-only starts stay as quick.
      certificate ??= options.webSocket.certificate();
      webSocketServer ??= import('../server/listen-websocket.js');
      const [tls, { listenWebSocket }] = await Promise.all([certificate, webSocketServer]);
      const listener = await listenWebSocket({
        host: options.host,
        port,
        api,
        tls,
        deps: options.webSocket.deps,
        limits: options.webSocket.limits,
        ready: ready.opened,
        onEvent: (record) => {
          if (printed.requests === 'all' || isFailedWebSocketEvent(record)) log(formatWebSocketLog(label, record, describeRoute));
        },
        onManagement: (exchange) => {
          if (printed.requests === 'all' || exchange.reply.statusCode >= 500) log(formatManagementLog(label, exchange));
        },
        onError: (message, error) => log(`${label} internal error: ${message}: ${describeError(error)}`),
      }).catch(inUse);
      return {
        version,
        info: apiInfo(api, baseUrl(options.host, listener.port)),
        listener: { protocol: 'WEBSOCKET', close: listener.close, replaceApi: listener.replaceApi },
      };
    }
    const answer = (request: IncomingHttpRequest): Promise<GatewayHttpResponse> => options.handle(version.api, request);
    const exchange: HttpExchange = {
      handle: (request) => (ready.isOpen ? answer(request) : ready.opened.then(() => answer(request))),
      tooLarge: options.tooLarge,
      failed: (request, error) => {
        log(`${label} internal error while answering ${request.method} ${request.path}: ${describeError(error)}`);
        return options.failed(request, error);
      },
      onExchange: (record) => {
        if (printed.requests === 'all' || isFailedExchange(record)) log(formatRequestLog(label, record, describeRoute));
      },
    };
    const listener = await listenHttp({ host: options.host, port, maxBodyBytes: options.maxBodyBytes, ...exchange }).catch(inUse);
    return { version, info: apiInfo(api, baseUrl(options.host, listener.port)), listener: { protocol: 'HTTP', close: listener.close, exchange } };
  };

  /**
   * Serves `model`: listens for its new APIs, then in one step switches the caller (`onModel`) and every kept
   * API to it, opens the new APIs, and stops the removed ones.
   */
  const apply = async (model: GatewayModel): Promise<ModelSwitch> => {
    const ready = gate();
    const next = new Map<string, ApiModel>(model.apis.map((api) => [apiKey(api), api]));
    const added: ServedEntry[] = [];
    try {
      for (const [key, api] of next) {
        const existing = served.get(key);
        if (existing === undefined || existing.version.api.protocol !== api.protocol) added.push(await listen(api, ready));
      }
    } catch (error) {
      await Promise.allSettled(added.map((entry) => entry.listener.close(0)));
      throw error;
    }
    const previous = new Map([...served].map(([key, entry]) => [key, entry.version.api]));
    const removed = [...served].filter(([key, entry]) => next.get(key)?.protocol !== entry.version.api.protocol);
    for (const [key] of removed) served.delete(key);
    let closedConnections = 0;
    for (const [key, entry] of served) {
      const api = next.get(key) as ApiModel;
      entry.version.api = api;
      entry.version.routeDescriptions = describeRoutes(api, context);
      entry.info = apiInfo(api, apiBaseUrl(entry.info));
      if (entry.listener.protocol === 'WEBSOCKET') closedConnections += entry.listener.replaceApi(api);
    }
    for (const entry of added) served.set(apiKey(entry.version.api), entry);
    current = model;
    const apis = currentApis();
    const restarted = options.onModel?.(model, apis) ?? [];
    ready.open();
    await Promise.allSettled(removed.map(([, entry]) => entry.listener.close()));
    return { previous, removed: removed.map(([, entry]) => entry), added, restartedFunctions: restarted, closedConnections };
  };

  /** The served APIs, with the version each answers with, in the model's order. */
  const servedApis = (): ServedApi[] =>
    current.apis.flatMap((api) => {
      const entry = served.get(apiKey(api));
      return entry === undefined ? [] : [{ model: entry.version.api, info: entry.info }];
    });
  const currentApis = (): GatewayApiInfo[] => servedApis().map((api) => api.info);

  try {
    await apply(options.model);
  } catch (error) {
    await Promise.allSettled([...served.values()].map((entry) => entry.listener.close(0)));
    await options.release();
    throw error;
  }
  const startUpWarningsOf = (model: GatewayModel): StartUpWarning[] => startUpWarnings(model, options);
  let warnings = startUpWarningsOf(options.model);
  if (printed.startUp) {
    for (const line of formatStartUpReport({ apis: servedApis(), diagnostics: options.model.diagnostics, warnings }, context)) {
      log(line);
    }
  }

  let reloading: Promise<void> = Promise.resolve();
  return {
    get apis() {
      return currentApis();
    },
    async request(name, input, init) {
      const info = findHttpApi(currentApis(), name);
      const entry = served.get(apiKey({ ref: info }));
      if (entry?.listener.protocol !== 'HTTP') throw new GatewayError(ErrorCode.UNKNOWN_API, `${name} is not an HTTP API`);
      return answerInProcess(options.maxBodyBytes, entry.listener.exchange, toFetchRequest(info, input, init));
    },
    reload(model, reloadOptions = {}) {
      // One reload at a time, in the order asked; a failed one (its error goes to its caller) does not stop the next.
      reloading = reloading.catch(() => undefined).then(async () => {
        if (closing !== undefined) return;
        const before = current;
        const change = await apply(model);
        const newWarnings = startUpWarningsOf(model);
        const shown = new Set(warnings.map(findingKey));
        const knownDiagnostics = new Set(before.diagnostics.map(findingKey));
        warnings = newWarnings;
        if (!printed.startUp) return;
        for (const line of formatReloadSummary({
          apis: servedApis(),
          previous: change.previous,
          removed: change.removed.map((entry) => entry.info),
          added: change.added.map((entry) => entry.info),
          restartedFunctions: change.restartedFunctions,
          closedConnections: change.closedConnections,
          diagnostics: model.diagnostics.filter((d) => !knownDiagnostics.has(findingKey(d))),
          warnings: newWarnings.filter((w) => !shown.has(findingKey(w))),
          ...(reloadOptions.startedAtMs !== undefined && { durationMs: performance.now() - reloadOptions.startedAtMs }),
        }, context)) {
          log(line);
        }
      });
      return reloading;
    },
    close() {
      closing ??= (async () => {
        await reloading.catch(() => undefined);
        await Promise.allSettled([...served.values()].map((entry) => entry.listener.close()));
        await options.release();
      })();
      return closing;
    },
  };
}

/** What one `apply` changed, for the reload summary. */
interface ModelSwitch {
  /** The API models served before, by `apiKey`. */
  readonly previous: ReadonlyMap<string, ApiModel>;
  readonly removed: readonly ServedEntry[];
  readonly added: readonly ServedEntry[];
  readonly restartedFunctions: readonly string[];
  readonly closedConnections: number;
}

/** A promise that settles once `open()` is called, and whether it was. */
interface Gate {
  readonly opened: Promise<void>;
  readonly isOpen: boolean;
  open(): void;
}

function gate(): Gate {
  let resolve: () => void = () => undefined;
  const opened = new Promise<void>((settle) => {
    resolve = settle;
  });
  const state = {
    opened,
    isOpen: false,
    open() {
      state.isOpen = true;
      resolve();
    },
  };
  return state;
}

/** An API's identity across reloads: stack name and logical id. */
export function apiKey(api: { readonly ref: { readonly stackName: string; readonly logicalId: string } }): string {
  return `${api.ref.stackName}/${api.ref.logicalId}`;
}

/** A warning or diagnostic as the reload summary compares them: the same finding on the same resource. */
function findingKey(finding: { readonly stackName: string; readonly logicalId: string; readonly property?: string; readonly message: string }): string {
  return `${finding.stackName}/${finding.logicalId} ${finding.property ?? ''} ${finding.message}`;
}

/** The `http://host:port` an API's info was built from (its `url` is `ws://` for WebSocket APIs). */
function apiBaseUrl(info: GatewayApiInfo): string {
  return info.url.replace(/^ws:/, 'http:');
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

function startUpWarnings(model: GatewayModel, options: Pick<ServeGatewayOptions, 'cannotRun' | 'backends' | 'iamCredentialsSet'>): StartUpWarning[] {
  const warnings: StartUpWarning[] = options.iamCredentialsSet ? [] : model.apis.flatMap(iamWithoutCredentials);
  for (const fn of model.functions) {
    const reason = options.cannotRun(fn);
    if (reason !== undefined) {
      warnings.push({ ...fn.ref, message: `function ${fn.functionName}: ${reason}; its routes answer 500` });
    }
  }
  for (const api of model.apis) {
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
  for (const domain of model.domains ?? []) {
    const mappings = domain.mappings.map((mapping) => `/${mapping.apiMappingKey} → ${mapping.apiId} stage ${mapping.stage}`);
    warnings.push({
      ...domain.ref,
      message: `custom domain ${domain.domainName} is not served locally (${mappings.join(', ') || 'no API mappings'}); call each API on its own URL`,
    });
  }
  return warnings;
}

/**
 * `AWS_IAM` routes (HTTP routes, a WebSocket `$connect`) when no local credentials are set: every call is
 * refused as AWS refuses a request signed with unknown keys, so say so, and how to set them.
 */
function iamWithoutCredentials(api: ApiModel): StartUpWarning[] {
  const routes = api.routes.filter((route) => route.authorizationType === 'AWS_IAM' && (api.protocol === 'HTTP' || route.routeKey === '$connect'));
  if (routes.length === 0) return [];
  return [
    {
      ...api.ref,
      message:
        `AWS_IAM on ${routes.map((route) => route.routeKey).join(', ')} and no local credentials: every call to ${routes.length === 1 ? 'it' : 'them'} ` +
        'is refused (403); set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the gateway\'s environment (or the iamCredentials option) and sign with them',
    },
  ];
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
