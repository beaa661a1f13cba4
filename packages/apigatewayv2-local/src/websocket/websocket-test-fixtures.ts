/**
 * Test support for the WebSocket core's unit tests (not used at run time): a WebSocket API model built like
 * the template reader builds one, a handshake request, and deps with a fixed clock and counted ids.
 */
import type { ApiModel, RouteModel } from '../model/index.js';
import { FakeInvoker, deps as httpDeps, lambdaIntegration, returns, route, stage, STACK } from '../http/http-test-fixtures.js';
import type { ReceivedRequest } from '../gateway/received-request.js';
import type { WebSocketDeps } from './types.js';

export { FakeInvoker, returns };

export const CONNECTED_AT = 1607854667185;

/** A route of a WebSocket API; `twoWay` adds the `$default` route response. */
export function wsRoute(routeKey: string, options: { readonly twoWay?: boolean; readonly integrationId?: string } = {}): RouteModel {
  return route(routeKey, options.integrationId ?? 'Integ', options.twoWay ? { routeResponseSelectionExpression: '$default', routeResponseKeys: ['$default'] } : {});
}

export function webSocketApi(routes: readonly RouteModel[], routeSelectionExpression = '$request.body.action'): ApiModel {
  return {
    ref: { stackName: STACK, logicalId: 'Chat' },
    apiId: 'abc123defg',
    name: 'chat',
    protocol: 'WEBSOCKET',
    disableExecuteApiEndpoint: false,
    routeSelectionExpression,
    routes,
    integrations: new Map([['Integ', lambdaIntegration({ payloadFormatVersion: '1.0', timeoutMs: 29_000 })]]),
    authorizers: new Map(),
    stages: [stage('dev', { color: 'blue' })],
    models: new Map(),
  };
}

export function upgrade(path = '/dev', rawQueryString = '', headers: ReceivedRequest['headers'] = []): ReceivedRequest {
  return {
    method: 'GET',
    path,
    rawQueryString,
    headers: [['Host', '127.0.0.1:3001'], ['User-Agent', 'wscat/5'], ['Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ=='], ...headers],
    body: Buffer.alloc(0),
    sourceIp: '203.0.113.7',
    protocol: 'HTTP/1.1',
    receivedAtMs: CONNECTED_AT,
  };
}

export function wsDeps(extra: Partial<WebSocketDeps> = {}): WebSocketDeps {
  let connections = 0;
  return { ...httpDeps(), newConnectionId: () => `Conn${String(++connections).padStart(11, '0')}=`, checkManagementSignature: () => Promise.resolve({ kind: 'verified' }), ...extra };
}
