export * from './api';
export * from './api-key-selection-expression';
export * from './authorizer';
export * from './integration';
export * from './model';
export * from './route';
export * from './stage';
export * from './integration-response';
