export { exportOpenApi, type ExportOpenApiOptions, type OpenApiDocument, type OpenApiValue } from './export-openapi.js';
export { runOpenApiCommand, selectHttpApi, formatDocument, type OpenApiCommandOptions, type OpenApiFormat } from './openapi-command.js';
