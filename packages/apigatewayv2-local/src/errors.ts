/**
 * The package's one catalogue of codes: diagnostics reported at start-up (`Diagnostic.code`) and errors
 * thrown to callers (`GatewayError.code`), each a string-literal union documented here. Add a new code to
 * its union (grouped by where it arises) rather than inventing a string at the call site.
 *
 * Diagnostics:
 * - `UNSUPPORTED_RESOURCE`: a resource type the gateway does not serve or run.
 * - `UNSUPPORTED_PROPERTY`: a property that affects request handling and is not emulated.
 * - `IGNORED_RESOURCE`: a resource that is read but has no local effect (e.g. `AWS::ApiGatewayV2::Deployment`).
 * - `INVALID_PROPERTY`: a property value that breaks a rule (wrong type, unknown enum value, dangling reference).
 * - `FUNCTION_CODE_UNAVAILABLE`: a Lambda function whose code cannot be found locally (S3 object that is not
 *   an asset, image).
 * - `ASSUMED_DEFAULT`: a value the runtime had to assume (missing default, e.g. `PayloadFormatVersion`).
 * - `UNKNOWN_API`: a child resource (route, integration, stage …) whose `ApiId` names no API in the model.
 * - `UNRESOLVED_VALUE`: an intrinsic function that could not be evaluated locally (missing parameter,
 *   unknown export …).
 * - `LAYER_UNAVAILABLE`: a function's layer whose files cannot be had locally (a published layer's ARN, or
 *   content that is not an asset directory).
 */
export type DiagnosticCode =
  | 'UNSUPPORTED_RESOURCE'
  | 'UNSUPPORTED_PROPERTY'
  // Template reading (src/template)
  | 'IGNORED_RESOURCE'
  | 'INVALID_PROPERTY'
  | 'FUNCTION_CODE_UNAVAILABLE'
  | 'ASSUMED_DEFAULT'
  | 'UNKNOWN_API'
  | 'UNRESOLVED_VALUE'
  | 'LAYER_UNAVAILABLE';

/**
 * Codes of errors thrown to callers (`GatewayError.code`):
 * - `APP_SYNTH_FAILED`: the `--app` command exited non-zero or wrote no cloud assembly.
 * - `ASSEMBLY_INVALID`: the cloud assembly directory or its `manifest.json` is missing or malformed.
 * - `INVALID_OPTION`: a `startGateway` option or CLI flag breaks a rule (unknown flag, bad port, two
 *   sources, no source …).
 * - `NO_API`: the source holds no `AWS::ApiGatewayV2::Api`: nothing to serve.
 * - `PORT_IN_USE`: an API's port is taken by another process.
 * - `TEMPLATE_INVALID`: a template file is missing, unreadable, or not valid JSON/YAML.
 * - `UNKNOWN_API`: `gateway.request` names no HTTP API of the model (unknown, ambiguous, or a WebSocket API).
 */
export type ErrorCode = 'APP_SYNTH_FAILED' | 'ASSEMBLY_INVALID' | 'INVALID_OPTION' | 'NO_API' | 'PORT_IN_USE' | 'TEMPLATE_INVALID' | 'UNKNOWN_API';

/** An error the gateway throws to its caller (bad input, bad options); `code` is stable for tests. */
export class GatewayError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}
