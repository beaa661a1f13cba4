import type { HttpExchangeRecord } from './listen-http.js';

/** One line per request: method, path, route key, status, integration and duration. */
export function formatRequestLog(apiLabel: string, record: HttpExchangeRecord): string {
  const { request, response } = record;
  const target = request.rawQueryString ? `${request.rawPath}?${request.rawQueryString}` : request.rawPath;
  const routeKey = response.log.routeKey ?? '(no route)';
  const integration = response.log.integration ?? '-';
  return `${apiLabel} ${request.method} ${target} → ${routeKey} ${response.statusCode} ${integration} ${record.durationMs.toFixed(1)} ms`;
}
