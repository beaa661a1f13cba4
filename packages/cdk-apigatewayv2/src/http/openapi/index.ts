export * from './api-definition';
export { HttpApiToOpenApiOptions } from './to-open-api';
