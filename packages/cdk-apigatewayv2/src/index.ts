export * from './common';
export * from './http';
export * as integrations from './integrations';
export * as authorizers from './authorizers';
