import type { HttpExchangeRecord } from '../http/answer-exchange.js';
import { escapeLogText } from './escape-log-text.js';

/**
 * One line per request: method, path, route key, status, integration and duration, plus the reason
 * when the gateway answered with an error of its own (function error, timeout, bad result, an authorizer's
 * refusal, which names the authorizer), or the authorizer that allowed the call.
 * `describeRoute` names the route's integration as the start-up table does. Control characters are escaped:
 * an error text may quote what the client sent.
 */
export function formatRequestLog(
  apiLabel: string,
  record: HttpExchangeRecord,
  describeRoute: (routeKey: string) => string | undefined,
): string {
  const { request, response } = record;
  const { log } = response;
  const target = request.rawQueryString ? `${request.path}?${request.rawQueryString}` : request.path;
  let integration = '-';
  if (log.integration === 'cors-preflight') integration = 'CORS preflight';
  else if (log.routeKey !== undefined) integration = describeRoute(log.routeKey) ?? log.integration ?? '-';
  const error = log.error ? ` (${log.error})` : log.authorizer ? ` (allowed by ${log.authorizer})` : '';
  return escapeLogText(
    `${apiLabel} ${request.method} ${target} → ${log.routeKey ?? '(no route)'} ` +
      `${response.statusCode} ${integration} ${record.durationMs.toFixed(1)} ms${error}`,
  );
}
