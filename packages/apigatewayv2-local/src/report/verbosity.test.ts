import { describe, expect, test } from 'vitest';
import { isFailedExchange, isFailedWebSocketEvent, verbosity } from './verbosity.js';

describe('verbosity', () => {
  test('quiet: true keeps only problems; the CLI -q keeps the start-up table', () => {
    expect(verbosity(true)).toEqual({ startUp: false, requests: 'failures', functionStdout: false });
    expect(verbosity('requests')).toEqual({ startUp: true, requests: 'failures', functionStdout: true });
    expect(verbosity(false)).toEqual({ startUp: true, requests: 'all', functionStdout: true });
  });

  test('a failure is a gateway error with a reason, not a handler 500 or an authorizer refusal', () => {
    expect(isFailedExchange({ response: { statusCode: 502, log: { error: 'function error: boom' } } })).toBe(true);
    expect(isFailedExchange({ response: { statusCode: 500, log: {} } })).toBe(false);
    expect(isFailedExchange({ response: { statusCode: 403, log: { error: 'refused' } } })).toBe(false);
    expect(isFailedWebSocketEvent({ status: 500, error: 'function error' })).toBe(true);
    expect(isFailedWebSocketEvent({ status: 403, error: 'refused' })).toBe(false);
  });
});
