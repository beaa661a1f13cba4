import type { WebSocketLogRecord } from '../websocket/types.js';
import type { ManagementExchange } from '../server/listen-websocket.js';

/**
 * One line per connect, message and disconnect: event, connection id, route key, status (handshake status
 * or close code), the route's integration and the duration, plus why the gateway refused or sent an error
 * frame. `describeRoute` names the integration as the start-up table does.
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
  return `${apiLabel} ${record.eventType} ${record.connectionId} → ${route}${status}${integration}${replied} ${record.durationMs.toFixed(1)} ms${error}`;
}

/** One line per `@connections` call: method, path, operation, status, duration and the error, if any. */
export function formatManagementLog(apiLabel: string, exchange: ManagementExchange): string {
  const { reply } = exchange;
  const error = reply.error ? ` (${reply.error})` : '';
  return `${apiLabel} ${exchange.method} ${exchange.path} → ${reply.operation ?? '(not an operation)'} ${reply.statusCode} ${exchange.durationMs.toFixed(1)} ms${error}`;
}
