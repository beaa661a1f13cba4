import type { ApiModel, RouteModel, StageModel } from '../model/index.js';
import { compileSelectionExpression, evaluateSelectionExpression, type SelectionExpression } from './selection-expression.js';

export const CONNECT_ROUTE_KEY = '$connect';
export const DISCONNECT_ROUTE_KEY = '$disconnect';
export const DEFAULT_ROUTE_KEY = '$default';

/** What is computed once per WebSocket API and reused for every connection and message. */
export interface CompiledWebSocketApi {
  readonly api: ApiModel;
  /** Routes by route key (exact, case-sensitive). */
  readonly routes: ReadonlyMap<string, RouteModel>;
  readonly selection: SelectionExpression;
}

const compiledApis = new WeakMap<ApiModel, CompiledWebSocketApi>();

export function compileWebSocketApi(api: ApiModel): CompiledWebSocketApi {
  let compiled = compiledApis.get(api);
  if (!compiled) {
    compiled = {
      api,
      routes: new Map(api.routes.map((route) => [route.routeKey, route])),
      selection: compileSelectionExpression(api.routeSelectionExpression),
    };
    compiledApis.set(api, compiled);
  }
  return compiled;
}

/**
 * The route for a message: the route whose key equals the selection expression's value, else `$default`;
 * undefined when neither exists. A message that is not JSON, or an expression that cannot be read, goes to
 * `$default`. The predefined `$connect` / `$disconnect` routes are never selected by a message.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-develop-routes.html
 */
export function selectMessageRoute(compiled: CompiledWebSocketApi, body: string): RouteModel | undefined {
  const key = compiled.selection.ok ? evaluateSelectionExpression(compiled.selection, body) : undefined;
  if (key !== undefined && key !== CONNECT_ROUTE_KEY && key !== DISCONNECT_ROUTE_KEY) {
    const route = compiled.routes.get(key);
    if (route) return route;
  }
  return compiled.routes.get(DEFAULT_ROUTE_KEY);
}

/**
 * A two-way route sends its integration's result back to the sender: it has a route response (key
 * `$default`) and a `RouteResponseSelectionExpression`. Other routes are one-way.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-route-response.html
 */
export function isTwoWay(route: RouteModel): boolean {
  return route.routeResponseSelectionExpression !== undefined && (route.routeResponseKeys ?? []).length > 0;
}

/**
 * The stage a handshake path names: `/{stage}` (a trailing slash allowed). A `$default` stage, where one
 * exists, serves the root path.
 */
export function selectWebSocketStage(stages: readonly StageModel[], path: string): StageModel | undefined {
  const name = path.replace(/^\//, '').replace(/\/$/, '');
  if (name === '') return stages.find((stage) => stage.name === DEFAULT_ROUTE_KEY);
  return stages.find((stage) => stage.name === name || encodeURIComponent(stage.name) === name);
}
