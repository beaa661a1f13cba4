import { parseArgs, type ParseArgsConfig } from 'node:util';
import { GatewayError } from '../errors.js';
import type { OpenApiCommandOptions } from './openapi-command.js';

export const OPENAPI_USAGE = `Usage: apigw-local openapi [source] [options]

Prints (or writes) the OpenAPI 3.0.1 document of an HTTP API, with API Gateway's x-amazon-apigateway-*
extensions, as API Gateway's export would give it.

Source (at most one; default: ./cdk.out):
  [source]                          a cloud assembly directory, or a template file (.json, .yaml, .yml)
  --assembly <dir> | --template <file> | --app "<command>"
  --parameter <name>=<value>        a template parameter's value; repeatable
  --account-id <id>, --region <r>   for pseudo parameters and ARNs

Options:
  --api <logicalId|name>            the HTTP API (needed when the source has several)
  --stage <name>                    the stage whose base path the servers URL names [the first stage]
  -o, --output <file>               write the document there instead of printing it
  --format json|yaml                [json; yaml for an output file ending in .yaml/.yml]
  -h, --help                        print this help
`;

const OPENAPI_FLAGS = {
  assembly: { type: 'string' },
  template: { type: 'string' },
  app: { type: 'string' },
  parameter: { type: 'string', multiple: true },
  'account-id': { type: 'string' },
  region: { type: 'string' },
  api: { type: 'string' },
  stage: { type: 'string' },
  output: { type: 'string', short: 'o' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/** The arguments after `openapi`; `undefined` when help is asked for. */
export function parseOpenApiArgs(argv: readonly string[]): OpenApiCommandOptions | undefined {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: OPENAPI_FLAGS });
  } catch (error) {
    throw new GatewayError('INVALID_OPTION', `${(error as Error).message}; run apigw-local openapi --help for the options`);
  }
  const { values, positionals } = parsed;
  if (values.help === true) return undefined;
  if (positionals.length > 1) throw new GatewayError('INVALID_OPTION', `expected at most one source, got ${positionals.join(' ')}`);
  const positional = positionals[0];
  const positionalIsTemplate = positional !== undefined && /\.(json|ya?ml)$/i.test(positional);
  const template = values.template ?? (positionalIsTemplate ? positional : undefined);
  const assembly = values.assembly ?? (positional !== undefined && !positionalIsTemplate ? positional : undefined);
  const given = [positional, values.assembly, values.template, values.app].filter((value) => value !== undefined);
  if (given.length > 1) throw new GatewayError('INVALID_OPTION', `give one source: a directory or template file, --assembly, --template or --app; got ${given.join(' and ')}`);
  const format = values.format;
  if (format !== undefined && format !== 'json' && format !== 'yaml') {
    throw new GatewayError('INVALID_OPTION', `--format must be json or yaml, got '${format}'`);
  }
  return {
    source: {
      ...(assembly !== undefined && { assembly }),
      ...(template !== undefined && { template }),
      ...(values.app !== undefined && { app: values.app }),
      ...(values.parameter !== undefined && { parameters: pairs(values.parameter) }),
      ...(values['account-id'] !== undefined && { accountId: values['account-id'] }),
      ...(values.region !== undefined && { region: values.region }),
    },
    ...(values.api !== undefined && { api: values.api }),
    ...(values.stage !== undefined && { stage: values.stage }),
    ...(values.output !== undefined && { output: values.output }),
    ...(format !== undefined && { format }),
  };
}

function pairs(entries: readonly string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    if (eq <= 0) throw new GatewayError('INVALID_OPTION', `--parameter must be <name>=<value>, got '${entry}'`);
    result[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return result;
}
