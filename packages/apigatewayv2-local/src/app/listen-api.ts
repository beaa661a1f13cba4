import { ErrorCode, GatewayError } from '../errors.js';
import type { GatewayHttpResponse, IncomingHttpRequest } from '../http/index.js';
import { resourceKey, type ApiModel } from '../model/index.js';
import { describeRoutes, type DescribeIntegrationContext } from '../report/describe-integration.js';
import { formatRequestLog } from '../report/format-request-log.js';
import { formatManagementLog, formatWebSocketLog } from '../report/format-websocket-log.js';
import { isFailedExchange, isFailedWebSocketEvent, type Verbosity } from '../report/verbosity.js';
import { listenHttp, type ListenHttpOptions } from '../server/listen-http.js';
import type { WebSocketLimits } from '../websocket/limits.js';
import type { WebSocketDeps } from '../websocket/types.js';
import { baseUrl } from './api-info.js';
import type { Gate } from './gate.js';
import type { LogSink } from './gateway.js';
import type { PortAssignments } from './port-assignments.js';
import type { ApiListener } from './reload-engine.js';

/** How one HTTP API answers, shared by its port and `gateway.request`. */
export type HttpExchange = Pick<ListenHttpOptions, 'handle' | 'tooLarge' | 'failed' | 'onExchange'>;

/** A listening API: an HTTP API also answers in process (`gateway.request`) through its exchange. */
export type ServedListener = ApiListener & ({ readonly protocol: 'HTTP'; readonly exchange: HttpExchange } | { readonly protocol: 'WEBSOCKET' });

export interface ListenApiOptions {
  readonly host: string;
  readonly ports: PortAssignments;
  readonly maxBodyBytes: number;
  readonly shown: Verbosity;
  readonly log: LogSink;
  readonly context: DescribeIntegrationContext;
  /** Answers one request for one API (the HTTP core, with its dependencies bound). */
  readonly handle: (api: ApiModel, request: IncomingHttpRequest) => Promise<GatewayHttpResponse>;
  /** The 413 answer for a body over `maxBodyBytes`. */
  readonly tooLarge: (request: IncomingHttpRequest) => GatewayHttpResponse;
  /** The answer when `handle` itself failed (a bug, not a function error). */
  readonly failed: (request: IncomingHttpRequest, error: unknown) => GatewayHttpResponse;
  readonly webSocket: {
    readonly deps: WebSocketDeps;
    readonly limits: WebSocketLimits;
    /** The certificate of the WebSocket ports' TLS side; asked for only when a model has a WebSocket API. */
    readonly certificate: () => Promise<{ readonly key: string; readonly cert: string }>;
  };
}

/** The version of an API a listener answers with: replaced in place on reload. */
interface ServedVersion {
  api: ApiModel;
  /** Route key → integration, for the log lines. */
  routeDescriptions: Map<string, string>;
}

/**
 * The reload engine's `listen`: each API on its own port (`PortAssignments`), HTTP APIs with the HTTP core,
 * WebSocket APIs with `listenWebSocket`, each request logged as `shown` says.
 */
export function apiListeners(options: ListenApiOptions): (api: ApiModel, ready: Gate) => Promise<ServedListener> {
  let certificate: Promise<{ readonly key: string; readonly cert: string }> | undefined;
  let webSocketServer: Promise<typeof import('../server/listen-websocket.js')> | undefined;
  const { log, shown } = options;
  return async (api, ready) => {
    const port = options.ports.portFor(api.ref);
    const label = `[${api.ref.logicalId}]`;
    const inUse = portInUse(port, api, options.host);
    const version: ServedVersion = { api, routeDescriptions: describeRoutes(api, options.context) };
    const describeRoute = (routeKey: string): string | undefined => version.routeDescriptions.get(routeKey);
    const replaceVersion = (next: ApiModel): void => {
      version.api = next;
      version.routeDescriptions = describeRoutes(next, options.context);
    };
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
          if (shown.requests === 'all' || isFailedWebSocketEvent(record)) log(formatWebSocketLog(label, record, describeRoute));
        },
        onManagement: (exchange) => {
          if (shown.requests === 'all' || exchange.reply.statusCode >= 500) log(formatManagementLog(label, exchange));
        },
        onError: (message, error) => log(`${label} internal error: ${message}: ${describeError(error)}`),
      }).catch(inUse);
      return {
        protocol: 'WEBSOCKET',
        baseUrl: baseUrl(options.host, listener.port),
        close: listener.close,
        replace: (next) => {
          replaceVersion(next);
          return listener.replaceApi(next);
        },
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
        if (shown.requests === 'all' || isFailedExchange(record)) log(formatRequestLog(label, record, describeRoute));
      },
    };
    const listener = await listenHttp({ host: options.host, port, maxBodyBytes: options.maxBodyBytes, ...exchange }).catch(inUse);
    return {
      protocol: 'HTTP',
      baseUrl: baseUrl(options.host, listener.port),
      close: listener.close,
      exchange,
      replace: (next) => {
        replaceVersion(next);
        return 0;
      },
    };
  };
}

/** A listen failure, with the API named when its port is taken. */
function portInUse(port: number, api: ApiModel, host: string): (error: unknown) => never {
  return (error) => {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    throw new GatewayError(
      ErrorCode.PORT_IN_USE,
      `port ${port} (${resourceKey(api.ref)}) is already in use on ${host}; ` +
        'choose another first port with --port, or --port 0 for free ports',
    );
  };
}

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
