import { parseJson, readJsonPath } from '../gateway/json-path.js';

/**
 * Where the values of a parameter mapping come from (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html). Request sources always exist; response
 * sources only while mapping a response.
 */
export interface MappingSources {
  /** Values of a request header (case-insensitive name), in order. */
  readonly requestHeader: (name: string) => readonly string[];
  /** Decoded values of a query parameter (case-sensitive name), in order. */
  readonly requestQuery: (name: string) => readonly string[];
  /** The request body as text, already cut to the mapping limit. */
  readonly requestBody: string;
  /** `$request.path`: the path without the stage. */
  readonly requestPath: string;
  readonly pathParameters: Readonly<Record<string, string>>;
  readonly context: (name: string) => string | undefined;
  readonly stageVariables: Readonly<Record<string, string>>;
  readonly responseHeader?: (name: string) => readonly string[];
  readonly responseBody?: string;
}

/** Request and response bodies are cut to 100 KB before JSONPath evaluation (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html). */
export const MAPPING_BODY_LIMIT_BYTES = 100 * 1024;

const WHOLE_REFERENCE = /^\$((?:request|response|context|stageVariables)(?:\.[^\s${}]+)?)$/;
const BRACED_REFERENCE = /\$\{((?:request|response|context|stageVariables)(?:\.[^\s${}]+)?)\}/g;

/**
 * Evaluates a mapping value (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html): a single `$request.header.x`-style reference, a string with
 * `${request.path.a}`-style references inside, or a static string. A reference to something absent gives
 * `''` (unconfirmed: AWS may reject the request instead).
 */
export function evaluateMappingValue(expression: string, sources: MappingSources): string {
  const whole = WHOLE_REFERENCE.exec(expression);
  if (whole) return resolveReference(whole[1], sources) ?? '';
  return expression.replace(BRACED_REFERENCE, (_all, reference: string) => resolveReference(reference, sources) ?? '');
}

function afterPrefix(reference: string, prefix: string): string | undefined {
  return reference.startsWith(prefix) ? reference.slice(prefix.length) : undefined;
}

function resolveReference(reference: string, sources: MappingSources): string | undefined {
  let name: string | undefined;
  if ((name = afterPrefix(reference, 'request.header.')) !== undefined) return joinValues(sources.requestHeader(name));
  if ((name = afterPrefix(reference, 'request.querystring.')) !== undefined) return joinValues(sources.requestQuery(name));
  if (reference === 'request.body') return sources.requestBody;
  if ((name = afterPrefix(reference, 'request.body')) !== undefined) return evaluateJsonPath(sources.requestBody, name);
  if (reference === 'request.path') return sources.requestPath;
  if ((name = afterPrefix(reference, 'request.path.')) !== undefined) return sources.pathParameters[name];
  if ((name = afterPrefix(reference, 'context.')) !== undefined) return sources.context(name);
  if ((name = afterPrefix(reference, 'stageVariables.')) !== undefined) {
    return Object.hasOwn(sources.stageVariables, name) ? sources.stageVariables[name] : undefined;
  }
  if ((name = afterPrefix(reference, 'response.header.')) !== undefined) {
    return sources.responseHeader && joinValues(sources.responseHeader(name));
  }
  if (reference === 'response.body') return sources.responseBody;
  if ((name = afterPrefix(reference, 'response.body')) !== undefined) {
    return sources.responseBody === undefined ? undefined : evaluateJsonPath(sources.responseBody, name);
  }
  return undefined;
}

/** Repeated headers and query parameters are joined with `,` (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html). */
function joinValues(values: readonly string[]): string | undefined {
  return values.length === 0 ? undefined : values.join(',');
}

/**
 * A JSONPath into a JSON text (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html: no recursive descent, no filters): `.name`, `[0]`, `['name']`.
 * Strings come out as they are, other values as JSON; anything unreadable gives undefined.
 */
export function evaluateJsonPath(json: string, path: string): string | undefined {
  const parsed = parseJson(json);
  if (!parsed.ok) return undefined;
  const value = readJsonPath(parsed.value, path);
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
