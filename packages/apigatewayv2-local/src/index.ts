export type * from './model/index.js';
export type { Invoker, InvokeRequest, InvokeResult } from './lambda/invoker.js';
