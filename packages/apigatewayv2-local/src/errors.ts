/**
 * The package's one catalogue of codes: diagnostics reported at start-up and errors thrown to callers.
 * Add new codes here (alphabetical within a group) rather than inventing strings at the call site.
 */
export const DiagnosticCode = {
  /** A resource type the gateway does not serve or run. */
  UNSUPPORTED_RESOURCE: 'UNSUPPORTED_RESOURCE',
  /** A property that affects request handling and is not emulated. */
  UNSUPPORTED_PROPERTY: 'UNSUPPORTED_PROPERTY',
} as const;
export type DiagnosticCode = (typeof DiagnosticCode)[keyof typeof DiagnosticCode];

/** An error the gateway throws to its caller (bad input, bad options); `code` is stable for tests. */
export class GatewayError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}
