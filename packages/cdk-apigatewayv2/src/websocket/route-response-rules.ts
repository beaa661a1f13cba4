import { Construct } from 'constructs';
import { throwInvalid } from '../private/invalid';
import { claimUniqueKey } from '../private/unique-keys';
import type { IWebSocketRoute } from './route';

/**
 * The only route response key WebSocket APIs support: "API Gateway supports only `$default`" as route response
 * selection expression and key.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-route-response-selection-expressions.html
 */
export const DEFAULT_ROUTE_RESPONSE_KEY = '$default';

/** A route has at most one route response (its `$default`): refuses the second, naming the first. */
export function claimRouteResponse(scope: Construct, route: IWebSocketRoute): void {
  const holder = claimUniqueKey({ owner: route, key: `routeResponse:${DEFAULT_ROUTE_RESPONSE_KEY}`, claimant: scope.node.path });
  if (holder !== undefined) {
    throwInvalid(scope, {
      subject: 'WebSocketRouteResponse',
      prop: 'route',
      rule: "must have one route response only ('$default')",
      got: `'${route.node.path}' whose response is '${holder}' already`,
    });
  }
}
