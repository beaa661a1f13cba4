export * from './lambda-websocket';
