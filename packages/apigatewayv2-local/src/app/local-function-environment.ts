import type { FunctionModel, ModelEnvironment } from '../model/index.js';
import { LOCAL_HOSTS_VARIABLE } from '../server/hosts-preload.js';
import type { LocalCertificate } from '../server/local-certificate.js';

/**
 * The credential every local function environment gets, as Lambda gives each function its role's temporary
 * credentials: the AWS SDKs' default provider chain finds it, so clients built without explicit credentials
 * (the `@connections` client, for one) sign their calls with it, and the gateway's `@connections` API accepts
 * it. It is not valid on AWS.
 */
export const LOCAL_FUNCTION_CREDENTIAL = {
  accessKeyId: 'ASIAAPIGWLOCAL000000',
  secretAccessKey: 'apigw-local/not-a-secret/0000000000000000',
  sessionToken: 'apigw-local-session-token',
} as const;

/** The variables the SDKs' default credential chain reads. */
export const LOCAL_CREDENTIALS = {
  AWS_ACCESS_KEY_ID: LOCAL_FUNCTION_CREDENTIAL.accessKeyId,
  AWS_SECRET_ACCESS_KEY: LOCAL_FUNCTION_CREDENTIAL.secretAccessKey,
  AWS_SESSION_TOKEN: LOCAL_FUNCTION_CREDENTIAL.sessionToken,
};

/** A served WebSocket API whose AWS host names should lead to the local gateway. */
export interface LocalEndpoint {
  readonly apiId: string;
  /** `host:port` the API listens on, e.g. `127.0.0.1:3001`. */
  readonly localHost: string;
}

export interface LocalFunctionEnvironmentOptions {
  readonly environment: ModelEnvironment;
  readonly endpoints: readonly LocalEndpoint[];
  /** Present when a WebSocket API is served over TLS too. */
  readonly certificate?: LocalCertificate;
  /** Present when custom domains are served (`--domain-port`). */
  readonly customDomains?: LocalCustomDomains;
}

/** The custom domain port, as functions reach it. */
export interface LocalCustomDomains {
  /** The template's domain names (`*.example.com` included). */
  readonly names: readonly string[];
  readonly port: number;
  /** The module that resolves `names` to 127.0.0.1 in Node.js functions (`writeHostsPreload`). */
  readonly preload: string;
}

/**
 * A function as it runs locally: its variables with every WebSocket API's AWS endpoint
 * (`wss://{apiId}.execute-api.{region}.amazonaws.com`, its `https://` callback URL) pointing at the local
 * port (`ws://127.0.0.1:{port}`, `https://127.0.0.1:{port}`), local credentials, and the local
 * certificate trusted by Node.js (`NODE_EXTRA_CA_CERTS`) and Python's botocore/requests (`AWS_CA_BUNDLE`,
 * `REQUESTS_CA_BUNDLE`, a bundle of the usual roots plus the local certificate). Variables the template
 * sets itself are kept, except the endpoints rewritten.
 */
export function localFunctionEnvironment(fn: FunctionModel, options: LocalFunctionEnvironmentOptions): FunctionModel {
  const { region, urlSuffix } = options.environment;
  const rewrites = options.endpoints.flatMap(({ apiId, localHost }) => {
    const awsHost = `${apiId}.execute-api.${region}.${urlSuffix}`;
    return [
      [`wss://${awsHost}`, `ws://${localHost}`],
      [`https://${awsHost}`, `https://${localHost}`],
    ] as const;
  });
  const domains = options.customDomains;
  const variables: Record<string, string> = {};
  for (const [name, value] of Object.entries(fn.environment)) {
    const rewritten = rewrites.reduce((text, [from, to]) => text.replaceAll(from, to), value);
    variables[name] = domains ? onDomainPort(rewritten, domains) : rewritten;
  }
  if (domains && domains.names.length > 0) {
    // The custom domains resolve to 127.0.0.1 in Node.js functions, as a hosts-file line does for the user.
    variables[LOCAL_HOSTS_VARIABLE] = domains.names.join(',');
    variables.NODE_OPTIONS = [`--require=${domains.preload}`, fn.environment.NODE_OPTIONS].filter(Boolean).join(' ');
  }
  const trust = options.certificate && {
    NODE_EXTRA_CA_CERTS: options.certificate.certFile,
    AWS_CA_BUNDLE: options.certificate.bundleFile,
    REQUESTS_CA_BUNDLE: options.certificate.bundleFile,
  };
  return { ...fn, environment: { ...LOCAL_CREDENTIALS, ...trust, ...variables } };
}

/**
 * `https://api.example.com/v1` (a URL on a custom domain, e.g. a stage's callback URL on its domain) →
 * `https://api.example.com:{port}/v1`: the domain port instead of 443. A URL that names a port keeps it.
 */
function onDomainPort(value: string, domains: LocalCustomDomains): string {
  let text = value;
  for (const name of domains.names) {
    if (name.startsWith('*.')) continue;
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    text = text.replace(new RegExp(`((?:https|wss)://${escaped})(?![\\w.:-])`, 'gi'), `$1:${domains.port}`);
  }
  return text;
}
