import { isFramingHeader } from './framing-headers.js';
import {
  type MappedLambdaResult,
  isPlainObject,
  parsePayload,
  readHeaderObject,
  readResultBody,
  readStatusCode,
  withDefaultContentType,
} from '../gateway/lambda-result.js';
import type { HeaderPair } from './types.js';

/**
 * Maps a payload 2.0 function result (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html). An object with a `statusCode` key is a structured
 * response; anything else is the inferred format: 200, `application/json`, the result as the body (a JSON
 * string is unwrapped to its content; text that is not JSON is passed through).
 */
export function mapResultV2(payload: string): MappedLambdaResult {
  const parsed = parsePayload(payload);
  if (parsed.ok && isPlainObject(parsed.value) && 'statusCode' in parsed.value) {
    return mapStructured(parsed.value);
  }
  const body = parsed.ok && typeof parsed.value === 'string' ? parsed.value : payload;
  return {
    kind: 'response',
    statusCode: 200,
    headers: [['content-type', 'application/json']],
    body: Buffer.from(body, 'utf8'),
  };
}

function mapStructured(result: Record<string, unknown>): MappedLambdaResult {
  const statusCode = readStatusCode(result.statusCode);
  if (statusCode === undefined) return { kind: 'malformed', reason: `statusCode ${JSON.stringify(result.statusCode)} is not an HTTP status` };
  const read = readHeaderObject(result.headers);
  if (!read.ok) return { kind: 'malformed', reason: read.reason };
  const headers: HeaderPair[] = read.entries.filter(([name]) => !isFramingHeader(name.toLowerCase()));
  if (result.cookies !== undefined && result.cookies !== null) {
    if (!Array.isArray(result.cookies) || !result.cookies.every((c) => typeof c === 'string')) {
      return { kind: 'malformed', reason: 'cookies is not an array of strings' };
    }
    // One Set-Cookie line per cookie (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html).
    for (const cookie of result.cookies) headers.push(['set-cookie', cookie]);
  }
  const body = readResultBody(result.body, result.isBase64Encoded);
  if (body === undefined) return { kind: 'malformed', reason: 'body is not a string or isBase64Encoded is not a boolean' };
  return { kind: 'response', statusCode, headers: withDefaultContentType(headers, body), body };
}
