import type { ParameterMapping } from '../model/index.js';
import { contextVariable } from './context-variables.js';
import { headerValues } from '../gateway/headers.js';
import { MAPPING_BODY_LIMIT_BYTES, type MappingSources, evaluateMappingValue } from './mapping-value.js';
import { groupQueryParameters, parseQueryString } from '../gateway/query-string.js';
import { decodeSegment } from './request-path.js';
import type { RoutedRequest } from './routed-request.js';
import type { HeaderPair } from './types.js';

type Operation = 'append' | 'overwrite' | 'remove';

/** One mapping key read: `overwrite:header.x-a`, `remove:querystring.q`, `overwrite:path`, `overwrite:statuscode`. */
interface MappingTarget {
  readonly operation: Operation;
  readonly target: 'header' | 'querystring' | 'path' | 'statuscode';
  /** Header or query parameter name; '' for path and status code. */
  readonly name: string;
}

/** Reads a mapping key; keys of another form are left to the template's diagnostics. */
export function parseMappingKey(key: string): MappingTarget | undefined {
  const match = /^(append|overwrite|remove):(header|querystring)\.(.+)$/.exec(key);
  if (match) return { operation: match[1] as Operation, target: match[2] as 'header' | 'querystring', name: match[3] };
  if (key === 'overwrite:path') return { operation: 'overwrite', target: 'path', name: '' };
  if (key === 'overwrite:statuscode') return { operation: 'overwrite', target: 'statuscode', name: '' };
  return undefined;
}

/** The request parts a request mapping may change. */
export interface MappedRequestParts {
  readonly headers: readonly HeaderPair[];
  readonly rawQueryString: string;
  /** Set by `overwrite:path`: the path sent to the backend instead of the computed one. */
  readonly pathOverride?: string;
}

/** Where request mapping values come from, for a routed request. */
export function mappingSourcesOf(routed: RoutedRequest): MappingSources {
  const { request } = routed;
  const query = groupQueryParameters(parseQueryString(request.rawQueryString));
  return {
    requestHeader: (name) => headerValues(request.headers, name),
    requestQuery: (name) => query.get(name) ?? [],
    requestBody: request.body.subarray(0, MAPPING_BODY_LIMIT_BYTES).toString('utf8'),
    requestPath: routed.routingPath,
    pathParameters: routed.match.pathParameters,
    context: (name) => contextVariable(routed, name),
    stageVariables: routed.stage.stageVariables,
  };
}

/** Applies a header operation, keeping other headers in place. */
function applyHeader(headers: HeaderPair[], operation: Operation, name: string, value: string): HeaderPair[] {
  const lower = name.toLowerCase();
  if (operation === 'append') return [...headers, [name, value]];
  const kept = headers.filter(([n]) => n.toLowerCase() !== lower);
  return operation === 'overwrite' ? [...kept, [name, value]] : kept;
}

/** Applies a query operation on the raw query string, leaving untouched pieces encoded as received. */
function applyQuery(rawQueryString: string, operation: Operation, name: string, value: string): string {
  const pieces = rawQueryString === '' ? [] : rawQueryString.split('&').filter((p) => p !== '');
  const named = (piece: string): boolean => {
    const eq = piece.indexOf('=');
    return decodeSegment((eq === -1 ? piece : piece.slice(0, eq)).replaceAll('+', ' ')) === name;
  };
  const kept = operation === 'append' ? pieces : pieces.filter((p) => !named(p));
  if (operation !== 'remove') kept.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
  return kept.join('&');
}

/**
 * Applies `RequestParameters` (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html). Every value is evaluated against the request as received, then
 * the operations run in the order of the mapping's keys.
 */
export function applyRequestParameters(mapping: ParameterMapping, routed: RoutedRequest): MappedRequestParts {
  const sources = mappingSourcesOf(routed);
  let headers: HeaderPair[] = [...routed.request.headers];
  let rawQueryString = routed.request.rawQueryString;
  let pathOverride: string | undefined;
  for (const [key, expression] of Object.entries(mapping)) {
    const target = parseMappingKey(key);
    if (!target) continue;
    const value = evaluateMappingValue(expression, sources);
    if (target.target === 'header') headers = applyHeader(headers, target.operation, target.name, value);
    else if (target.target === 'querystring') rawQueryString = applyQuery(rawQueryString, target.operation, target.name, value);
    else if (target.target === 'path') pathOverride = value.startsWith('/') ? value : `/${value}`;
  }
  return pathOverride === undefined ? { headers, rawQueryString } : { headers, rawQueryString, pathOverride };
}

/** A response before and after `ResponseParameters`. */
export interface MappableResponse {
  readonly statusCode: number;
  readonly headers: readonly HeaderPair[];
  readonly body: Buffer;
}

/**
 * Applies the `ResponseParameters` entry keyed by the integration's status code (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html): header
 * operations and `overwrite:statuscode`. Values may read the response's headers and body.
 */
export function applyResponseParameters(
  mappings: Readonly<Record<string, ParameterMapping>>,
  response: MappableResponse,
  routed: RoutedRequest,
): MappableResponse {
  const mapping = Object.hasOwn(mappings, String(response.statusCode)) ? mappings[String(response.statusCode)] : undefined;
  if (!mapping) return response;
  const sources: MappingSources = {
    ...mappingSourcesOf(routed),
    responseHeader: (name) => headerValues(response.headers, name),
    responseBody: response.body.subarray(0, MAPPING_BODY_LIMIT_BYTES).toString('utf8'),
  };
  let headers: HeaderPair[] = [...response.headers];
  let statusCode = response.statusCode;
  for (const [key, expression] of Object.entries(mapping)) {
    const target = parseMappingKey(key);
    if (!target) continue;
    const value = evaluateMappingValue(expression, sources);
    if (target.target === 'header') headers = applyHeader(headers, target.operation, target.name, value);
    else if (target.target === 'statuscode') {
      const status = Number(value);
      if (Number.isInteger(status) && status >= 100 && status <= 599) statusCode = status;
    }
  }
  return { statusCode, headers, body: response.body };
}
