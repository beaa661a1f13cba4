/** What a 2.0 integration event has that the authorizer event drops or completes. */
interface EventV2Shape {
  readonly body?: unknown;
  readonly isBase64Encoded?: unknown;
  readonly cookies?: readonly string[];
}

/**
 * A 2.0 authorizer event (`APIGatewayRequestAuthorizerEventV2` of `@types/aws-lambda`): the integration event
 * without its body, with `type`, `routeArn`, `identitySource` and `cookies` always present.
 */
export type AuthorizerEventV2<E extends EventV2Shape> = Omit<E, 'body' | 'isBase64Encoded' | 'cookies'> & {
  readonly type: 'REQUEST';
  readonly routeArn: string;
  readonly identitySource: string[];
  readonly cookies: string[];
};

/**
 * The payload format 2.0 authorizer event: the 2.0 integration event of the same request without its body,
 * plus `type`, `routeArn` and the resolved `identitySource` values in configuration order
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html).
 */
export function buildAuthorizerEventV2<E extends EventV2Shape>(event: E, routeArn: string, identitySource: readonly string[]): AuthorizerEventV2<E> {
  const { body: _body, isBase64Encoded: _isBase64Encoded, cookies, ...request } = event;
  return { type: 'REQUEST', routeArn, identitySource: [...identitySource], ...request, cookies: [...(cookies ?? [])] };
}

/** What a 1.0-style integration event (HTTP payload 1.0, WebSocket `$connect`) has that the authorizer event drops or replaces. */
interface EventV1Shape {
  readonly body?: unknown;
  readonly isBase64Encoded?: unknown;
  readonly requestContext: object;
}

/** A 1.0-style authorizer event: the integration event without body or authorizer, plus `type` and `methodArn`. */
export type AuthorizerEventV1<E extends EventV1Shape> = Omit<E, 'body' | 'isBase64Encoded' | 'requestContext'> & {
  readonly type: 'REQUEST';
  readonly methodArn: string;
  readonly requestContext: Omit<E['requestContext'], 'authorizer'>;
  /** HTTP APIs only: the identity values joined with `,`. */
  readonly identitySource?: string;
  readonly authorizationToken?: string;
};

/**
 * The payload format 1.0 authorizer event (HTTP APIs) and the `$connect` authorizer event (WebSocket APIs):
 * the request as its 1.0-style integration event describes it, without body and authorizer, with `type:
 * "REQUEST"` and `methodArn`. HTTP APIs add `identitySource` and `authorizationToken`: the identity values
 * joined with commas (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-lambda-auth.html).
 */
export function buildAuthorizerEventV1<E extends EventV1Shape>(
  event: E,
  methodArn: string,
  identitySource?: readonly string[],
): AuthorizerEventV1<E> {
  const { body: _body, isBase64Encoded: _isBase64Encoded, requestContext, ...request } = event;
  const { authorizer: _authorizer, ...context } = requestContext as E['requestContext'] & { authorizer?: unknown };
  const joined = identitySource?.join(',');
  return {
    ...request,
    ...(joined === undefined ? {} : { identitySource: joined, authorizationToken: joined }),
    type: 'REQUEST',
    methodArn,
    requestContext: context,
  };
}
