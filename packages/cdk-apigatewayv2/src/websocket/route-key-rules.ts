import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { throwInvalid } from '../private/invalid';

/**
 * The route keys API Gateway predefines for WebSocket APIs; every other key is a custom key and must not
 * start with `$` (https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-develop-routes.html).
 */
export const PREDEFINED_ROUTE_KEYS: readonly string[] = ['$connect', '$disconnect', '$default'];

/** The only route key on which authorizers and API keys take effect (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-lambda-auth.html). */
export const CONNECT_ROUTE_KEY = '$connect';

/** Refuses a route key that another route of the same API already has. */
export function throwDuplicateRouteKey(scope: IConstruct, routeKey: string, holderPath: string): never {
  return throwInvalid(scope, { subject: 'WebSocketRoute', prop: 'routeKey', rule: 'must be unique within its API', got: `'${routeKey}', already used by '${holderPath}'` });
}

/**
 * Throws unless `routeKey` is a predefined key or a custom key without a leading `$`.
 */
export function validateWebSocketRouteKey(routeKey: string): void {
  if (Token.isUnresolved(routeKey)) {
    return;
  }
  if (routeKey.trim() === '') {
    throwInvalid(undefined, { subject: 'WebSocketRoute', prop: 'routeKey', rule: 'must not be empty or blank', value: routeKey });
  }
  if (routeKey.startsWith('$') && !PREDEFINED_ROUTE_KEYS.includes(routeKey)) {
    throwInvalid(undefined, { subject: 'WebSocketRoute', prop: 'routeKey', rule: "must be '$connect', '$disconnect', '$default' or a custom key that does not start with '$'", value: routeKey });
  }
}

// A variable is `$name.path` or `${name.path}`; `\$` is a literal dollar sign and not a variable.
const SELECTION_TOKEN = /\\\$|\$\{([^}]*)\}|\$([A-Za-z][\w.\-[\]'"]*)/g;
const BODY_VARIABLE = /^request\.body\.\S+$/;

/**
 * Throws unless every variable of a route selection expression reads the message body
 * (`$request.body.{jsonpath}` or `${request.body.{jsonpath}}`); static text is allowed.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-selection-expressions.html
 */
export function validateRouteSelectionExpression(expression: string): void {
  if (Token.isUnresolved(expression)) {
    return;
  }
  if (expression.trim() === '') {
    throwInvalid(undefined, { subject: 'WebSocketApi', prop: 'routeSelectionExpression', rule: 'must not be empty', value: expression });
  }
  for (const match of expression.matchAll(SELECTION_TOKEN)) {
    const variable = match[1] ?? match[2];
    if (variable !== undefined && !BODY_VARIABLE.test(variable)) {
      throwInvalid(undefined, { subject: 'WebSocketApi', prop: 'routeSelectionExpression', rule: "may only use '$request.body.{path}' variables", value: expression });
    }
  }
}
