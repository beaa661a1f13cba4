export { compileHttpApi, handleHttpRequest, MISSING_INTEGRATION_STATUS } from './handle-http-request.js';
export type { CompiledHttpApi } from './handle-http-request.js';
export { GATEWAY_ERROR_MESSAGES, MAX_PAYLOAD_BYTES, gatewayError } from './gateway-error.js';
export type { GatewayErrorStatus } from './gateway-error.js';
export { UPSTREAM_FAILURE_STATUS } from './call-http-integration.js';
export type * from './types.js';
