import { createHash } from 'node:crypto';
import { Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { containsTokens } from '../private/stable-stringify';
import { IApi } from './api';
import { IIntegration } from './integration';

/**
 * One request to bind an integration configuration to an API, as made by a route (HTTP or WebSocket).
 *
 * Internal: not exported from the package root.
 */
export interface IntegrationBinding<C, R extends IIntegration> {
  /** The API the integration resource belongs to. */
  readonly api: IApi;
  /** The construct that binds (the route): a new integration resource is created under it. */
  readonly scope: Construct;
  /**
   * The family of integration resource, used as construct id prefix and to keep families apart
   * (e.g. `HttpIntegration`, `WebSocketIntegration`).
   */
  readonly kind: string;
  /** The configuration returned by the route integration's `bind()`; it decides which resource is shared. */
  readonly config: C;
  /** Creates the integration resource the first time this configuration is bound to `api`. */
  readonly create: (scope: Construct, id: string, config: C) => R;
}

/** Integration resources already created, per API and then per `kind` + configuration text. */
const bound = new WeakMap<IApi, Map<string, IIntegration>>();

/**
 * The one binding path for route integrations, shared by HTTP and WebSocket routes: returns the integration
 * resource already created on `api` for an equal configuration, or creates it.
 *
 * The rule is @aws-cdk 1.123's, so that migrated stacks keep their logical ids: the configuration is resolved
 * (tokens become intrinsics) and serialized with `JSON.stringify`, keys in the order `bind()` wrote them; the
 * MD5 of that text names the resource (`<kind>-<hex digest>`), which is created under the first route that binds
 * it. Every later route of the same API and stack binding an equal configuration reuses that resource.
 */
export function bindIntegration<C, R extends IIntegration>(binding: IntegrationBinding<C, R>): R {
  let integrations = bound.get(binding.api);
  if (!integrations) {
    integrations = new Map();
    bound.set(binding.api, integrations);
  }
  // A token's text is stable for the token, so equal unresolved text means an equal configuration: remembering it
  // lets resolving (the costly part: a Lambda integration's URI is a token) run once per distinct configuration
  // rather than once per route.
  const text = JSON.stringify(binding.config);
  // Shared within one stack only: a route in the API's stack that reused an integration made in a stack of routes
  // would make the API's stack depend on that stack, which depends on the API's (a cycle). Per stack, every
  // reference goes from the routes' stack to the API's.
  const stack = Stack.of(binding.scope).node.addr;
  const unresolved = `${stack}~${binding.kind}~${text}`;
  const known = integrations.get(unresolved);
  if (known) {
    // Safe: the keys start with `kind`, and one kind always creates the same resource type.
    return known as R;
  }
  const resolved = containsTokens(binding.config) ? JSON.stringify(Stack.of(binding.scope).resolve(binding.config)) : text;
  const digest = createHash('md5').update(resolved).digest('hex');
  const key = `${stack}:${binding.kind}:${digest}`;
  let integration = integrations.get(key);
  if (!integration) {
    integration = binding.create(binding.scope, `${binding.kind}-${digest}`, binding.config);
    integrations.set(key, integration);
  }
  integrations.set(unresolved, integration);
  return integration as R;
}
