export * from './lambda-proxy-integration';
export * from './http-proxy-integration';
export * from './http-private-integration-options';
export * from './http-alb-integration';
export * from './http-nlb-integration';
export * from './http-service-discovery-integration';
export * from './lambda-websocket';
