import { parseArgs, type ParseArgsConfig } from 'node:util';
import { GatewayError } from '../errors.js';
import type { StartGatewayOptions } from './gateway.js';
import { DEFAULT_INSPECTOR_PORT } from './function-debuggers.js';
import type { OpenApiCommandOptions } from '../openapi/openapi-command.js';
import { parseOpenApiArgs } from '../openapi/parse-openapi-args.js';

/** What the command line asks for. */
export type CliCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'start'; readonly options: StartGatewayOptions }
  | { readonly kind: 'openapi'; readonly options: OpenApiCommandOptions }
  | { readonly kind: 'openapi-help' };

export const CLI_USAGE = `Usage: apigw-local [assembly-dir] [options]
       apigw-local openapi [source] [--api <id|name>] [-o file]   (an HTTP API's OpenAPI document; --help)

Serves the HTTP and WebSocket APIs of a synthesized CDK app (cloud assembly) or CloudFormation template on
127.0.0.1 and runs their Node.js and Python Lambda handlers locally.

Source (at most one; default: ./cdk.out when it exists):
  [assembly-dir], --assembly <dir>  a cloud assembly directory (the output of cdk synth)
  --template <file>                 one CloudFormation template (JSON or YAML)
  --app "<command>"                 a CDK app command, synthesized first (e.g. "npx tsx bin/app.ts")
  -c, --context <key>=<value>       a context value for the app command, as cdk synth -c; repeatable

Options:
  -p, --port <n>                    port of the first API; the next APIs get n+1, n+2… (0: free ports) [3000]
  --host <address>                  interface to listen on [127.0.0.1]
  --backend <logicalId>=<url>       where an HTTP integration sends requests (required for private
                                    integrations); repeatable
  --parameter <name>=<value>        a template parameter's value (default: its Default); repeatable
  --jwks <issuer>=<file|url>        an issuer's signing keys (JWKS file or URL), instead of OpenID
                                    discovery; repeatable
  --account-id <id>                 account id for pseudo parameters and ARNs [123456789012]
  --region <region>                 region for pseudo parameters and ARNs [us-east-1]
  --env <FunctionId>.<NAME>=<value>  a function's environment variable (one its template declares), e.g.
                                    --env BooksFn.TABLE_NAME=books-local; repeatable; wins over --env-file
  --env-file <file>                 environment values as JSON, in SAM's shape: {"FunctionId": {"NAME":
                                    "value"}, "Parameters": {"NAME": "value"}} (Parameters: every function
                                    that has the variable)
  --inspect[=<port>]                 run Node.js functions under the inspector (Python functions under
                                    debugpy), one port per function from <port> [9229] (0: free ports),
                                    printed at start-up; no timeouts while debugging
  --inspect-brk[=<port>]            as --inspect, and each environment waits for a debugger to attach
  --ignore-permissions              serve Lambda routes and authorizers whose function's permissions do not
                                    let API Gateway invoke it (AWS answers them 500, and so does apigw-local)
  -w, --watch                       serve changes without a restart: re-synthesize the app (or re-read the
                                    assembly / template) when its files or handler code change; ports and
                                    open WebSocket connections stay, unchanged functions stay warm
  -q, --quiet                       no per-request log lines (failed requests still print)
  --domain-port <n>                 serve the template's custom domain names on this port, TLS and plain,
                                    routed by Host header and API mapping key (0: a free port) [off]
  --service-endpoint <service>=<url>  where AWS service integrations call a service (sqs, eventbridge,
                                    stepfunctions), e.g. sqs=http://127.0.0.1:9324; repeatable
  --access-log <file>               append stages' access log lines (their AccessLogSettings format) to
                                    <file> instead of the terminal
  -h, --help                        print this help
  -v, --version                     print the version
`;

const CLI_FLAGS = {
  assembly: { type: 'string' },
  template: { type: 'string' },
  app: { type: 'string' },
  context: { type: 'string', short: 'c', multiple: true },
  port: { type: 'string', short: 'p' },
  host: { type: 'string' },
  backend: { type: 'string', multiple: true },
  parameter: { type: 'string', multiple: true },
  jwks: { type: 'string', multiple: true },
  'account-id': { type: 'string' },
  region: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  watch: { type: 'boolean', short: 'w' },
  'ignore-permissions': { type: 'boolean' },
  env: { type: 'string', multiple: true },
  inspect: { type: 'string' },
  'inspect-brk': { type: 'string' },
  'env-file': { type: 'string' },
  'access-log': { type: 'string' },
  'service-endpoint': { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  'domain-port': { type: 'string' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/**
 * Our own words for what `parseArgs` refused (its messages speak of positionals and '--' escapes): the flag,
 * and for a misspelt one the closest flag there is.
 */
function describeParseError(error: NodeJS.ErrnoException): string {
  // The flag as parseArgs quotes it: '--prot', or '-p, --port <value>' (the long form is named).
  const quoted = /'([^']*)'/.exec(error.message)?.[1] ?? '';
  const flag = /--[\w-]+/.exec(quoted)?.[0] ?? /-\w/.exec(quoted)?.[0] ?? quoted;
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const near = closestFlag(flag);
      return `unknown option ${flag}${near === undefined ? '' : ` (did you mean ${near}?)`}`;
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing/.test(error.message) ? `option ${flag} needs a value` : `option ${flag} takes no value`;
    default:
      return error.message;
  }
}

/** The known flag within two edits of `flag`, if any (`--prot` → `--port`). */
function closestFlag(flag: string): string | undefined {
  const name = flag.replace(/^--?/, '');
  let best: { flag: string; distance: number } | undefined;
  for (const known of Object.keys(CLI_FLAGS)) {
    const distance = editDistance(name, known);
    if (distance <= 2 && (best === undefined || distance < best.distance)) best = { flag: `--${known}`, distance };
  }
  return best?.flag;
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min((row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1, (row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length] ?? 0;
}

/** Turns `process.argv.slice(2)` into a command; throws `GatewayError('INVALID_OPTION')` naming the bad flag. */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  if (argv[0] === 'openapi') {
    const options = parseOpenApiArgs(argv.slice(1));
    return options === undefined ? { kind: 'openapi-help' } : { kind: 'openapi', options };
  }
  let parsed;
  try {
    parsed = parseArgs({ args: argv.map(withDefaultInspectPort), allowPositionals: true, strict: true, options: CLI_FLAGS });
  } catch (error) {
    throw new GatewayError('INVALID_OPTION', `${describeParseError(error as NodeJS.ErrnoException)}; run apigw-local --help for the options`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };

  if (positionals.length > 1) {
    throw new GatewayError('INVALID_OPTION', `expected at most one assembly directory, got ${positionals.length}: ${positionals.join(' ')}`);
  }
  if (positionals.length === 1 && values.assembly !== undefined) {
    throw new GatewayError('INVALID_OPTION', `give the assembly directory once, got '${positionals[0]}' and --assembly '${values.assembly}'`);
  }
  const assembly = values.assembly ?? positionals[0];
  const sources = [
    ...(assembly !== undefined ? [`the assembly directory '${assembly}'`] : []),
    ...(values.template !== undefined ? ['--template'] : []),
    ...(values.app !== undefined ? ['--app'] : []),
  ];
  if (sources.length > 1) {
    throw new GatewayError(
      'INVALID_OPTION',
      `give one source: an assembly directory, --template <file> or --app "<command>"; got ${sources.join(' and ')}`,
    );
  }
  const options: StartGatewayOptions = {
    ...(assembly !== undefined && { assembly }),
    ...(values.template !== undefined && { template: values.template }),
    ...(values.app !== undefined && { app: values.app }),
    ...(values.context !== undefined && { context: parsePairs('--context', values.context, '<key>=<value> (e.g. stage=dev)') }),
    ...(values.port !== undefined && { port: parsePort(values.port) }),
    ...(values.host !== undefined && { host: values.host }),
    ...(values.backend !== undefined && { backends: parsePairs('--backend', values.backend, '<logicalId>=<url> (e.g. MyIntegration=http://127.0.0.1:8080)') }),
    ...(values.parameter !== undefined && { parameters: parsePairs('--parameter', values.parameter, '<name>=<value> (e.g. Stage=dev)') }),
    ...(values.jwks !== undefined && { jwks: parsePairs('--jwks', values.jwks, '<issuer>=<file|url> (e.g. https://issuer.example=./jwks.json)') }),
    ...(values['account-id'] !== undefined && { accountId: values['account-id'] }),
    ...(values.region !== undefined && { region: values.region }),
    // -q silences the per-request lines only: the start-up table (the URLs) still prints; see the README.
    ...(values.quiet === true && { quiet: 'requests' as const }),
    ...(values.watch !== undefined && { watch: values.watch }),
    ...(values['ignore-permissions'] === true && { ignorePermissions: true }),
    ...(values.env !== undefined && { env: parseEnvFlags(values.env) }),
    ...(values['env-file'] !== undefined && { envFile: values['env-file'] }),
    ...inspectOption(values.inspect, values['inspect-brk']),
    ...(values['domain-port'] !== undefined && { domainPort: parsePort(values['domain-port'], '--domain-port') }),
    ...(values['access-log'] !== undefined && { accessLog: values['access-log'] }),
    ...(values['service-endpoint'] !== undefined && {
      serviceEndpoints: parsePairs('--service-endpoint', values['service-endpoint'], '<service>=<url> (e.g. sqs=http://127.0.0.1:9324)'),
    }),
  };
  return { kind: 'start', options };
}

function parsePort(text: string, flag = '--port'): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    throw new GatewayError('INVALID_OPTION', `${flag} must be an integer from 0 to 65535, got '${text}'`);
  }
  return port;
}

/** `name=value` pairs of a repeatable flag; a name given twice is an error. */
function parsePairs(flag: string, entries: readonly string[], form: string): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    if (eq <= 0) throw new GatewayError('INVALID_OPTION', `${flag} must be ${form}, got '${entry}'`);
    const name = entry.slice(0, eq);
    if (pairs[name] !== undefined) throw new GatewayError('INVALID_OPTION', `${flag} given twice for '${name}'`);
    pairs[name] = entry.slice(eq + 1);
  }
  return pairs;
}

/** `--env Function.NAME=value` flags, grouped by function as the `env` option takes them. */
function parseEnvFlags(entries: readonly string[]): Record<string, Record<string, string>> {
  const env: Record<string, Record<string, string>> = {};
  for (const [key, value] of Object.entries(parsePairs('--env', entries, '<FunctionLogicalId>.<NAME>=<value> (e.g. BooksFn.TABLE_NAME=books)'))) {
    const dot = key.lastIndexOf('.');
    if (dot <= 0 || dot === key.length - 1) {
      throw new GatewayError('INVALID_OPTION', `--env must be <FunctionLogicalId>.<NAME>=<value> (e.g. BooksFn.TABLE_NAME=books), got '${key}=${value}'`);
    }
    (env[key.slice(0, dot)] ??= {})[key.slice(dot + 1)] = value;
  }
  return env;
}

/** `--inspect` and `--inspect-brk` take an optional port, as node's own flags do: a bare one means the default. */
function withDefaultInspectPort(arg: string): string {
  return arg === '--inspect' || arg === '--inspect-brk' ? `${arg}=${DEFAULT_INSPECTOR_PORT}` : arg;
}

function inspectOption(inspect: string | undefined, inspectBrk: string | undefined): Pick<StartGatewayOptions, 'inspect'> {
  if (inspect !== undefined && inspectBrk !== undefined) throw new GatewayError('INVALID_OPTION', 'give --inspect or --inspect-brk, not both');
  const text = inspectBrk ?? inspect;
  if (text === undefined) return {};
  const flag = inspectBrk !== undefined ? '--inspect-brk' : '--inspect';
  if (!/^\d+$/.test(text) || Number(text) > 65535) throw new GatewayError('INVALID_OPTION', `${flag} takes a port from 0 to 65535, got '${text}'`);
  return { inspect: { port: Number(text), waitForDebugger: inspectBrk !== undefined } };
}
