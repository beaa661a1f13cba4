import type { FunctionModel, ModelEnvironment } from '../model/index.js';
import type { LocalCertificate } from './local-certificate.js';

/**
 * Credentials every local function environment gets, as Lambda gives each function its role's temporary
 * credentials: the AWS SDKs' default provider chain finds them, so clients built without explicit
 * credentials (the `@connections` client, for one) work. They are not valid on AWS; the gateway does not
 * check signatures.
 */
export const LOCAL_CREDENTIALS = {
  AWS_ACCESS_KEY_ID: 'ASIAAPIGWLOCAL000000',
  AWS_SECRET_ACCESS_KEY: 'apigw-local/not-a-secret/0000000000000000',
  AWS_SESSION_TOKEN: 'apigw-local-session-token',
} as const;

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
  const variables: Record<string, string> = {};
  for (const [name, value] of Object.entries(fn.environment)) {
    variables[name] = rewrites.reduce((text, [from, to]) => text.replaceAll(from, to), value);
  }
  const trust = options.certificate && {
    NODE_EXTRA_CA_CERTS: options.certificate.certFile,
    AWS_CA_BUNDLE: options.certificate.bundleFile,
    REQUESTS_CA_BUNDLE: options.certificate.bundleFile,
  };
  return { ...fn, environment: { ...LOCAL_CREDENTIALS, ...trust, ...variables } };
}
