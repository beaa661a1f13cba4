import { Stack } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';

/**
 * Where resources that belong to an API (integrations, authorizers) are created when a route binds them:
 * under the API itself, so their construct path and logical id do not depend on which route came first,
 * unless the API lives in another stack than the route (then under the route, in the route's stack).
 */
export function bindingScope(api: IConstruct, route: Construct): Construct {
  return Construct.isConstruct(api) && Stack.of(api) === Stack.of(route) ? api : route;
}
