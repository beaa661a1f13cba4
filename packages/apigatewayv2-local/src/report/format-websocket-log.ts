import type { ManagementExchange } from '../websocket/management-api.js';
import type { WebSocketLogRecord } from '../websocket/types.js';
import { escapeLogText } from './escape-log-text.js';

/**
 * One line per connect, message and disconnect: event, connection id, route key, status (handshake status
 * or close code), the route's integration and the duration, plus why the gateway refused or sent an error
 * frame. `describeRoute` names the integration as the start-up table does. Control characters are escaped.
 */
export function formatWebSocketLog(
  apiLabel: string,
  record: WebSocketLogRecord,
  describeRoute: (routeKey: string) => string | undefined,
): string {
  const route = record.routeKey ?? '(no route)';
  const integration = record.routeKey === undefined ? '' : ` ${describeRoute(record.routeKey) ?? '-'}`;
  const status = record.status === undefined ? '' : ` ${record.status}`;
  const replied = record.replied ? ' (replied)' : '';
  const error = record.error ? ` (${record.error})` : '';
  return escapeLogText(
    `${apiLabel} ${record.eventType} ${record.connectionId} → ${route}${status}${integration}${replied} ${record.durationMs.toFixed(1)} ms${error}`,
  );
}

/**
 * One line per `@connections` call: method, path, operation, status, duration and the error, if any; or
 * that the client left before its request was complete (its fault, not the gateway's). Control characters
 * (a decoded connection id can hold any) are escaped.
 */
export function formatManagementLog(apiLabel: string, exchange: ManagementExchange): string {
  const { reply } = exchange;
  const duration = `${exchange.durationMs.toFixed(1)} ms`;
  if (reply === undefined) {
    return escapeLogText(`${apiLabel} ${exchange.method} ${exchange.path} → (client closed the connection before its request was complete) ${duration}`);
  }
  const error = reply.error ? ` (${reply.error})` : '';
  return escapeLogText(`${apiLabel} ${exchange.method} ${exchange.path} → ${reply.operation ?? '(not an operation)'} ${reply.statusCode} ${duration}${error}`);
}
