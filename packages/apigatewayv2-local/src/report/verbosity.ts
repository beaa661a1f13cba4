/**
 * What the gateway prints, from the `quiet` option:
 * - `false`: everything (start-up table, one line per request, reload summaries);
 * - `'requests'` (the CLI's `-q`): no line per request except failures; the start-up table still prints;
 * - `true` (tests): no start-up table, no reload summaries, no line per request except failures, no function
 *   stdout. Problems always print: a request the gateway answered with an error of its own (function error,
 *   timeout, bad result: the reason of a 502), the gateway's internal errors, a function's stderr.
 */
export interface Verbosity {
  readonly startUp: boolean;
  readonly requests: 'all' | 'failures';
  readonly functionStdout: boolean;
}

export type Quiet = boolean | 'requests';

export function verbosity(quiet: Quiet): Verbosity {
  return { startUp: quiet !== true, requests: quiet === false ? 'all' : 'failures', functionStdout: quiet !== true };
}

/** An HTTP exchange the gateway answered with a 5xx of its own, with the reason. */
export function isFailedExchange(record: { readonly response: { readonly statusCode: number; readonly log: { readonly error?: string } } }): boolean {
  return record.response.statusCode >= 500 && record.response.log.error !== undefined;
}

/** A WebSocket event the gateway failed (not a refusal by an authorizer: 401 / 403 are answers). */
export function isFailedWebSocketEvent(record: { readonly status?: number; readonly error?: string }): boolean {
  return record.error !== undefined && (record.status === undefined || record.status >= 500);
}
