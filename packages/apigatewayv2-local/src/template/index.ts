export { readModelFiles, DEFAULT_ACCOUNT_ID, DEFAULT_REGION, type ModelFiles, type ReadModelOptions } from './read-gateway-model.js';
export { findFunction } from './find-function.js';
