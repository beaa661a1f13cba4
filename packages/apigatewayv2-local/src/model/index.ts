export * from './gateway-model.js';
export * from './api-model.js';
export * from './integration-model.js';
export * from './authorizer-model.js';
export * from './function-model.js';
