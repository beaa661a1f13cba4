import { existsSync } from 'node:fs';
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
import { createLocalCertificate, type LocalCertificate } from './local-certificate.js';
import { LOCAL_FUNCTION_CREDENTIAL, localFunctionEnvironment } from './local-function-environment.js';
import { gatewayError, handleHttpRequest, MAX_PAYLOAD_BYTES } from '../http/index.js';
import type { GatewayHttpResponse, HttpHandlerDeps, IncomingHttpRequest } from '../http/index.js';
import { canRun } from '../lambda/runtime-registry.js';
import { createLocalInvoker } from '../lambda/create-local-invoker.js';
import type { FunctionModel, GatewayModel } from '../model/index.js';
import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION, findFunction, readGatewayModel } from '../template/index.js';
import { synthApp } from '../template/synth-app.js';
import type { Gateway, LogSink, StartGatewayOptions } from './gateway.js';
import { isSynthesizableApp, synthInProcess } from './synth-in-process.js';
import { newApigwRequestId, newConnectionId, newLambdaRequestId } from './request-ids.js';
import { PortAssignments } from './port-assignments.js';
import { serveGateway } from './serve-gateway.js';
import { forwardUpstream } from './upstream-client.js';

const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_PORT = 3000;
/** Where `cdk synth` writes by default; used when no source is given. */
const DEFAULT_ASSEMBLY = 'cdk.out';

/**
 * Reads a cloud assembly, template or CDK app (a command, or an `App` / `Stack` synthesized in this process), starts a local execution environment pool for its
 * Lambda functions and serves each of its HTTP APIs on its own port. Resolves once every API listens
 * and the start-up report is printed.
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
    const model = await readModel(options, cleanUps);
    const invoker = createLocalInvoker({
      environment: { accountId: model.environment.accountId, region: model.environment.region },
      ...(options.log !== undefined && { onLog: (line) => log(`[${line.functionName}] ${line.line}`) }),
    });
    cleanUps.push(() => invoker.close());
    // Functions run with their local environment (local URLs, credentials, the local certificate), made once
    // every API listens and before any request is answered.
    const local = new Map<FunctionModel, FunctionModel>();
    const resolveFunction = (arn: string): FunctionModel | undefined => {
      const fn = findFunction(model, arn);
      return fn && (local.get(fn) ?? fn);
    };
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
    return await serveGateway({
      model,
      host: settings.host,
      ports: new PortAssignments(settings.port),
      maxBodyBytes: MAX_PAYLOAD_BYTES,
      backends: settings.backends,
      quiet: settings.quiet,
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
      onListening: (apis) => {
        const endpoints = apis.flatMap((info) => {
          const api = model.apis.find((a) => a.ref.stackName === info.stackName && a.ref.logicalId === info.logicalId);
          return api?.protocol === 'WEBSOCKET' ? [{ apiId: api.apiId, localHost: new URL(info.url).host }] : [];
        });
        for (const fn of model.functions) {
          local.set(fn, localFunctionEnvironment(fn, { environment: model.environment, endpoints, ...(certificate && { certificate }) }));
        }
      },
    });
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
  readonly quiet: boolean;
  readonly log: LogSink;
}

function validateOptions(options: StartGatewayOptions): Settings {
  const sources = (['assembly', 'template', 'app', 'stack'] as const).filter((key) => options[key] !== undefined);
  if (sources.length > 1) {
    throw new GatewayError(ErrorCode.INVALID_OPTION, `give one of assembly, template, app and stack, got ${sources.join(' and ')}`);
  }
  if (options.app !== undefined && typeof options.app !== 'string' && !isSynthesizableApp(options.app)) {
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
    quiet: options.quiet ?? false,
    log: options.log ?? ((line) => console.log(line)),
  };
}

async function readModel(options: StartGatewayOptions, cleanUps: (() => Promise<void>)[]): Promise<GatewayModel> {
  // Unset values fall back to the stacks' own account/region, then the reader's defaults.
  const environment = {
    ...(options.accountId !== undefined && { accountId: options.accountId }),
    ...(options.region !== undefined && { region: options.region }),
    ...(options.parameters !== undefined && { parameters: { ...options.parameters } }),
  };
  if (options.template !== undefined) return readGatewayModel({ template: options.template }, environment);
  const inProcess = options.stack !== undefined ? { stack: options.stack } : typeof options.app === 'object' ? { app: options.app } : undefined;
  if (inProcess !== undefined) {
    const assembly = synthInProcess(inProcess);
    if (assembly.temporary) cleanUps.push(() => rm(assembly.directory, { recursive: true, force: true }));
    return readGatewayModel({ assembly: assembly.directory }, environment);
  }
  if (typeof options.app === 'string') {
    // Synthesized here rather than by readGatewayModel so the temporary assembly can be removed on close.
    const directory = await synthApp(options.app, { accountId: options.accountId ?? DEFAULT_ACCOUNT_ID, region: options.region ?? DEFAULT_REGION });
    cleanUps.push(() => rm(directory, { recursive: true, force: true }));
    return readGatewayModel({ assembly: directory }, environment);
  }
  const assembly = options.assembly ?? DEFAULT_ASSEMBLY;
  const directory = typeof assembly === 'string' ? assembly : assembly.directory;
  if (options.assembly === undefined && !existsSync(directory)) {
    throw new GatewayError(
      ErrorCode.INVALID_OPTION,
      `nothing to serve: no ./${DEFAULT_ASSEMBLY} here; give an assembly directory, --template <file> or --app "<command>"`,
    );
  }
  return readGatewayModel({ assembly: directory }, environment);
}

/** An answer the server gives before the HTTP core sees the request (body too large, core failure). */
function gatewayReply(status: 413 | 500, request: IncomingHttpRequest, error: string): GatewayHttpResponse {
  const requestId = newApigwRequestId();
  return {
    ...gatewayError(status, requestId),
    log: { requestId, method: request.method, path: request.path, status, durationMs: Date.now() - request.receivedAtMs, error },
  };
}
