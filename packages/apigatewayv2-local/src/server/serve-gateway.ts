import { ErrorCode, GatewayError } from '../errors.js';
import { findBackend } from '../http/upstream-target.js';
import type { ApiModel, FunctionModel, GatewayModel } from '../model/index.js';
import type { Gateway, GatewayApiInfo, LogSink } from './gateway.js';
import type { GatewayHttpResponse, IncomingHttpRequest } from '../http/index.js';
import { describeRoutes, type DescribeIntegrationContext } from './describe-integration.js';
import { formatRequestLog } from './format-request-log.js';
import { formatStartUpReport, type ServedApi, type StartUpWarning } from './format-start-up-report.js';
import { listenHttp, type HttpListener } from './listen-http.js';
import type { PortAssignments } from './port-assignments.js';

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
}

/**
 * Listens for every HTTP API of the model, each on its own port, prints the start-up report and
 * returns the running gateway. Ports are kept by API identity (`PortAssignments`), among *all* APIs.
 */
export async function serveGateway(options: ServeGatewayOptions): Promise<Gateway> {
  const { model, log } = options;
  const context: DescribeIntegrationContext = { resolveFunction: options.resolveFunction, backends: options.backends };
  const listeners: HttpListener[] = [];
  const served: ServedApi[] = [];
  try {
    for (const api of model.apis) {
      const port = options.ports.portFor(api.ref);
      if (api.protocol !== 'HTTP') {
        served.push({ model: api, info: apiInfo(api, undefined) });
        continue;
      }
      const label = `[${api.ref.logicalId}]`;
      const routeDescriptions = describeRoutes(api, context);
      const listener = await listenHttp({
        host: options.host,
        port,
        maxBodyBytes: options.maxBodyBytes,
        handle: (request) => options.handle(api, request),
        tooLarge: options.tooLarge,
        failed: (request, error) => {
          log(`${label} internal error while answering ${request.method} ${request.path}: ${describeError(error)}`);
          return options.failed(request, error);
        },
        onExchange: options.quiet
          ? undefined
          : (record) => log(formatRequestLog(label, record, (routeKey) => routeDescriptions.get(routeKey))),
      }).catch((error: unknown) => {
        if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
        throw new GatewayError(
          ErrorCode.PORT_IN_USE,
          `port ${port} (${api.ref.stackName}/${api.ref.logicalId}) is already in use on ${options.host}; ` +
            'choose another first port with --port, or --port 0 for free ports',
        );
      });
      listeners.push(listener);
      served.push({ model: api, info: apiInfo(api, baseUrl(options.host, listener.port)) });
    }
  } catch (error) {
    await Promise.allSettled(listeners.map((l) => l.close(0)));
    await options.release();
    throw error;
  }

  for (const line of formatStartUpReport(
    { apis: served, diagnostics: model.diagnostics, warnings: startUpWarnings(options) },
    context,
  )) {
    log(line);
  }

  let closing: Promise<void> | undefined;
  return {
    apis: served.map((api) => api.info),
    close() {
      closing ??= (async () => {
        await Promise.allSettled(listeners.map((l) => l.close()));
        await options.release();
      })();
      return closing;
    },
  };
}

function apiInfo(api: ApiModel, url: string | undefined): GatewayApiInfo {
  return {
    stackName: api.ref.stackName,
    logicalId: api.ref.logicalId,
    name: api.name,
    protocol: api.protocol,
    url,
    stages:
      url === undefined
        ? []
        : api.stages.map((stage) => ({ name: stage.name, url: stage.name === '$default' ? url : `${url}/${stage.name}` })),
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
    warnings.push(...authorizationWarnings(api), ...notEmulatedWarnings(api));
    if (api.protocol === 'WEBSOCKET') {
      warnings.push({ ...api.ref, message: 'WebSocket API: not served yet' });
    }
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

/**
 * Authorizers are not enforced yet (local-http serves such routes without authorization): say so once per
 * authorizer, and once per route that asks for IAM authorization, so nobody mistakes a 200 for a pass.
 */
function authorizationWarnings(api: ApiModel): StartUpWarning[] {
  const warnings: StartUpWarning[] = [];
  for (const authorizer of api.authorizers.values()) {
    const routes = api.routes.filter((route) => route.authorizerId === authorizer.authorizerId).map((route) => route.routeKey);
    if (routes.length === 0) continue;
    warnings.push({
      ...authorizer.ref,
      message: `${authorizer.kind === 'jwt' ? 'JWT' : 'Lambda'} authorizer ${authorizer.name} is not enforced locally yet; served without authorization: ${routes.join(', ')}`,
    });
  }
  for (const route of api.routes) {
    if (route.authorizationType === 'AWS_IAM') {
      warnings.push({ ...route.ref, message: `IAM authorization of ${route.routeKey} is not enforced locally yet; served without authorization` });
    }
  }
  return warnings;
}

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
