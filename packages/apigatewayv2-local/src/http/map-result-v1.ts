import { isFramingHeader } from './framing-headers.js';
import {
  type MappedLambdaResult,
  isPlainObject,
  parsePayload,
  readHeaderObject,
  readHeaderValue,
  readResultBody,
  readStatusCode,
  withDefaultContentType,
} from '../gateway/lambda-result.js';
import type { HeaderPair } from './types.js';

/**
 * Maps a payload 1.0 function result (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html): it must be an object with a valid `statusCode`; there is
 * no inferred format. `headers` and `multiValueHeaders` are merged, every distinct value emitted.
 */
export function mapResultV1(payload: string): MappedLambdaResult {
  const parsed = parsePayload(payload);
  if (!parsed.ok || !isPlainObject(parsed.value)) return { kind: 'malformed', reason: 'result is not a JSON object' };
  const result = parsed.value;
  const statusCode = readStatusCode(result.statusCode);
  if (statusCode === undefined) return { kind: 'malformed', reason: `statusCode ${JSON.stringify(result.statusCode)} is not an HTTP status` };

  const values = new Map<string, { name: string; values: string[] }>();
  const add = (name: string, value: string): void => {
    const key = name.toLowerCase();
    const entry = values.get(key);
    if (!entry) values.set(key, { name, values: [value] });
    else if (!entry.values.includes(value)) entry.values.push(value);
  };
  if (result.multiValueHeaders !== undefined && result.multiValueHeaders !== null) {
    if (!isPlainObject(result.multiValueHeaders)) return { kind: 'malformed', reason: 'multiValueHeaders is not an object' };
    for (const [name, list] of Object.entries(result.multiValueHeaders)) {
      if (!Array.isArray(list)) return { kind: 'malformed', reason: `multiValueHeaders.${name} is not an array` };
      for (const raw of list as unknown[]) {
        const value = readHeaderValue(raw);
        if (value === undefined) return { kind: 'malformed', reason: `multiValueHeaders.${name} holds a non-scalar` };
        add(name, value);
      }
    }
  }
  const single = readHeaderObject(result.headers);
  if (!single.ok) return { kind: 'malformed', reason: single.reason };
  for (const [name, value] of single.entries) add(name, value);
  const headers: HeaderPair[] = [];
  for (const [key, entry] of values) {
    if (isFramingHeader(key)) continue;
    for (const value of entry.values) headers.push([entry.name, value]);
  }
  const body = readResultBody(result.body, result.isBase64Encoded);
  if (body === undefined) return { kind: 'malformed', reason: 'body is not a string or isBase64Encoded is not a boolean' };
  return { kind: 'response', statusCode, headers: withDefaultContentType(headers, body), body };
}
