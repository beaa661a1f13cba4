import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createManagementSignatureCheck } from '../authorizers/management-signature.js';
import { createRouteAuthorizer } from '../authorizers/route-authorizer.js';
import { GatewayError } from '../errors.js';
import type { GatewayServices } from '../gateway/gateway-services.js';
import { createAwsServiceCaller } from '../aws-services/call-aws-service.js';
import { gatewayError, handleHttpRequest, MAX_PAYLOAD_BYTES } from '../http/index.js';
import type { GatewayHttpResponse, HttpHandlerDeps, ReceivedRequest } from '../http/index.js';
import { createLocalInvoker, type LocalInvoker } from '../lambda/create-local-invoker.js';
import { printFunctionLogLine, type FunctionLogLine } from '../lambda/function-log-line.js';
import { canRun } from '../lambda/runtime-registry.js';
import type { GatewayModel } from '../model/index.js';
import { writeHostsPreload } from '../server/hosts-preload.js';
import { createLocalCertificate, type LocalCertificate } from '../server/local-certificate.js';
import { newApigwRequestId, newConnectionId, newLambdaRequestId } from '../gateway/request-ids.js';
import { forwardUpstream } from '../server/upstream-client.js';
import { modelSource, type ModelSource } from '../source/model-source.js';
import { reloadOnChange } from '../source/watch-mode.js';
import { watchSources } from '../source/watch-sources.js';
import type { Gateway, StartGatewayOptions } from './gateway.js';
import { validateOptions, type Settings } from './gateway-settings.js';
import { LOCAL_FUNCTION_CREDENTIAL } from './local-function-environment.js';
import { LocalFunctions } from './local-functions.js';
import { PortAssignments } from './port-assignments.js';
import { serveGateway, type ServedGateway, type ServeGatewayOptions } from './serve-gateway.js';
import { unmatchedOverrides } from './unmatched-overrides.js';
import { preparedSource } from './prepare-model.js';
import { FunctionDebuggers } from './function-debuggers.js';

/**
 * Reads a cloud assembly, template or CDK app (a command, or an `App` / `Stack` synthesized in this process),
 * starts a local execution environment pool for its Lambda functions and serves each of its HTTP and WebSocket
 * APIs on its own port; with `watch`, serves every change of the source in place. Resolves once every API
 * listens and the start-up report is printed.
 *
 * ```ts
 * const gateway = await startGateway({ assembly: 'cdk.out', port: 0, quiet: true });
 * const response = await fetch(`${gateway.apis[0].url}/books`);
 * await gateway.close();
 * ```
 */
export async function startGateway(options: StartGatewayOptions = {}): Promise<Gateway> {
  const settings = validateOptions(options);
  const cleanUps: (() => Promise<void>)[] = [];
  const release = async (): Promise<void> => {
    for (const cleanUp of cleanUps.splice(0).reverse()) await cleanUp();
  };
  try {
    const debuggers = settings.inspect === undefined ? undefined : new FunctionDebuggers(settings.inspect);
    const source = preparedSource(modelSource(options, cleanUps), settings, debuggers);
    if (settings.watch && source.watchPlan === undefined) {
      throw new GatewayError(
        'INVALID_OPTION',
        'watch needs a source it can read again (an app command, an assembly directory or a template file); an App or Stack object is synthesized once',
      );
    }
    const model = await source.read();
    const unmatched = unmatchedOverrides(model, settings.overrides);
    if (unmatched.length > 0) throw new GatewayError('INVALID_OPTION', unmatched.join('\n'));
    const invoker = createLocalInvoker({
      environment: { accountId: model.environment.accountId, region: model.environment.region },
      onLog: functionLogSink(settings, options.log !== undefined),
      onNotice: settings.log,
    });
    cleanUps.push(() => invoker.close());
    const functions = new LocalFunctions(model, (arns) => {
      invoker.retire(arns).catch((error: unknown) => settings.log(`apigw-local: stopping replaced function environments failed: ${String(error)}`));
    });
    const gateway = await serveGateway(serveOptions({ model, settings, invoker, functions, release, cleanUps }));
    if (settings.watch && source.watchPlan !== undefined) await watch(source, { settings, functions, gateway, cleanUps });
    return gateway;
  } catch (error) {
    await release();
    throw error;
  }
}

/** Where function output goes: the `log` option when given (else the process's streams); stdout not under `quiet: true`. */
function functionLogSink(settings: Settings, toLog: boolean): (line: FunctionLogLine) => void {
  return (line) => {
    if (line.stream === 'stdout' && !settings.shown.functionStdout) return;
    if (toLog) settings.log(`[${line.functionName}] ${line.line}`);
    else printFunctionLogLine(line);
  };
}

interface Composition {
  readonly model: GatewayModel;
  readonly settings: Settings;
  readonly invoker: LocalInvoker;
  readonly functions: LocalFunctions;
  readonly release: () => Promise<void>;
  readonly cleanUps: (() => Promise<void>)[];
}

/** The gateway's parts: services, the route authorizer, the HTTP core and the WebSocket side, bound together. */
function serveOptions({ model, settings, invoker, functions, release, cleanUps }: Composition): ServeGatewayOptions {
  const services: Omit<GatewayServices, 'authorizeRoute'> = {
    invoker,
    resolveFunction: functions.resolve,
    now: Date.now,
    newRequestId: newApigwRequestId,
    newLambdaRequestId,
    environment: model.environment,
  };
  let certificate: Promise<LocalCertificate> | undefined;
  const authorizeRoute = createRouteAuthorizer({ services, issuerKeys: settings.issuerKeys, credentials: settings.iamCredentials });
  const awsServices = createAwsServiceCaller({ endpoints: settings.serviceEndpoints, region: model.environment.region });
  cleanUps.push(() => Promise.resolve(awsServices.destroy()));
  const deps: HttpHandlerDeps = {
    ...services,
    forward: forwardUpstream,
    backends: settings.backends,
    authorizeRoute,
    callAwsService: awsServices.call,
    serviceEndpoints: settings.serviceEndpoints,
  };
  return {
    model,
    host: settings.host,
    ports: new PortAssignments(settings.port),
    maxBodyBytes: MAX_PAYLOAD_BYTES,
    backends: settings.backends,
    serviceEndpoints: settings.serviceEndpoints,
    quiet: settings.quiet,
    iamCredentialsSet: settings.iamCredentials.size > 0,
    log: settings.log,
    handle: async (api, request) => {
      const response = await handleHttpRequest(api, request, deps);
      settings.accessLog(response);
      return response;
    },
    failed: (request, error) => gatewayReply(500, request, `gateway failure: ${String(error)}`),
    resolveFunction: functions.resolve,
    cannotRun: (fn) => {
      const verdict = canRun(fn);
      return verdict.ok ? undefined : verdict.reason;
    },
    release,
    webSocket: {
      deps: {
        ...services,
        authorizeRoute,
        newConnectionId,
        forward: forwardUpstream,
        backends: settings.backends,
        checkManagementSignature: createManagementSignatureCheck(
          new Map([...settings.iamCredentials, [LOCAL_FUNCTION_CREDENTIAL.accessKeyId, LOCAL_FUNCTION_CREDENTIAL]]),
          model.environment.region,
          Date.now,
        ),
      },
      limits: settings.webSocketLimits,
      // One certificate for the WebSocket ports and the custom domain port, made once, naming the domains too.
      certificate: () =>
        (certificate ??= (async () => {
          const directory = await mkdtemp(path.join(tmpdir(), 'apigw-local-tls-'));
          cleanUps.push(() => rm(directory, { recursive: true, force: true }));
          functions.certificate = await createLocalCertificate(directory, (model.domains ?? []).map((domain) => domain.domainName));
          return functions.certificate;
        })()),
    },
    onModel: (next, apis) => functions.switchTo(next, apis),
    ...(settings.domainPort !== undefined && {
      domainPort: settings.domainPort,
      onDomainPort: async (port: number) => {
        const tls = await certificate;
        if (tls) functions.customDomains = { port, preload: await writeHostsPreload(path.dirname(tls.certFile)) };
      },
    }),
  };
}

/** Watch mode: the source's files and the functions' code directories, each change served by a reload. */
async function watch(
  source: ModelSource,
  { settings, functions, gateway, cleanUps }: Pick<Composition, 'settings' | 'functions' | 'cleanUps'> & { readonly gateway: ServedGateway },
): Promise<void> {
  if (source.watchPlan === undefined) return;
  const watcher = await watchSources(
    source.watchPlan,
    reloadOnChange({
      source,
      log: settings.log,
      verbose: settings.shown.startUp,
      beforeReload: (paths) => functions.noteChangedPaths(paths),
      // A key that stops matching after an edit: said, not fatal (the edit may be half done).
      warningsFor: (next) => unmatchedOverrides(next, settings.overrides),
      gateway,
    }),
  );
  // Closed first: cleanUps run in reverse.
  cleanUps.push(() => watcher.close());
  functions.onCodeDirectories = (directories) => watcher.watchCodeDirectories(directories);
  watcher.watchCodeDirectories(functions.codeDirectories());
  if (settings.shown.startUp) settings.log(`apigw-local: watching ${source.watchPlan.root} for changes`);
}

/** An answer the server gives before the HTTP core sees the request (body too large, core failure). */
function gatewayReply(status: 500, request: ReceivedRequest, error: string): GatewayHttpResponse {
  const requestId = newApigwRequestId();
  return {
    ...gatewayError(status, requestId),
    log: { requestId, method: request.method, path: request.path, status, durationMs: Date.now() - request.receivedAtMs, error },
  };
}
