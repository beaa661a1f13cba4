import type { GatewayErrorStatus } from './gateway-error.js';
import type { HeaderPair } from './types.js';

/** What an integration produced: a response to pass on, or an error the gateway answers itself. */
export type IntegrationOutcome =
  | { readonly kind: 'reply'; readonly statusCode: number; readonly headers: readonly HeaderPair[]; readonly body: Buffer }
  | { readonly kind: 'gateway-error'; readonly status: GatewayErrorStatus; readonly error: string };

export function failWith(status: GatewayErrorStatus, error: string): IntegrationOutcome {
  return { kind: 'gateway-error', status, error };
}
