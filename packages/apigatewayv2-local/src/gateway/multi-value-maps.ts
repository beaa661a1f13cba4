import type { HeaderList } from './headers.js';
import { groupQueryParameters, parseQueryString } from './query-string.js';

/**
 * A REST-style (payload 1.0, WebSocket) event's two views of repeated names: `single` keeps the last value of
 * each name, `multi` every value in order.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
export interface MultiValueMaps {
  readonly single: Record<string, string>;
  readonly multi: Record<string, string[]>;
  /** Whether any name was present. */
  readonly present: boolean;
}

/** Header lines as the single-value and multi-value header maps. */
export function headerMaps(headers: HeaderList): MultiValueMaps {
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [name, value] of headers) {
    single[name] = value;
    (multi[name] ??= []).push(value);
  }
  return { single, multi, present: headers.length > 0 };
}

/** A raw query string as the single-value and multi-value parameter maps (decoded). */
export function queryMaps(rawQueryString: string): MultiValueMaps {
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  const grouped = groupQueryParameters(parseQueryString(rawQueryString));
  for (const [name, values] of grouped) {
    single[name] = values[values.length - 1];
    multi[name] = values;
  }
  return { single, multi, present: grouped.size > 0 };
}
