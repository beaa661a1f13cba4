export { startGateway } from './app/start-gateway.js';
export type {
  AssemblyDirectory,
  StackInApp,
  SynthesizableApp,
  Gateway,
  GatewayApiInfo,
  GatewayStageInfo,
  LogSink,
  StartGatewayOptions,
} from './app/gateway.js';
export { GatewayError } from './errors.js';
export type { DiagnosticCode, ErrorCode } from './errors.js';
export type { LocalCredential } from './authorizers/local-credentials.js';
export type * from './model/index.js';
export type { Invoker, InvokeRequest, InvokeResult } from './lambda/invoker.js';
export { createLocalInvoker, DEFAULT_MAX_ENVIRONMENTS_PER_FUNCTION } from './lambda/create-local-invoker.js';
export type { LocalInvoker, LocalInvokerOptions } from './lambda/create-local-invoker.js';
export type { FunctionLogLine } from './lambda/function-log-line.js';
export { canRun } from './lambda/runtime-registry.js';
export type { CanRunResult } from './lambda/runtime-adapter.js';
export { findFunction, DEFAULT_ACCOUNT_ID, DEFAULT_REGION } from './template/index.js';
export type { ReadModelOptions } from './template/index.js';
export { readGatewayModel } from './source/read-gateway-model.js';
export type { ModelSource } from './source/read-gateway-model.js';
export { DEFAULT_WEBSOCKET_LIMITS } from './websocket/limits.js';
export type { WebSocketLimits } from './websocket/limits.js';
export type { WebSocketAuthorizerContext, WebSocketEvent, WebSocketRequestContext } from './websocket/build-websocket-event.js';
export type { AuthorizeRoute, RouteAccess, RouteAccessRequest } from './gateway/route-access.js';
export type { AuthorizerResult, RequestFacts } from './gateway/request-facts.js';
export { exportOpenApi, runOpenApiCommand } from './openapi/index.js';
export type { ExportOpenApiOptions, OpenApiCommandOptions, OpenApiDocument, OpenApiFormat, OpenApiValue } from './openapi/index.js';
