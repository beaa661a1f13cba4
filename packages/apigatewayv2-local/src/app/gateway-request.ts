import { GatewayError } from '../errors.js';
import { resourceKey } from '../model/index.js';
import type { GatewayApiInfo } from './gateway.js';

/** The HTTP API `gateway.request` names: by logical id, `Name` or `stackName/logicalId`, exactly one. */
export function findHttpApi(apis: readonly GatewayApiInfo[], name: string): GatewayApiInfo {
  const matches = apis.filter((api) => api.logicalId === name || api.name === name || resourceKey(api) === name);
  const listed = (list: readonly GatewayApiInfo[]): string => list.map((api) => `${resourceKey(api)} (${api.name}, ${api.protocol})`).join(', ') || 'none';
  if (matches.length === 0) {
    throw new GatewayError('UNKNOWN_API', `no API '${name}': give a logical id, Name or stackName/logicalId of ${listed(apis)}`);
  }
  if (matches.length > 1) {
    throw new GatewayError('UNKNOWN_API', `'${name}' names several APIs (${listed(matches)}); give stackName/logicalId`);
  }
  const [api] = matches as [GatewayApiInfo];
  if (api.protocol !== 'HTTP') {
    throw new GatewayError(
      'UNKNOWN_API',
      `${resourceKey(api)} is a WebSocket API; gateway.request serves HTTP APIs only: connect a WebSocket client to ${api.url}`,
    );
  }
  return api;
}

/** The fetch `Request` for `gateway.request`'s arguments; a relative URL resolves against the API's URL. */
export function toFetchRequest(api: GatewayApiInfo, input: Request | string | URL, init: RequestInit | undefined): Request {
  if (input instanceof Request) return init === undefined ? input : new Request(input, init);
  return new Request(new URL(input, api.url), init);
}
