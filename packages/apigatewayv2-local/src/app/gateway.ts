import type { JSONWebKeySet } from 'jose';
import type { LocalCredential } from '../authorizers/local-credentials.js';
import type { Protocol } from '../model/index.js';
import type { WebSocketLimits } from '../websocket/limits.js';

/** Receives every line the gateway prints: the start-up report, warnings and one line per request. */
export type LogSink = (line: string) => void;

/** A cloud assembly directory given as an object, e.g. the `CloudAssembly` that `app.synth()` returns. */
export interface AssemblyDirectory {
  readonly directory: string;
}

/**
 * A CDK `App` (or any `Stage`) as `startGateway` uses it: aws-cdk-lib's `App` fits, matched by shape so that
 * aws-cdk-lib stays the caller's dependency.
 */
export interface SynthesizableApp {
  /** Where `synth()` writes; aws-cdk-lib makes a temporary `cdk.out*` directory when the app was given none. */
  readonly outdir: string;
  synth(): AssemblyDirectory;
}

/** A CDK `Stack` as `startGateway` uses it: its construct tree leads to the `App` that synthesizes it. */
export interface StackInApp {
  readonly stackName: string;
  readonly node: { readonly root: unknown };
}

/** Options of `startGateway`. Give at most one of `assembly`, `template`, `app` and `stack`. */
export interface StartGatewayOptions {
  /**
   * A cloud assembly: its directory (`cdk.out`) or an object with a `directory`, such as the result of
   * `app.synth()`. Every stack in it is read.
   * @default `./cdk.out` when neither `template` nor `app` is given
   */
  readonly assembly?: string | AssemblyDirectory;
  /** One CloudFormation template file (JSON or YAML). @default none */
  readonly template?: string;
  /**
   * A CDK app command, as in cdk.json's `app` (e.g. `npx tsx bin/app.ts`), synthesized into a temp dir; or a
   * CDK `App` object, synthesized in this process with `app.synth()` (no CDK CLI), as a unit test does.
   * @default none
   */
  readonly app?: string | SynthesizableApp;
  /**
   * The directory an app command runs in: its cdk.json context applies, and watch mode watches it.
   * @default process.cwd()
   */
  readonly appDirectory?: string;
  /**
   * Context values for an app command, as `cdk synth --context key=value` gives them: they win over the
   * project's cdk.context.json and cdk.json.
   * @default {}
   */
  readonly context?: Readonly<Record<string, string>>;
  /**
   * A CDK `Stack`: its `App` is synthesized in this process (`app.synth()`) and the whole assembly is served.
   * @default none
   */
  readonly stack?: StackInApp;
  /**
   * Values for the templates' `Parameters`, by name; they win over each parameter's `Default`. A name that
   * no template declares is an error.
   * @default {} (every parameter takes its Default)
   */
  readonly parameters?: Readonly<Record<string, string>>;
  /**
   * Watch mode: when the source changes, read it again (an app command is synthesized again) and serve the
   * new version without a restart. APIs keep their ports, open WebSocket connections stay open where their
   * API and stage still exist, environments of functions whose code or settings changed are replaced (the
   * others stay warm), and a change that does not synthesize or read is printed while the last good version
   * keeps serving. An app command's project directory is watched (cdk.json's `watch.include` / `exclude`
   * apply, as for `cdk watch`); an assembly directory's `manifest.json`; a template file; and functions' code
   * directories outside those. Not available for an `App` or `Stack` object.
   * @default false
   */
  readonly watch?: boolean;
  /** The interface to listen on. @default '127.0.0.1' */
  readonly host?: string;
  /**
   * The first API's port; the next APIs get the next ports, in the model's order (stack name, then
   * logical id). `0` gives every API a free ephemeral port.
   * @default 3000
   */
  readonly port?: number;
  /**
   * Where HTTP integrations send their requests instead of their URI, by the integration's logical id (the
   * start-up table names it), e.g. `{ ApiListenerIntegration1234: 'http://127.0.0.1:8080' }`; required for
   * private integrations (VPC link). A key that names no HTTP integration is an error.
   * @default {} (private integrations answer as AWS does for an unreachable target)
   */
  readonly backends?: Readonly<Record<string, string>>;
  /**
   * Serves the template's custom domain names (`AWS::ApiGatewayV2::DomainName` + `ApiMapping`) on this port,
   * TLS and plain on the same port, routing each request by its `Host` header and API mapping key
   * (`--domain-port`; 0 picks a free port). @default - custom domains are not served
   */
  readonly domainPort?: number;
  /**
   * What to leave out of the log. `true` (for tests): no start-up table (with its warnings), no reload
   * summaries, no line per request, no function stdout. `'requests'` (the CLI's `-q`): no line per request;
   * the start-up table still prints. Problems always print: a request the gateway failed (function error,
   * timeout, bad result: why a route answered 502), the gateway's internal errors, a function's stderr.
   * @default false
   */
  readonly quiet?: boolean | 'requests';
  /** Where lines go. @default console.log */
  readonly log?: LogSink;
  /** The account id pseudo parameter and ARNs resolve to. @default '123456789012' */
  readonly accountId?: string;
  /** The region pseudo parameter and ARNs resolve to. @default 'us-east-1' */
  readonly region?: string;
  /**
   * WebSocket API limits, e.g. a short `idleTimeoutMs` in tests. Each one left out keeps its default (AWS's
   * value where AWS documents one).
   * @default DEFAULT_WEBSOCKET_LIMITS (32 KB frames, 128 KB messages, 10 minutes idle, 2 hours per connection,
   * 60 s to send a request)
   */
  readonly webSocketLimits?: Partial<WebSocketLimits>;
  /**
   * Signing keys of JWT issuers, by issuer (exactly as in the authorizer's `Issuer`), used instead of the
   * issuer's OpenID discovery: a JWKS file path, a JWKS URL, or a key set (`{ keys: [...] }`).
   * @default {} (every issuer's keys are discovered from `{issuer}/.well-known/openid-configuration`)
   */
  readonly jwks?: Readonly<Record<string, string | JSONWebKeySet>>;
  /**
   * The credentials `AWS_IAM` routes accept: requests must be SigV4-signed with one of them.
   * @default the gateway process's AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), if set
   */
  readonly iamCredentials?: readonly LocalCredential[];
  /**
   * Serve Lambda integrations and authorizers whose function's `AWS::Lambda::Permission`s do not let API
   * Gateway invoke it from the route (AWS answers those 500, and so does the gateway unless this is set).
   * @default false
   */
  readonly ignorePermissions?: boolean;
  /**
   * Values for functions' environment variables, in the shape of SAM's env file: by function logical id
   * (or `stackName/logicalId`), and under `Parameters` for every function that has the variable, e.g.
   * `{ BooksFn: { TABLE_NAME: 'books-local' }, Parameters: { STAGE: 'local' } }`. Only variables the template
   * declares can be replaced; a function or variable it lacks is an error listing what exists. They win
   * over `envFile`.
   * @default {}
   */
  readonly env?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /**
   * Runs Node.js functions under the inspector (Python functions under debugpy, where it is installed), each
   * function on a port of its own, printed at start-up: `true` for ports from 9229, a number for the first
   * port (`0`: free ports), or `{ port, waitForDebugger }` where `waitForDebugger` (`--inspect-brk`) makes
   * each environment wait for a debugger before it runs any code. Functions under a debugger do not time out.
   * @default false
   */
  readonly inspect?: boolean | number | { readonly port?: number; readonly waitForDebugger?: boolean };
  /** A JSON file of environment values in the same shape as `env` (SAM's `--env-vars` file). @default none */
  readonly envFile?: string;
  /**
   * A file that receives the access log lines of every stage with `AccessLogSettings`, one line per request
   * in the stage's own format (appended; created if missing).
   * @default the terminal, each line after `[access <stage logical id>]` (not under `quiet`)
   */
  readonly accessLog?: string;
  /**
   * Where AWS service integrations (SQS, EventBridge, Step Functions subtypes) send their calls, by service:
   * `{ sqs: 'http://127.0.0.1:9324', eventbridge: …, stepfunctions: … }`. Calls use the AWS SDK v3 client with
   * local credentials. A service the template integrates with but that has no endpoint is answered as an
   * unreachable target (500); a key naming a service the template does not integrate with is an error.
   * @default {}
   */
  readonly serviceEndpoints?: Readonly<Record<string, string>>;
}

/** One stage of a served API. */
export interface GatewayStageInfo {
  /** `$default` or the stage name. */
  readonly name: string;
  /** Where the stage is served: the API's URL, plus `/{name}` for a named stage. */
  readonly url: string;
  /**
   * WebSocket APIs: the stage's management API (`@connections`) base URL, `http://127.0.0.1:<port>/<stage>`
   * (`https://` works on the same port). Undefined for HTTP APIs.
   */
  readonly callbackUrl?: string;
}

/** One API of the model, as the gateway serves it. */
export interface GatewayApiInfo {
  readonly stackName: string;
  readonly logicalId: string;
  /** The API's `Name`. */
  readonly name: string;
  readonly protocol: Protocol;
  /** The API's base URL: `http://127.0.0.1:3000` for HTTP APIs, `ws://127.0.0.1:3001` for WebSocket APIs. */
  readonly url: string;
  readonly stages: readonly GatewayStageInfo[];
}

/** A running gateway. */
export interface Gateway {
  /** Every API of the model, in the model's order (stack name, then logical id). */
  readonly apis: readonly GatewayApiInfo[];
  /**
   * The custom domain port when `domainPort` was given: `https://{domain}:{port}/{mappingKey}/…` (and
   * `http://`, `wss://`, `ws://`) reach the mapped API by `Host` header. Undefined otherwise.
   */
  readonly domainPort?: number;
  /**
   * Answers one request to an HTTP API without a socket, through the same pipeline as its port (routes,
   * authorizers, integrations, CORS, the request log), like hono's `app.request`. `api` is the API's logical
   * id or `Name` (`stackName/logicalId` when several stacks share one); a relative URL (`'/books'`) resolves
   * against the API's URL. Throws a `GatewayError` for an unknown API or a WebSocket API (use its `url`).
   */
  request(api: string, input: Request | string | URL, init?: RequestInit): Promise<Response>;
  /** Stops every server, every function environment and removes temporary files. Safe to call twice. */
  close(): Promise<void>;
}
