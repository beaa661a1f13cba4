import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { GatewayError } from '../errors.js';
import type { ApiModel, GatewayModel } from '../model/index.js';
import type { StartGatewayOptions } from '../app/gateway.js';
import { modelSource } from '../source/model-source.js';
import { exportOpenApi, type OpenApiDocument } from './export-openapi.js';

export type OpenApiFormat = 'json' | 'yaml';

/** What `apigw-local openapi` is asked for. */
export interface OpenApiCommandOptions {
  /** Where the model comes from (assembly, template or app command), as for serving. */
  readonly source: StartGatewayOptions;
  /** The API's logical id or `Name`; may be left out when the source has one HTTP API. */
  readonly api?: string;
  /** The stage whose base path `servers` names. */
  readonly stage?: string;
  /** A file to write; undefined: the document is returned (the CLI prints it). */
  readonly output?: string;
  /** @default 'json' (or 'yaml' for an output file ending in .yaml / .yml) */
  readonly format?: OpenApiFormat;
}

/** Reads the source, exports the chosen HTTP API and returns the document's text (also written to `output`). */
export async function runOpenApiCommand(options: OpenApiCommandOptions): Promise<string> {
  const cleanUps: (() => Promise<void>)[] = [];
  try {
    const model = await modelSource(options.source, cleanUps).read();
    const api = selectHttpApi(model, options.api);
    if (options.stage !== undefined && !api.stages.some((stage) => stage.name === options.stage)) {
      const names = api.stages.map((stage) => stage.name);
      throw new GatewayError('INVALID_OPTION', `--stage '${options.stage}': API ${api.ref.logicalId} has ${names.length === 0 ? 'no stage' : `the stages ${names.join(', ')}`}`);
    }
    const document = exportOpenApi(api, { ...(options.stage !== undefined && { stage: options.stage }), region: model.environment.region });
    const format = options.format ?? (options.output !== undefined && /\.ya?ml$/i.test(options.output) ? 'yaml' : 'json');
    const text = formatDocument(document, format);
    if (options.output !== undefined) await writeFile(options.output, text);
    return text;
  } finally {
    await Promise.all(cleanUps.map((cleanUp) => cleanUp()));
  }
}

/** The HTTP API `idOrName` names (logical id first, then `Name`); with no name, the only HTTP API. */
export function selectHttpApi(model: GatewayModel, idOrName: string | undefined): ApiModel {
  const httpApis = model.apis.filter((api) => api.protocol === 'HTTP');
  const listed = httpApis.map((api) => `${api.ref.logicalId} (${api.name})`).join(', ') || 'none';
  if (idOrName === undefined) {
    if (httpApis.length === 1 && httpApis[0] !== undefined) return httpApis[0];
    throw new GatewayError('INVALID_OPTION', `give --api <logicalId|name>: the source has ${httpApis.length} HTTP APIs: ${listed}`);
  }
  const byId = httpApis.filter((api) => api.ref.logicalId === idOrName);
  const matches = byId.length > 0 ? byId : httpApis.filter((api) => api.name === idOrName);
  if (matches.length === 1 && matches[0] !== undefined) return matches[0];
  if (matches.length > 1) {
    throw new GatewayError('INVALID_OPTION', `--api '${idOrName}' names ${matches.length} HTTP APIs (in stacks ${matches.map((api) => api.ref.stackName).join(', ')}); give the logical id`);
  }
  const websocket = model.apis.some((api) => api.protocol === 'WEBSOCKET' && (api.ref.logicalId === idOrName || api.name === idOrName));
  throw new GatewayError(
    'INVALID_OPTION',
    websocket ? `--api '${idOrName}' is a WebSocket API: only HTTP APIs have an OpenAPI export` : `--api '${idOrName}' names no HTTP API; HTTP APIs: ${listed}`,
  );
}

/** JSON with two-space indents, or YAML (the `yaml` package the template reader uses). */
export function formatDocument(document: OpenApiDocument, format: OpenApiFormat): string {
  if (format === 'json') return `${JSON.stringify(document, undefined, 2)}\n`;
  const yaml = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return yaml.stringify(document);
}
