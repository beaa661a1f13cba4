export { readGatewayModel, DEFAULT_ACCOUNT_ID, DEFAULT_REGION, type ModelSource, type ReadModelOptions } from './read-gateway-model.js';
export { findFunction } from './find-function.js';
