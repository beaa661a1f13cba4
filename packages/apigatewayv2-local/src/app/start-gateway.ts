import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ErrorCode, GatewayError } from '../errors.js';
import { credentialsFromEnvironment, indexCredentials, type LocalCredential } from '../authorizers/local-credentials.js';
import { IssuerKeyStore, type JwksSource, jwksSource } from '../authorizers/issuer-keys.js';
import { createManagementSignatureCheck } from '../authorizers/management-signature.js';
import { createRouteAuthorizer } from '../authorizers/route-authorizer.js';
import type { GatewayServices } from '../gateway/gateway-services.js';
import { DEFAULT_WEBSOCKET_LIMITS, type WebSocketLimits } from '../websocket/limits.js';
import { createLocalCertificate, type LocalCertificate } from '../server/local-certificate.js';
import { LOCAL_FUNCTION_CREDENTIAL, localFunctionEnvironment } from './local-function-environment.js';
import { gatewayError, handleHttpRequest, MAX_PAYLOAD_BYTES } from '../http/index.js';
import type { GatewayHttpResponse, HttpHandlerDeps, IncomingHttpRequest } from '../http/index.js';
import { canRun } from '../lambda/runtime-registry.js';
import { createLocalInvoker } from '../lambda/create-local-invoker.js';
import type { FunctionModel } from '../model/index.js';
import { findFunction } from '../template/index.js';
import type { Gateway, LogSink, StartGatewayOptions } from './gateway.js';
import { isValidAppOption, modelSource } from '../source/model-source.js';
import { newApigwRequestId, newConnectionId, newLambdaRequestId } from '../server/request-ids.js';
import { PortAssignments } from './port-assignments.js';
import { serveGateway } from './serve-gateway.js';
import { watchSources, type SourceWatcher } from '../source/watch-sources.js';
import { changedFunctions, codeDirectoriesTouched, codeDirectoriesOf, reloadOnChange } from '../source/watch-mode.js';
import { forwardUpstream } from '../server/upstream-client.js';
import { printFunctionLogLine } from '../lambda/function-log-line.js';
import { unmatchedOverrides, type Overrides } from './unmatched-overrides.js';
import { verbosity, type Quiet, type Verbosity } from '../report/verbosity.js';

const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_PORT = 3000;

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
  const { log } = settings;
  const cleanUps: (() => Promise<void>)[] = [];
  const release = async (): Promise<void> => {
    for (const cleanUp of cleanUps.splice(0).reverse()) await cleanUp();
  };
  try {
    const source = modelSource(options, cleanUps);
    if (settings.watch && source.watchPlan === undefined) {
      throw new GatewayError(
        ErrorCode.INVALID_OPTION,
        'watch needs a source it can read again (an app command, an assembly directory or a template file); an App or Stack object is synthesized once',
      );
    }
    let model = await source.read();
    const unmatched = unmatchedOverrides(model, settings.overrides);
    if (unmatched.length > 0) throw new GatewayError(ErrorCode.INVALID_OPTION, unmatched.join('\n'));
    const invoker = createLocalInvoker({
      environment: { accountId: model.environment.accountId, region: model.environment.region },
      onLog: (line) => {
        if (line.stream === 'stdout' && !settings.shown.functionStdout) return;
        if (options.log === undefined) printFunctionLogLine(line);
        else log(`[${line.functionName}] ${line.line}`);
      },
    });
    cleanUps.push(() => invoker.close());
    // Functions run with their local environment (local URLs, credentials, the local certificate), made for
    // each model once its APIs listen and before any request is answered with it.
    let local = new Map<FunctionModel, FunctionModel>();
    const resolveFunction = (arn: string): FunctionModel | undefined => {
      const fn = findFunction(model, arn);
      return fn && (local.get(fn) ?? fn);
    };
    /** Code directories with changes since the model was last read (watch mode): their functions restart. */
    let changedCode = new Set<string>();
    let watcher: SourceWatcher | undefined;
    let certificate: LocalCertificate | undefined;
    const services: Omit<GatewayServices, 'authorizeRoute'> = {
      invoker,
      resolveFunction,
      now: Date.now,
      newRequestId: newApigwRequestId,
      newLambdaRequestId,
      environment: model.environment,
    };
    const authorizeRoute = createRouteAuthorizer({ services, issuerKeys: settings.issuerKeys, credentials: settings.iamCredentials });
    const deps: HttpHandlerDeps = { ...services, forward: forwardUpstream, backends: settings.backends, authorizeRoute };
    const gateway = await serveGateway({
      model,
      host: settings.host,
      ports: new PortAssignments(settings.port),
      maxBodyBytes: MAX_PAYLOAD_BYTES,
      backends: settings.backends,
      quiet: settings.quiet,
      iamCredentialsSet: settings.iamCredentials.size > 0,
      log,
      handle: (api, request) => handleHttpRequest(api, request, deps),
      tooLarge: (request) => gatewayReply(413, request, `request body exceeds ${MAX_PAYLOAD_BYTES} bytes`),
      failed: (request, error) => gatewayReply(500, request, `gateway failure: ${String(error)}`),
      resolveFunction,
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
          checkManagementSignature: createManagementSignatureCheck(
            new Map([...settings.iamCredentials, [LOCAL_FUNCTION_CREDENTIAL.accessKeyId, LOCAL_FUNCTION_CREDENTIAL]]),
            model.environment.region,
            Date.now,
          ),
        },
        limits: settings.webSocketLimits,
        certificate: async () => {
          const directory = await mkdtemp(path.join(tmpdir(), 'apigw-local-tls-'));
          cleanUps.push(() => rm(directory, { recursive: true, force: true }));
          certificate = await createLocalCertificate(directory);
          return certificate;
        },
      },
      onModel: (next, apis) => {
        const endpoints = apis.flatMap((info) => {
          const api = next.apis.find((a) => a.ref.stackName === info.stackName && a.ref.logicalId === info.logicalId);
          return api?.protocol === 'WEBSOCKET' ? [{ apiId: api.apiId, localHost: new URL(info.url).host }] : [];
        });
        const nextLocal = new Map(
          next.functions.map((fn) => [fn, localFunctionEnvironment(fn, { environment: next.environment, endpoints, ...(certificate && { certificate }) })]),
        );
        const stale = changedFunctions([...local.values()], [...nextLocal.values()], changedCode);
        model = next;
        local = nextLocal;
        changedCode = new Set();
        watcher?.watchCodeDirectories(codeDirectoriesOf(next));
        if (stale.arns.length > 0) {
          invoker.retire(stale.arns).catch((error: unknown) => log(`apigw-local: stopping replaced function environments failed: ${String(error)}`));
        }
        return stale.changedNames;
      },
    });
    if (settings.watch && source.watchPlan !== undefined) {
      const noteChangedCode = (paths: readonly string[]): void => {
        // Added to, not replaced: a failed reload leaves its code changes for the next one.
        changedCode = new Set([...changedCode, ...codeDirectoriesTouched(model, paths)]);
      };
      const started = await watchSources(
        source.watchPlan,
        reloadOnChange({
          source,
          log,
          verbose: settings.shown.startUp,
          beforeReload: noteChangedCode,
          // A key that stops matching after an edit: said, not fatal (the edit may be half done).
          warningsFor: (next) => unmatchedOverrides(next, settings.overrides),
          gateway,
        }),
      );
      // Closed first: cleanUps run in reverse.
      cleanUps.push(() => started.close());
      watcher = started;
      watcher.watchCodeDirectories(codeDirectoriesOf(model));
      if (settings.shown.startUp) log(`apigw-local: watching ${source.watchPlan.root} for changes`);
    }
    return gateway;
  } catch (error) {
    await release();
    throw error;
  }
}

interface Settings {
  readonly webSocketLimits: WebSocketLimits;
  readonly issuerKeys: IssuerKeyStore;
  readonly iamCredentials: ReadonlyMap<string, LocalCredential>;
  readonly host: string;
  readonly port: number;
  readonly backends: ReadonlyMap<string, string>;
  readonly overrides: Overrides;
  readonly quiet: Quiet;
  readonly shown: Verbosity;
  readonly log: LogSink;
  readonly watch: boolean;
}

function validateOptions(options: StartGatewayOptions): Settings {
  const sources = (['assembly', 'template', 'app', 'stack'] as const).filter((key) => options[key] !== undefined);
  if (sources.length > 1) {
    throw new GatewayError(ErrorCode.INVALID_OPTION, `give at most one of the options assembly, template, app and stack; got ${sources.join(' and ')}`);
  }
  for (const name of ['appDirectory', 'context'] as const) {
    if (options[name] !== undefined && typeof options.app !== 'string') {
      throw new GatewayError(ErrorCode.INVALID_OPTION, `${name} applies to an app command (app: "<command>") only`);
    }
  }
  if (!isValidAppOption(options.app)) {
    throw new GatewayError(ErrorCode.INVALID_OPTION, 'app must be a CDK app command (string) or a CDK App (with synth() and outdir)');
  }
  const port = options.port ?? DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new GatewayError(ErrorCode.INVALID_OPTION, `port must be an integer from 0 to 65535, got ${port}`);
  }
  const backends = new Map(Object.entries(options.backends ?? {}));
  for (const [logicalId, url] of backends) {
    if (!/^https?:\/\//.test(url) || !URL.canParse(url)) {
      throw new GatewayError(ErrorCode.INVALID_OPTION, `backend for '${logicalId}' must be an http:// or https:// URL, got '${url}'`);
    }
  }
  const quiet = options.quiet ?? false;
  if (quiet !== true && quiet !== false && quiet !== 'requests') {
    throw new GatewayError(ErrorCode.INVALID_OPTION, `quiet must be true, false or 'requests', got ${String(quiet)}`);
  }
  const jwks = new Map<string, JwksSource>(
    Object.entries(options.jwks ?? {}).map(([issuer, keys]) => [issuer, typeof keys === 'string' ? jwksSource(keys) : { kind: 'keys', jwks: keys }]),
  );
  const webSocketLimits = { ...DEFAULT_WEBSOCKET_LIMITS, ...options.webSocketLimits };
  for (const [name, value] of Object.entries(webSocketLimits)) {
    if (!Number.isInteger(value) || value <= 0) {
      throw new GatewayError(ErrorCode.INVALID_OPTION, `webSocketLimits.${name} must be a positive integer, got ${String(value)}`);
    }
  }
  return {
    webSocketLimits,
    issuerKeys: new IssuerKeyStore(jwks),
    iamCredentials: indexCredentials(options.iamCredentials ?? credentialsFromEnvironment(process.env)),
    host: options.host ?? DEFAULT_HOST,
    port,
    backends,
    overrides: { backends, parameters: options.parameters ?? {} },
    quiet,
    shown: verbosity(quiet),
    log: options.log ?? ((line) => console.log(line)),
    watch: options.watch ?? false,
  };
}

/** An answer the server gives before the HTTP core sees the request (body too large, core failure). */
function gatewayReply(status: 413 | 500, request: IncomingHttpRequest, error: string): GatewayHttpResponse {
  const requestId = newApigwRequestId();
  return {
    ...gatewayError(status, requestId),
    log: { requestId, method: request.method, path: request.path, status, durationMs: Date.now() - request.receivedAtMs, error },
  };
}
