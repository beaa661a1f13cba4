import { GatewayError } from '../errors.js';
import type { GatewayHttpResponse, ReceivedRequest } from '../http/index.js';
import type { HttpExchange } from '../http/answer-exchange.js';
import { resourceKey, type ApiModel } from '../model/index.js';
import { describeRoutes, type DescribeIntegrationContext } from '../report/describe-integration.js';
import { formatRequestLog } from '../report/format-request-log.js';
import { formatManagementLog, formatWebSocketLog } from '../report/format-websocket-log.js';
import { isFailedExchange, isFailedWebSocketEvent, type Verbosity } from '../report/verbosity.js';
import { listenHttp } from '../server/listen-http.js';
import type { WebSocketListener } from '../server/listen-websocket.js';
import type { WebSocketLimits } from '../websocket/limits.js';
import type { WebSocketDeps } from '../websocket/types.js';
import { baseUrl } from './api-info.js';
import type { Gate } from './gate.js';
import type { LogSink } from './gateway.js';
import type { PortAssignments } from './port-assignments.js';
import type { ApiListener } from './reload-engine.js';

/** A listening API: an HTTP API also answers in process (`gateway.request`) through its exchange. */
export type ServedListener = ApiListener &
  (
    | { readonly protocol: 'HTTP'; readonly exchange: HttpExchange }
    | { readonly protocol: 'WEBSOCKET'; readonly upgrade: WebSocketListener['upgrade']; readonly manage: WebSocketListener['manage'] }
  );

/** Where APIs listen and how they answer (the HTTP core and the WebSocket side, already built). */
export interface ApiServing {
  readonly host: string;
  /** Ports by API identity (base port; 0 = ephemeral for every API). */
  readonly ports: PortAssignments;
  readonly maxBodyBytes: number;
  readonly log: LogSink;
  /** Answers one request for one API (the HTTP core, with its dependencies bound). */
  readonly handle: (api: ApiModel, request: ReceivedRequest) => Promise<GatewayHttpResponse>;
  /** The answer when `handle` itself failed (a bug, not a function error). */
  readonly failed: (request: ReceivedRequest, error: unknown) => GatewayHttpResponse;
  readonly webSocket: {
    readonly deps: WebSocketDeps;
    readonly limits: WebSocketLimits;
    /** The certificate of the WebSocket ports' TLS side; asked for only when a model has a WebSocket API. */
    readonly certificate: () => Promise<{ readonly key: string; readonly cert: string }>;
  };
}

export interface ListenApiOptions extends ApiServing {
  readonly shown: Verbosity;
  readonly context: DescribeIntegrationContext;
}

/** The version of an API a listener answers with: replaced in place on reload. */
interface ServedVersion {
  api: ApiModel;
  /** Route key → integration, for the log lines. */
  routeDescriptions: Map<string, string>;
}

/** One API being listened for: its label in log lines and the version it answers with. */
interface ListenContext {
  readonly api: ApiModel;
  readonly port: number;
  readonly ready: Gate;
  readonly label: string;
  readonly version: ServedVersion;
  readonly describeRoute: (routeKey: string) => string | undefined;
  /** Makes `next` the version answered with (and the one the log lines describe). */
  readonly replaceVersion: (next: ApiModel) => void;
  readonly inUse: (error: unknown) => never;
}

/**
 * The reload engine's `listen`: each API on its own port (`PortAssignments`), HTTP APIs with the HTTP core,
 * WebSocket APIs with `listenWebSocket`, each request logged as `shown` says.
 */
export function apiListeners(options: ListenApiOptions): (api: ApiModel, ready: Gate) => Promise<ServedListener> {
  const webSocket = lazyWebSocketServer(options);
  return (api, ready) => {
    const port = options.ports.portFor(api.ref);
    const version: ServedVersion = { api, routeDescriptions: describeRoutes(api, options.context) };
    const context: ListenContext = {
      api,
      port,
      ready,
      label: `[${api.ref.logicalId}]`,
      version,
      describeRoute: (routeKey) => version.routeDescriptions.get(routeKey),
      replaceVersion: (next) => {
        version.api = next;
        version.routeDescriptions = describeRoutes(next, options.context);
      },
      inUse: portInUse(port, api, options.host),
    };
    return api.protocol === 'WEBSOCKET' ? listenWebSocketApi(options, context, webSocket) : listenHttpApi(options, context);
  };
}

type WebSocketServer = () => Promise<[{ readonly key: string; readonly cert: string }, typeof import('../server/listen-websocket.js')]>;

/** The WebSocket server (and `ws`) load only when a model has a WebSocket API: HTTP-only starts stay as quick. */
function lazyWebSocketServer(options: ListenApiOptions): WebSocketServer {
  let loaded: ReturnType<WebSocketServer> | undefined;
  return () => {
    loaded ??= Promise.all([options.webSocket.certificate(), import('../server/listen-websocket.js')]);
    return loaded;
  };
}

async function listenWebSocketApi(options: ListenApiOptions, context: ListenContext, load: WebSocketServer): Promise<ServedListener> {
  const { log, shown } = options;
  const { label, describeRoute } = context;
  const [tls, { listenWebSocket }] = await load();
  const listener = await listenWebSocket({
    host: options.host,
    port: context.port,
    api: context.api,
    tls,
    deps: options.webSocket.deps,
    limits: options.webSocket.limits,
    ready: context.ready.opened,
    onEvent: (record) => {
      if (shown.requests === 'all' || isFailedWebSocketEvent(record)) log(formatWebSocketLog(label, record, describeRoute));
    },
    onManagement: (exchange) => {
      if (shown.requests === 'all' || (exchange.reply?.statusCode ?? 0) >= 500) log(formatManagementLog(label, exchange));
    },
    onError: (message, error) => log(`${label} internal error: ${message}: ${describeError(error)}`),
  }).catch(context.inUse);
  return {
    protocol: 'WEBSOCKET',
    upgrade: listener.upgrade,
    manage: listener.manage,
    baseUrl: baseUrl(options.host, listener.port),
    close: listener.close,
    replace: (next) => {
      context.replaceVersion(next);
      return listener.replaceApi(next);
    },
  };
}

async function listenHttpApi(options: ListenApiOptions, context: ListenContext): Promise<ServedListener> {
  const { log, shown } = options;
  const { label, describeRoute, ready, version } = context;
  const answer = (request: ReceivedRequest): Promise<GatewayHttpResponse> => options.handle(version.api, request);
  const exchange: HttpExchange = {
    handle: (request) => (ready.isOpen ? answer(request) : ready.opened.then(() => answer(request))),
    failed: (request, error) => {
      log(`${label} internal error while answering ${request.method} ${request.path}: ${describeError(error)}`);
      return options.failed(request, error);
    },
    onExchange: (record) => {
      if (shown.requests === 'all' || isFailedExchange(record)) log(formatRequestLog(label, record, describeRoute));
    },
  };
  const listener = await listenHttp({ host: options.host, port: context.port, maxBodyBytes: options.maxBodyBytes, ...exchange }).catch(context.inUse);
  return {
    protocol: 'HTTP',
    baseUrl: baseUrl(options.host, listener.port),
    close: listener.close,
    exchange,
    replace: (next) => {
      context.replaceVersion(next);
      return 0;
    },
  };
}

/** A listen failure, with the API named when its port is taken. */
function portInUse(port: number, api: ApiModel, host: string): (error: unknown) => never {
  return (error) => {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    throw new GatewayError(
      'PORT_IN_USE',
      `port ${port} (${resourceKey(api.ref)}) is already in use on ${host}; ` +
        'choose another first port with --port, or --port 0 for free ports',
    );
  };
}

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
