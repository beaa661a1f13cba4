/**
 * The package's one catalogue of codes: diagnostics reported at start-up and errors thrown to callers.
 * Add new codes here (alphabetical within a group) rather than inventing strings at the call site.
 */
export const DiagnosticCode = {
  /** A resource type the gateway does not serve or run. */
  UNSUPPORTED_RESOURCE: 'UNSUPPORTED_RESOURCE',
  /** A property that affects request handling and is not emulated. */
  UNSUPPORTED_PROPERTY: 'UNSUPPORTED_PROPERTY',

  // Template reading (src/template)
  /** A resource that is read but has no local effect (e.g. `AWS::ApiGatewayV2::Deployment`). */
  IGNORED_RESOURCE: 'IGNORED_RESOURCE',
  /** A property value that breaks a rule (wrong type, unknown enum value, dangling reference). */
  INVALID_PROPERTY: 'INVALID_PROPERTY',
  /** A Lambda function whose code cannot be found locally (S3 object that is not an asset, image). */
  FUNCTION_CODE_UNAVAILABLE: 'FUNCTION_CODE_UNAVAILABLE',
  /** A value the runtime had to assume (missing default, e.g. `PayloadFormatVersion`). */
  ASSUMED_DEFAULT: 'ASSUMED_DEFAULT',
  /** A child resource (route, integration, stage …) whose `ApiId` names no API in the model. */
  UNKNOWN_API: 'UNKNOWN_API',
  /** An intrinsic function that could not be evaluated locally (missing parameter, unknown export …). */
  UNRESOLVED_VALUE: 'UNRESOLVED_VALUE',
} as const;
export type DiagnosticCode = (typeof DiagnosticCode)[keyof typeof DiagnosticCode];

/** Codes of errors thrown to callers (`GatewayError.code`). */
export const ErrorCode = {
  /** `--app` command exited non-zero or wrote no cloud assembly. */
  APP_SYNTH_FAILED: 'APP_SYNTH_FAILED',
  /** The cloud assembly directory or its `manifest.json` is missing or malformed. */
  ASSEMBLY_INVALID: 'ASSEMBLY_INVALID',
  /** A `startGateway` option or CLI flag breaks a rule (unknown flag, bad port, two sources, no source …). */
  INVALID_OPTION: 'INVALID_OPTION',
  /** The source holds no `AWS::ApiGatewayV2::Api`: nothing to serve. */
  NO_API: 'NO_API',
  /** An API's port is taken by another process. */
  PORT_IN_USE: 'PORT_IN_USE',
  /** A template file is missing, unreadable, or not valid JSON/YAML. */
  TEMPLATE_INVALID: 'TEMPLATE_INVALID',
  /** `gateway.request` names no HTTP API of the model (unknown, ambiguous, or a WebSocket API). */
  UNKNOWN_API: 'UNKNOWN_API',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

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
