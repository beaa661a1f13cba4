export * from './gateway-model.js';
