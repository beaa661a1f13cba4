import { type ParsedJson, parseJson } from './json-path.js';
import type { HeaderPair } from './headers.js';

/** A Lambda result mapped to a response, or the reason it could not be (→ 500). */
export type MappedLambdaResult =
  | { readonly kind: 'response'; readonly statusCode: number; readonly headers: HeaderPair[]; readonly body: Buffer }
  | { readonly kind: 'malformed'; readonly reason: string };

/**
 * Default content type when a structured result names none (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html; unconfirmed, from AWS's test
 * tool). Only added when there is a body: a 204 without one gets no content type.
 */
export const DEFAULT_RESULT_CONTENT_TYPE = 'text/plain; charset=utf-8';

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `statusCode` as API Gateway reads it: an integer (or a string of digits) between 100 and 599. Anything
 * else is a malformed result (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html; exact tolerance unconfirmed).
 */
export function readStatusCode(value: unknown): number | undefined {
  const number = typeof value === 'string' && /^\d{3}$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 100 || number > 599) return undefined;
  return number;
}

/** Header values may be strings, numbers or booleans (they are sent as text). */
export function readHeaderValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** A result's `headers` map read as (name, text value) pairs; absent or null gives none. */
export function readHeaderObject(
  value: unknown,
): { readonly ok: true; readonly entries: [string, string][] } | { readonly ok: false; readonly reason: string } {
  if (value === undefined || value === null) return { ok: true, entries: [] };
  if (!isPlainObject(value)) return { ok: false, reason: 'headers is not an object' };
  const entries: [string, string][] = [];
  for (const [name, raw] of Object.entries(value)) {
    const text = readHeaderValue(raw);
    if (text === undefined) return { ok: false, reason: `header ${name} is not a string, number or boolean` };
    entries.push([name, text]);
  }
  return { ok: true, entries };
}

/** `body` + `isBase64Encoded` → bytes; undefined when malformed. */
export function readResultBody(body: unknown, isBase64Encoded: unknown): Buffer | undefined {
  if (isBase64Encoded !== undefined && isBase64Encoded !== null && typeof isBase64Encoded !== 'boolean') return undefined;
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body !== 'string') return undefined;
  return isBase64Encoded === true ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
}

/** Adds the default content type when a body is sent without one. */
export function withDefaultContentType(headers: HeaderPair[], body: Buffer): HeaderPair[] {
  if (body.length === 0 || headers.some(([name]) => name.toLowerCase() === 'content-type')) return headers;
  return [...headers, ['content-type', DEFAULT_RESULT_CONTENT_TYPE]];
}

/** Parses the invocation payload (JSON text of the handler's result). */
export const parsePayload: (payload: string) => ParsedJson = parseJson;
