import type { ModelEnvironment } from '../model/index.js';

/**
 * The ARN a request invokes, as Lambda authorizers receive it (`routeArn` / `methodArn`) and IAM policies
 * name it: `arn:{partition}:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}`, where the path
 * has no leading `/`; the `$default` route and WebSocket routes end in their route key instead of a method
 * and path (`…/{stage}/$default`, `…/{stage}/$connect`)
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-lambda-auth.html).
 * The path is the one requested (stage prefix removed), not the route's template (unconfirmed which).
 */
export function executeApiArn(environment: ModelEnvironment, apiId: string, stage: string, target: ExecuteApiTarget): string {
  const tail = target.kind === 'route-key' ? target.routeKey : `${target.method}/${target.path.replace(/^\/+/, '')}`;
  return `arn:${environment.partition}:execute-api:${environment.region}:${environment.accountId}:${apiId}/${stage}/${tail}`;
}

export type ExecuteApiTarget =
  /** An HTTP route with a method and path. */
  | { readonly kind: 'request'; readonly method: string; readonly path: string }
  /** `$default` (HTTP) or a WebSocket route key such as `$connect`. */
  | { readonly kind: 'route-key'; readonly routeKey: string };
