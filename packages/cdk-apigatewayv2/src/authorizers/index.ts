export * from './http-jwt-authorizer';
export * from './http-user-pool-authorizer';
export * from './http-lambda-response-type';
export * from './http-lambda-authorizer';
export * from './http-iam-authorizer';
export * from './websocket-lambda-authorizer';
export * from './websocket-iam-authorizer';
