import type { IApi } from '../common/api';

/**
 * The APIs that are WebSocket APIs (defined or imported): `IApi` does not say its protocol, and rules such as
 * "no WebSocket and HTTP APIs on one domain" need it. Registered by the WebSocket API classes themselves.
 */
const webSocketApis = new WeakSet<IApi>();

/** Records that `api` is a WebSocket API. */
export function markWebSocketApi(api: IApi): void {
  webSocketApis.add(api);
}

/** Whether `api` is a WebSocket API of this library. */
export function isWebSocketApi(api: IApi): boolean {
  return webSocketApis.has(api);
}
