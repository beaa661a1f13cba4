import { GatewayError } from '../errors.js';
import { resourceKey, type FunctionModel, type GatewayModel } from '../model/index.js';
import type { DescribeIntegrationContext } from '../report/describe-integration.js';
import { formatReloadSummary } from '../report/format-reload-summary.js';
import { formatStartUpReport } from '../report/format-start-up-report.js';
import { verbosity, type Quiet } from '../report/verbosity.js';
import { findHttpApi, toFetchRequest } from './gateway-request.js';
import { answerInProcess } from './in-process-request.js';
import type { Gateway, GatewayApiInfo } from './gateway.js';
import { apiListeners, type ApiServing } from './listen-api.js';
import { ReloadEngine } from './reload-engine.js';
import { startUpWarnings } from './start-up-warnings.js';
import { customDomainRoutes, describeCustomDomains } from './custom-domain-routes.js';
import { escapeLogText } from '../report/escape-log-text.js';
import { listenCustomDomains, type CustomDomainListener } from '../server/listen-custom-domains.js';

/** Everything `serveGateway` needs, already built: the model, how to answer a request, and where to log. */
export interface ServeGatewayOptions extends ApiServing {
  readonly model: GatewayModel;
  /** `--backend` URLs by the keys the HTTP core accepts (logical id, integration id, listener ARN …). */
  readonly backends: ReadonlyMap<string, string>;
  /** `--service-endpoint` URLs by service. */
  readonly serviceEndpoints?: ReadonlyMap<string, string>;
  /** What prints besides problems (see `verbosity`). */
  readonly quiet: Quiet;
  /** Whether `AWS_IAM` routes have local credentials to accept (else a start-up warning says they refuse every call). */
  readonly iamCredentialsSet: boolean;
  readonly resolveFunction: (arn: string) => FunctionModel | undefined;
  /** Why a function cannot run locally, or undefined when it can. */
  readonly cannotRun: (fn: FunctionModel) => string | undefined;
  /** Runs after every listener closed (invoker, temp dirs). */
  readonly release: () => Promise<void>;
  /**
   * Called with each model (the first, then each `reload`) once its APIs listen and before any request or
   * handshake is answered with it (they wait for it): the caller switches its function lookup to the model
   * here, and the function environments learn the local URLs. Returns the names of the functions whose
   * environments it replaced, for the reload summary.
   */
  readonly onModel?: (model: GatewayModel, apis: readonly GatewayApiInfo[]) => readonly string[] | void;
  /**
   * The custom domain port (`--domain-port`): every request is routed by its `Host` header and API mapping
   * key. Undefined: custom domains are not served.
   */
  readonly domainPort?: number;
  /** Called with the custom domain port once it listens, before any API does (function environments learn it). */
  readonly onDomainPort?: (port: number) => void | Promise<void>;
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

/**
 * Listens for every API of the model, each on its own port (the reload engine with real listeners), prints
 * the start-up report and returns the running gateway. Requests wait until every API listens.
 */
export async function serveGateway(options: ServeGatewayOptions): Promise<ServedGateway> {
  const { log } = options;
  const shown = verbosity(options.quiet);
  const context: DescribeIntegrationContext = {
    resolveFunction: options.resolveFunction,
    backends: options.backends,
    ...(options.serviceEndpoints && { serviceEndpoints: options.serviceEndpoints }),
  };
  const engine = new ReloadEngine({
    listen: apiListeners({ ...options, shown, context }),
    ...(options.onModel !== undefined && { onModel: options.onModel }),
    warningsOf: (model) => startUpWarnings(model, options),
  });
  let currentModel = options.model;
  let domainListener: CustomDomainListener | undefined;
  try {
    // Listening before the APIs do: function environments are made with the port it got.
    if (options.domainPort !== undefined) {
      domainListener = await listenCustomDomains({
        host: options.host,
        port: options.domainPort,
        tls: await options.webSocket.certificate(),
        maxBodyBytes: options.maxBodyBytes,
        firstByteTimeoutMs: options.webSocket.limits.requestTimeoutMs,
        route: customDomainRoutes(() => currentModel, (api) => engine.listener(resourceKey(api.ref))),
        onRefused: ({ method, host, path, status, error }) => log(`[custom domain] ${method} ${escapeLogText(host)}${escapeLogText(path)} ${status} ${error}`),
      });
      await options.onDomainPort?.(domainListener.port);
    }
    const report = await engine.start(options.model);
    if (shown.startUp) {
      for (const line of formatStartUpReport(report, context)) log(line);
      if (domainListener) for (const line of describeCustomDomains(options.model, domainListener.port)) log(line);
    }
  } catch (error) {
    await domainListener?.close();
    await options.release();
    throw error;
  }
  const currentApis = (): GatewayApiInfo[] => engine.apis().map((api) => api.info);
  let closing: Promise<void> | undefined;
  return {
    get apis() {
      return currentApis();
    },
    ...(domainListener && { domainPort: domainListener.port }),
    async request(name, input, init) {
      const info = findHttpApi(currentApis(), name);
      const listener = engine.listener(resourceKey(info));
      if (listener?.protocol !== 'HTTP') throw new GatewayError('UNKNOWN_API', `${name} is not an HTTP API`);
      return answerInProcess(options.maxBodyBytes, listener.exchange, toFetchRequest(info, input, init));
    },
    async reload(model, reloadOptions = {}) {
      const change = await engine.reload(model);
      if (change !== undefined) currentModel = model;
      if (change === undefined || !shown.startUp) return;
      const durationMs = reloadOptions.startedAtMs === undefined ? undefined : performance.now() - reloadOptions.startedAtMs;
      for (const line of formatReloadSummary({ ...change, ...(durationMs !== undefined && { durationMs }) }, context)) log(line);
    },
    close() {
      closing ??= Promise.all([engine.close(), domainListener?.close()]).then(() => options.release());
      return closing;
    },
  };
}
