export * from './access-log';
export * from './api';
export * from './api-mapping';
export * from './authorizer';
export * from './domain-name';
export * from './integration';
export * from './route';
export * from './stage';
