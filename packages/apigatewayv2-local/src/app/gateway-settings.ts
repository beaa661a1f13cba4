import { IssuerKeyStore, type JwksSource, jwksSource } from '../authorizers/issuer-keys.js';
import { credentialsFromEnvironment, indexCredentials, type LocalCredential } from '../authorizers/local-credentials.js';
import { GatewayError } from '../errors.js';
import { verbosity, type Quiet, type Verbosity } from '../report/verbosity.js';
import { isValidAppOption } from '../source/model-source.js';
import { DEFAULT_WEBSOCKET_LIMITS, type WebSocketLimits } from '../websocket/limits.js';
import type { LogSink, StartGatewayOptions } from './gateway.js';
import type { Overrides } from './unmatched-overrides.js';
import { checkOverrides, readEnvFile, type OverrideSource } from './environment-overrides.js';
import { DEFAULT_INSPECTOR_PORT, type InspectSettings } from './function-debuggers.js';
import { accessLogSink, type AccessLogSink } from './access-log-sink.js';
import { AWS_SERVICE_NAMES, type AwsServiceName } from '../http/aws-service-actions.js';

const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_PORT = 3000;

/** The options of `startGateway`, checked and with their defaults. */
export interface Settings {
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
  readonly ignorePermissions: boolean;
  /** Environment overrides in the order they apply (the env file, then `env`). */
  readonly environmentOverrides: readonly OverrideSource[];
  /** Undefined: no debugger. */
  readonly inspect?: InspectSettings;
  /** The custom domain port, when custom domains are served. */
  readonly domainPort?: number;
  /** `--service-endpoint` URLs by service. */
  readonly serviceEndpoints: ReadonlyMap<AwsServiceName, string>;
  /** Writes each response's access log line (`accessLog`). */
  readonly accessLog: AccessLogSink;
}

/** Checks `options` (throwing `GatewayError(INVALID_OPTION)` naming the option) and fills in the defaults. */
export function validateOptions(options: StartGatewayOptions): Settings {
  validateSource(options);
  const port = options.port ?? DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new GatewayError('INVALID_OPTION', `port must be an integer from 0 to 65535, got ${port}`);
  }
  if (options.domainPort !== undefined && (!Number.isInteger(options.domainPort) || options.domainPort < 0 || options.domainPort > 65535)) {
    throw new GatewayError('INVALID_OPTION', `domainPort must be an integer from 0 to 65535, got ${options.domainPort}`);
  }
  const backends = new Map(Object.entries(options.backends ?? {}));
  for (const [logicalId, url] of backends) {
    if (!/^https?:\/\//.test(url) || !URL.canParse(url)) {
      throw new GatewayError('INVALID_OPTION', `backend for '${logicalId}' must be an http:// or https:// URL, got '${url}'`);
    }
  }
  const quiet = options.quiet ?? false;
  if (quiet !== true && quiet !== false && quiet !== 'requests') {
    throw new GatewayError('INVALID_OPTION', `quiet must be true, false or 'requests', got ${String(quiet)}`);
  }
  const jwks = new Map<string, JwksSource>(
    Object.entries(options.jwks ?? {}).map(([issuer, keys]) => [issuer, typeof keys === 'string' ? jwksSource(keys) : { kind: 'keys', jwks: keys }]),
  );
  const webSocketLimits = { ...DEFAULT_WEBSOCKET_LIMITS, ...options.webSocketLimits };
  for (const [name, value] of Object.entries(webSocketLimits)) {
    if (!Number.isInteger(value) || value <= 0) {
      throw new GatewayError('INVALID_OPTION', `webSocketLimits.${name} must be a positive integer, got ${String(value)}`);
    }
  }
  const inspect = inspectSettings(options.inspect);
  const serviceEndpoints = serviceEndpointsOf(options.serviceEndpoints ?? {});
  const log = options.log ?? ((line: string) => console.log(line));
  return {
    ...(inspect !== undefined && { inspect }),
    webSocketLimits,
    issuerKeys: new IssuerKeyStore(jwks),
    iamCredentials: indexCredentials(options.iamCredentials ?? credentialsFromEnvironment(process.env)),
    host: options.host ?? DEFAULT_HOST,
    port,
    backends,
    overrides: { backends, parameters: options.parameters ?? {}, serviceEndpoints },
    serviceEndpoints,
    quiet,
    shown: verbosity(quiet),
    log,
    accessLog: accessLogSink({ ...(options.accessLog !== undefined && { file: options.accessLog }), log, terminal: verbosity(quiet).requests === 'all' }),
    watch: options.watch ?? false,
    ignorePermissions: options.ignorePermissions ?? false,
    environmentOverrides: [
      ...(options.envFile !== undefined ? [{ label: `env file ${options.envFile}`, overrides: readEnvFile(options.envFile) }] : []),
      ...(options.env !== undefined ? [{ label: '--env', overrides: checkOverrides(options.env, 'env') }] : []),
    ],
    ...(options.domainPort !== undefined && { domainPort: options.domainPort }),
  };
}

/** `serviceEndpoints` keys are service names (`sqs`, `eventbridge`, `stepfunctions`), values http(s) URLs. */
function serviceEndpointsOf(endpoints: Readonly<Record<string, string>>): ReadonlyMap<AwsServiceName, string> {
  const checked = new Map<AwsServiceName, string>();
  for (const [service, url] of Object.entries(endpoints)) {
    if (!(AWS_SERVICE_NAMES as readonly string[]).includes(service)) {
      throw new GatewayError('INVALID_OPTION', `service endpoint '${service}' names no service; the services are ${AWS_SERVICE_NAMES.join(', ')}`);
    }
    if (!/^https?:\/\//.test(url) || !URL.canParse(url)) {
      throw new GatewayError('INVALID_OPTION', `service endpoint for '${service}' must be an http:// or https:// URL, got '${url}'`);
    }
    checked.set(service as AwsServiceName, url);
  }
  return checked;
}

/** At most one source, and the options that go with an app command only with one. */
function validateSource(options: StartGatewayOptions): void {
  const sources = (['assembly', 'template', 'app', 'stack'] as const).filter((key) => options[key] !== undefined);
  if (sources.length > 1) {
    throw new GatewayError('INVALID_OPTION', `give at most one of the options assembly, template, app and stack; got ${sources.join(' and ')}`);
  }
  for (const name of ['appDirectory', 'context'] as const) {
    if (options[name] !== undefined && typeof options.app !== 'string') {
      throw new GatewayError('INVALID_OPTION', `${name} applies to an app command (app: "<command>") only`);
    }
  }
  if (!isValidAppOption(options.app)) {
    throw new GatewayError('INVALID_OPTION', 'app must be a CDK app command (string) or a CDK App (with synth() and outdir)');
  }
}

/** The `inspect` option, checked: undefined when off. */
function inspectSettings(inspect: StartGatewayOptions['inspect']): InspectSettings | undefined {
  if (inspect === undefined || inspect === false) return undefined;
  const { port = DEFAULT_INSPECTOR_PORT, waitForDebugger = false } = inspect === true ? {} : typeof inspect === 'number' ? { port: inspect } : inspect;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new GatewayError('INVALID_OPTION', `inspect port must be an integer from 0 to 65535, got ${String(port)}`);
  }
  // Loopback only, whatever `host` is: an inspector runs any code it is sent.
  return { port, waitForClient: waitForDebugger, host: '127.0.0.1' };
}
