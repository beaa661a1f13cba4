import type { ApiModel } from '../model/index.js';
import type { GatewayApiInfo } from './gateway.js';

/**
 * How an API is reached: HTTP APIs at `http://host:port[/stage]`; WebSocket APIs at `ws://host:port/stage`,
 * with the stage's management API (callback URL) at `http://host:port/stage`.
 */
export function apiInfo(api: ApiModel, httpUrl: string): GatewayApiInfo {
  const url = api.protocol === 'WEBSOCKET' ? httpUrl.replace(/^http:/, 'ws:') : httpUrl;
  const under = (base: string, stage: string): string => (stage === '$default' ? base : `${base}/${encodeURIComponent(stage)}`);
  return {
    stackName: api.ref.stackName,
    logicalId: api.ref.logicalId,
    name: api.name,
    protocol: api.protocol,
    url,
    stages: api.stages.map((stage) =>
      api.protocol === 'WEBSOCKET'
        ? { name: stage.name, url: under(url, stage.name), callbackUrl: under(httpUrl, stage.name) }
        : { name: stage.name, url: under(url, stage.name) },
    ),
  };
}

/** The URL clients use: a wildcard listen address is reached through loopback. */
export function baseUrl(host: string, port: number): string {
  let shown = host;
  if (host === '0.0.0.0' || host === '') shown = '127.0.0.1';
  else if (host === '::') shown = '[::1]';
  else if (host.includes(':')) shown = `[${host}]`;
  return `http://${shown}:${port}`;
}
